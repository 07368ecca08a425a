import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPolicy } from '../../src/policy/apply.js';
import { applySeverityOverrides } from '../../src/policy/severity-overrides.js';
import { findingIds } from '../../src/policy/finding-ids.js';
import { DEFAULT_POLICY, type AllowRule, type Policy } from '../../src/policy/policy.js';
import { parseSocketAddress } from '../../src/config/socket-address.js';
import { parseIpNet } from '../../src/select/ip-net.js';
import { leakReport } from '../helpers/report-builder.js';

// leakReport(): close-wait-stuck (error) on 10.0.0.2:8080 flows 2 and 3 and on [2001:db8::2]:443 flow 5;
// connection-reset (warning) held against 10.0.0.9:5432, service 10.0.0.9:5432.

function rule(finding: string, kind: 'service' | 'endpoint' | 'cidr', text: string, reason = 'known'): AllowRule {
  if (kind === 'cidr') return { finding, selector: { kind, net: parseIpNet(text), text }, reason };
  return { finding, selector: { kind, address: parseSocketAddress(text)!, text }, reason };
}

function gate(policy: Partial<Policy>) {
  return applyPolicy(leakReport(), { ...DEFAULT_POLICY, ...policy });
}

const flowsOf = (fs: { flowIds: number[] }[]): number[] => fs.flatMap((f) => f.flowIds);

describe('the failing level', () => {
  test('default error: the three close-wait-stuck errors fail, the reset warning does not', () => {
    const { verdict } = gate({});
    assert.equal(verdict.passed, false);
    assert.deepEqual(verdict.failing.map((f) => f.id), ['close-wait-stuck', 'close-wait-stuck', 'close-wait-stuck']);
    assert.deepEqual(verdict.allowed, []);
  });
  test('warning: the reset fails too', () => {
    assert.deepEqual(gate({ failOn: 'warning' }).verdict.failing.map((f) => f.id).sort(), ['close-wait-stuck', 'close-wait-stuck', 'close-wait-stuck', 'connection-reset']);
  });
  test('--fail-on-finding fails a finding below the level', () => {
    const { verdict } = gate({ failOnFindings: ['connection-reset'], severity: { 'close-wait-stuck': 'info' } });
    assert.deepEqual(verdict.failing.map((f) => f.id), ['connection-reset']);
  });
  test('the verdict lists every finding kind of the registry, so passing kinds can be shown', () => {
    assert.deepEqual(gate({}).verdict.kinds, [...findingIds()]);
    assert.ok(findingIds().includes('close-wait-stuck') && findingIds().includes('capture-quality'));
  });
});

describe('severity overrides', () => {
  test('lowering close-wait-stuck to info passes the gate and recounts the summary, without touching the input', () => {
    const input = leakReport();
    const { report, verdict } = applyPolicy(input, { ...DEFAULT_POLICY, severity: { 'close-wait-stuck': 'info' } });
    assert.equal(verdict.passed, true);
    assert.deepEqual(report.summary.findings, { error: 0, warning: 1, info: 3 });
    assert.deepEqual(report.findings.map((f) => f.severity), ['warning', 'info', 'info', 'info'], 'resorted most severe first');
    assert.equal(input.findings[0]!.severity, 'error');
    assert.deepEqual(input.summary.findings, { error: 3, warning: 1, info: 0 });
  });
  test('raising connection-reset to error fails the default gate', () => {
    const { verdict } = gate({ severity: { 'connection-reset': 'error' } });
    assert.ok(verdict.failing.some((f) => f.id === 'connection-reset' && f.severity === 'error'));
  });
  test('without overrides the report is returned as is (analyze output unchanged)', () => {
    const r = leakReport();
    assert.equal(applySeverityOverrides(r, {}), r);
    assert.equal(applySeverityOverrides(r, { 'syn-flood': 'info' }), r);
  });
  test('per-service worst severity follows the override', () => {
    const r = leakReport();
    r.services = [{ ip: '10.0.0.2', port: 8080, worst: 'error', findings: { 'close-wait-stuck': 2 }, flows: 2 }];
    const out = applySeverityOverrides(r, { 'close-wait-stuck': 'warning' });
    assert.ok(out.services!.every((s) => s.worst === 'warning'));
  });
});

describe('the allow-list', () => {
  test('by service: both leaks on 10.0.0.2:8080 are allowed with the reason, the IPv6 one still fails', () => {
    const { verdict } = gate({ allow: [rule('close-wait-stuck', 'service', '10.0.0.2:8080', 'JIRA-123')] });
    assert.deepEqual(flowsOf(verdict.allowed.map((a) => a.finding)), [2, 3]);
    assert.deepEqual(verdict.allowed.map((a) => [a.reason, a.rule]), [['JIRA-123', 'service 10.0.0.2:8080'], ['JIRA-123', 'service 10.0.0.2:8080']]);
    assert.deepEqual(flowsOf(verdict.failing), [5]);
    assert.equal(verdict.passed, false);
  });
  test('by service, IPv6 compared by value: [2001:0db8:0::2]:443 matches 2001:db8::2', () => {
    const { verdict } = gate({ allow: [rule('close-wait-stuck', 'service', '[2001:0db8:0::2]:443')] });
    assert.deepEqual(flowsOf(verdict.allowed.map((a) => a.finding)), [5]);
  });
  test('by endpoint: the reset held against 10.0.0.9:5432 no longer fails --fail-on warning', () => {
    const { verdict } = gate({
      failOn: 'warning',
      allow: [rule('connection-reset', 'endpoint', '10.0.0.9:5432'), rule('close-wait-stuck', 'cidr', '0.0.0.0/0'), rule('close-wait-stuck', 'cidr', '::/0')],
    });
    assert.equal(verdict.passed, true);
    assert.equal(verdict.allowed.length, 4);
  });
  test('by cidr: 10.0.0.0/30 holds 10.0.0.2 (allowed), not 10.0.0.9; 2001:db8::/126 holds the IPv6 service', () => {
    const { verdict } = gate({ failOn: 'warning', allow: [rule('close-wait-stuck', 'cidr', '10.0.0.0/30'), rule('connection-reset', 'cidr', '10.0.0.0/30'), rule('close-wait-stuck', 'cidr', '2001:db8::/126')] });
    assert.deepEqual(verdict.failing.map((f) => f.id), ['connection-reset']);
    assert.equal(verdict.allowed.length, 3);
  });
  test('an entry allows only its own finding id and its own port', () => {
    const { verdict } = gate({ failOn: 'warning', allow: [rule('connection-reset', 'service', '10.0.0.2:8080'), rule('close-wait-stuck', 'service', '10.0.0.2:8081')] });
    assert.equal(verdict.allowed.length, 0);
    assert.equal(verdict.failing.length, 4);
  });
  test('findings below the gate are not listed as allowed: they pass anyway', () => {
    const { verdict } = gate({ allow: [rule('connection-reset', 'endpoint', '10.0.0.9:5432')] });
    assert.equal(verdict.allowed.length, 0);
  });
  test('the first matching entry gives the reason', () => {
    const { verdict } = gate({ allow: [rule('close-wait-stuck', 'cidr', '10.0.0.0/8', 'first'), rule('close-wait-stuck', 'service', '10.0.0.2:8080', 'second')] });
    assert.deepEqual([...new Set(verdict.allowed.map((a) => a.reason))], ['first']);
  });
});
