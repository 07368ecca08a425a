import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildReport } from '../../src/build-report.js';
import { FindingCap } from '../../src/detect/finding-cap.js';
import { makeFinding } from '../../src/detect/finding.js';
import { aggregateByService } from '../../src/detect/services.js';
import type { Finding, Severity } from '../../src/model/report.js';
import { capture } from '../helpers/report-builder.js';

/** Finding n of a kind: starts at n seconds, on flow n of service 10.0.0.<n % 3>:80. */
function finding(id: string, n: number, severity: Severity = 'warning'): Finding {
  const service = { ip: `10.0.0.${n % 3}`, port: 80 };
  return makeFinding({ id, severity, message: `${id} ${n}`, endpoint: service, flowIds: [n], since: n, duration: 1, censored: false, frames: [n], service });
}

/** 40 resets (every 4th one info) and 7 stuck CLOSE_WAITs, offered latest first. */
function all(): Finding[] {
  const out: Finding[] = [];
  for (let n = 40; n >= 1; n--) out.push(finding('connection-reset', n, n % 4 === 0 ? 'info' : 'warning'));
  for (let n = 7; n >= 1; n--) out.push(finding('close-wait-stuck', 100 + n, 'error'));
  return out;
}

function report(listed: Finding[], cap?: FindingCap) {
  return buildReport({
    captures: [capture()],
    flowCount: 0,
    endStates: {},
    endStatesBySide: { client: {}, server: {} },
    analysis: { syn: 0, synAck: 0, fin: 0, rst: 0, retransmissions: 0, dupAcks: 0, zeroWindows: 0, keepAlives: 0 },
    findings: listed,
    ...(cap ? { omitted: cap.omitted() } : {}),
    flows: [],
  });
}

describe('FindingCap', () => {
  test('lists the earliest findings of each kind and counts the rest by severity', () => {
    const cap = new FindingCap(10);
    for (const f of all()) cap.offer(f);
    const resets = cap.listed().filter((f) => f.id === 'connection-reset').map((f) => f.since);
    assert.deepEqual(resets.sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(cap.listed().filter((f) => f.id === 'close-wait-stuck').length, 7);
    // Resets 11-40 are left out; every 4th of them is info.
    const infos = [...Array(30).keys()].map((i) => i + 11).filter((n) => n % 4 === 0).length;
    assert.deepEqual(cap.omitted().counts, { 'connection-reset': { error: 0, warning: 30 - infos, info: infos } });
  });

  test('a capped report counts every finding: the same summary counts and per-service tallies as listing all', () => {
    const cap = new FindingCap(10);
    for (const f of all()) cap.offer(f);
    const capped = report(cap.listed(), cap);
    const full = report(all());
    assert.deepEqual(capped.summary.findings, full.summary.findings);
    assert.deepEqual(capped.services, full.services);
    assert.deepEqual(capped.services, aggregateByService(all(), []));
    assert.equal(capped.findings.length, 17);
    assert.deepEqual(Object.keys(capped.summary.findingsOmitted ?? {}), ['connection-reset']);
    assert.equal(full.summary.findingsOmitted, undefined, 'absent when every finding is listed');
  });

  test('caps that each saw a share of the findings merge into what one cap fed all of them holds (a --jobs run)', () => {
    const one = new FindingCap(10);
    for (const f of all()) one.offer(f);
    const shards = [new FindingCap(10), new FindingCap(10), new FindingCap(10)];
    all().forEach((f, i) => shards[(f.flowIds[0]! * 7 + i) % 3]!.offer(f));
    const merged = new FindingCap(10);
    for (const s of shards) {
      for (const f of s.listed()) merged.offer(f);
      merged.absorb(s.omitted());
    }
    assert.deepEqual(report(merged.listed(), merged), report(one.listed(), one));
  });

  test('severity overrides apply before a finding is counted, listed or not', () => {
    const cap = new FindingCap(5, { 'connection-reset': 'error' });
    for (const f of all()) cap.offer(f);
    assert.ok(cap.listed().every((f) => f.severity === 'error'));
    assert.deepEqual(cap.omitted().counts['connection-reset'], { error: 35, warning: 0, info: 0 });
  });

  test('Infinity lists every finding', () => {
    const cap = new FindingCap(Infinity);
    for (const f of all()) cap.offer(f);
    assert.equal(cap.listed().length, 47);
    assert.deepEqual(cap.omitted(), { counts: {}, services: [] });
  });
});
