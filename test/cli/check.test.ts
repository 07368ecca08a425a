import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelCapturesAndDemo } from '../helpers/kernel-captures.js';
import { runCli } from '../helpers/run-cli.js';
import { findAll, parseXml } from '../report/junit-xml.js';

// Kernel fixtures (fixtures/kernel/<name>/expected.json):
//  normal-close-client: clean close, nothing at warning or above.
//  close-wait-leak: 127.0.0.1:8080 acks the client's FIN (frame 9) and never closes:
//    close-wait-stuck (error) on 127.0.0.1:8080, flow 1; plus info findings.
//  rst-abort: the client 127.0.0.1:40006 resets an established connection to 127.0.0.1:8080 (frame 8):
//    connection-reset (warning) held against 127.0.0.1:40006.
//  ipv6: close-wait-stuck (error) on [::1]:8080, flow from port 40013.
const CLEAN = 'fixtures/kernel/normal-close-client/capture.pcap';
const LEAK = 'fixtures/kernel/close-wait-leak/capture.pcap';
const RESET = 'fixtures/kernel/rst-abort/capture.pcap';
const V6 = 'fixtures/kernel/ipv6/capture.pcap';

const dir = mkdtempSync(join(tmpdir(), 'tcpstate-check-'));
let n = 0;
function config(value: unknown): string {
  const p = join(dir, `config-${++n}.json`);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}
const lastLine = (s: string): string => s.trimEnd().split('\n').at(-1)!;

// Each test spawns the CLI; running suites side by side keeps the file near 10 s on two cores.
describe('tcpstate check', { concurrency: 4 }, () => {
  describe('exit codes', { concurrency: 4 }, () => {
    test('0: a clean close (normal-close-client) has no finding at or above error', async () => {
      const r = await runCli(['check', CLEAN]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(lastLine(r.stdout), /^PASS: no finding at or above error/);
    });

    test('1: a CLOSE_WAIT leak (close-wait-leak, server 127.0.0.1:8080, frames 8-9) fails the gate', async () => {
      const r = await runCli(['check', LEAK]);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr, '');
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0]!, /^ERROR {4}close-wait-stuck {2}127\.0\.0\.1:8080 {2}.*\(flow 1; frames 8, 9; 6\.5 s, cut off by the end of the capture\)$/);
      assert.match(lastLine(r.stdout), /^FAIL: 1 finding at or above error \(close-wait-stuck ×1\)/);
    });

    test('3: a file that is not a capture, with one line on stderr and nothing on stdout', async () => {
      const p = join(dir, 'notes.txt');
      writeFileSync(p, 'these are not packets\n');
      const r = await runCli(['check', p]);
      assert.equal(r.code, 3);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `tcpstate: ${p}: byte 0: not a pcap or pcapng file (starts with 0x74686573)\n`);
    });

    test('3: a capture that does not exist', async () => {
      const r = await runCli(['check', join(dir, 'missing.pcap')]);
      assert.equal(r.code, 3);
      assert.equal(r.stderr.split('\n').length, 2, 'one line');
    });

    for (const [what, args] of [
      ['an unknown option', ['--fail-fast']],
      ['a --fail-on that is not a severity', ['--fail-on', 'critical']],
      ['bad --threshold syntax', ['--threshold', 'close-wait']],
      ['an unknown --threshold name', ['--threshold', 'close-wiat=3s']],
      ['an unknown id in --fail-on-finding', ['--fail-on-finding', 'connection-reset,close-wait']],
      ['an unknown --format', ['--format', 'xml']],
    ] as const) {
      test(`2: ${what}, before any capture is read`, async () => {
        const r = await runCli(['check', ...args, join(dir, 'missing.pcap')]);
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stdout, '');
        assert.notEqual(r.stderr, '');
      });
    }

    test('2: --fail-on-finding names the unknown id and suggests the right one', async () => {
      const r = await runCli(['check', '--fail-on-finding', 'connection-reset,close-wait', LEAK]);
      assert.equal(r.stderr, 'tcpstate: --fail-on-finding close-wait: unknown finding id (did you mean "close-wait-stuck"?)\n');
    });

    test('2: an invalid config, with the key path on one line, even when the capture is unreadable', async () => {
      const c = config({ allow: [{ finding: 'close-wait-stuck', service: '127.0.0.1:8080', reason: 'x' }, {}, { finding: 'close-wait-stuck', cidr: '127.0.0.0/8' }] });
      const r = await runCli(['check', '--config', c, join(dir, 'missing.pcap')]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, `tcpstate: ${c}: allow[1].finding: required\n`);
    });

    test('2: a config file that does not exist', async () => {
      const r = await runCli(['check', '--config', join(dir, 'nope.json'), LEAK]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, `tcpstate: ${join(dir, 'nope.json')}: cannot read: ENOENT\n`);
    });

    test('check --help documents the exit codes and the config file', async () => {
      const r = await runCli(['check', '--help']);
      assert.equal(r.code, 0);
      for (const s of ['Exit codes:', '0  no finding at or above', '1  at least one', '2  usage error', '3  unreadable', '--fail-on-finding <ids>', '"allow"']) {
        assert.ok(r.stdout.includes(s), s);
      }
    });
  });

  describe('the failing level', { concurrency: 4 }, () => {
    test('rst-abort: a connection-reset warning passes the default gate and fails --fail-on warning', async () => {
      assert.equal((await runCli(['check', RESET])).code, 0);
      const r = await runCli(['check', '--fail-on', 'warning', RESET]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^WARNING {2}connection-reset {2}127\.0\.0\.1:40006 /m);
    });

    test('--fail-on-finding fails rst-abort on its connection-reset whatever its severity', async () => {
      assert.equal((await runCli(['check', '--fail-on-finding', 'syn-flood', '--fail-on-finding', 'connection-reset', RESET])).code, 1);
    });

    test('config failOn applies; --fail-on on the command line wins over it', async () => {
      const c = config({ failOn: 'warning' });
      assert.equal((await runCli(['check', '--config', c, RESET])).code, 1);
      assert.equal((await runCli(['check', '--config', c, '--fail-on', 'error', RESET])).code, 0);
    });

    test('--threshold close-wait=30s: the 6.5 s CLOSE_WAIT of close-wait-leak is below it (info) and passes', async () => {
      const r = await runCli(['check', '--threshold', 'close-wait=30s', '--format', 'json', LEAK]);
      assert.equal(r.code, 0, r.stdout);
      const report = JSON.parse(r.stdout);
      assert.equal(report.findings.find((f: { id: string }) => f.id === 'close-wait-stuck').severity, 'info');
    });

    test('config thresholds apply, and --threshold overrides them', async () => {
      const c = config({ thresholds: { 'close-wait': '30s' } });
      assert.equal((await runCli(['check', '--config', c, LEAK])).code, 0);
      assert.equal((await runCli(['check', '--config', c, '--threshold', 'close-wait=5s', LEAK])).code, 1);
    });

    test('a config severity override lowers close-wait-stuck to warning: passes, and the json shows the new severity', async () => {
      const r = await runCli(['check', '--config', config({ severity: { 'close-wait-stuck': 'warning' } }), '--format', 'json', LEAK]);
      assert.equal(r.code, 0);
      const report = JSON.parse(r.stdout);
      assert.equal(report.findings[0].id, 'close-wait-stuck');
      assert.equal(report.findings[0].severity, 'warning');
      assert.equal(report.summary.findings.error, 0);
      assert.deepEqual(report.check.severityOverrides, { 'close-wait-stuck': 'warning' });
    });
  });

  describe('the allow-list', { concurrency: 4 }, () => {
    const allow = (sel: Record<string, string>, finding = 'close-wait-stuck') =>
      config({ allow: [{ finding, ...sel, reason: 'known leak, JIRA-123' }] });

    for (const [kind, sel] of [
      ['service', { service: '127.0.0.1:8080' }],
      ['endpoint', { endpoint: '127.0.0.1:8080' }],
      ['cidr', { cidr: '127.0.0.0/8' }],
    ] as const) {
      test(`allowed by ${kind}: close-wait-leak passes and the finding shows as allowed with its reason`, async () => {
        const r = await runCli(['check', '--config', allow(sel), LEAK]);
        assert.equal(r.code, 0, r.stdout);
        assert.match(r.stdout, new RegExp(`^ALLOWED  close-wait-stuck  127\\.0\\.0\\.1:8080  known leak, JIRA-123 \\[${kind} `, 'm'));
        assert.match(lastLine(r.stdout), /^PASS: no finding at or above error; 1 allowed/);
      });
    }

    test('IPv6 (fixture ipv6): allowed by service [::1]:8080 and by cidr ::1/128', async () => {
      assert.equal((await runCli(['check', V6])).code, 1);
      assert.equal((await runCli(['check', '--config', allow({ service: '[::1]:8080' }), V6])).code, 0);
      assert.equal((await runCli(['check', '--config', allow({ cidr: '::1/128' }), V6])).code, 0);
    });

    test('an entry for another service, another id or another network still fails', async () => {
      for (const c of [allow({ service: '127.0.0.1:8081' }), allow({ service: '127.0.0.1:8080' }, 'fin-wait-2-orphaned'), allow({ cidr: '10.0.0.0/8' })]) {
        assert.equal((await runCli(['check', '--config', c, LEAK])).code, 1);
      }
    });

    test('json: the allowed finding stays in findings and is listed in check.allowed with reason and rule', async () => {
      const r = await runCli(['check', '--config', allow({ service: '127.0.0.1:8080' }), '--format', 'json', LEAK]);
      const report = JSON.parse(r.stdout);
      assert.ok(report.findings.some((f: { id: string }) => f.id === 'close-wait-stuck'));
      assert.deepEqual(
        { ...report.check, allowed: report.check.allowed.map((a: Record<string, unknown>) => [a.id, a.reason, a.rule, a.flowIds]) },
        { failOn: 'error', failOnFindings: [], severityOverrides: {}, passed: true, failing: 0, failingById: {}, allowed: [['close-wait-stuck', 'known leak, JIRA-123', 'service 127.0.0.1:8080', [1]]] },
      );
    });

    test('junit: the allowed kind is <skipped message="allowed: reason">, not a failure', async () => {
      const r = await runCli(['check', '--config', allow({ cidr: '127.0.0.0/8' }), '--format', 'junit', LEAK]);
      const tc = findAll(parseXml(r.stdout), 'testcase').find((t) => t.attrs.name === 'close-wait-stuck')!;
      assert.deepEqual(tc.children.map((c) => [c.name, c.attrs.message]), [['skipped', 'allowed: known leak, JIRA-123']]);
    });
  });

  describe('formats', { concurrency: 4 }, () => {
    test('junit parses as XML, one failure per finding kind that fired at or above the level (close-wait-leak, --fail-on info)', async () => {
      const json = JSON.parse((await runCli(['check', '--fail-on', 'info', '--format', 'json', LEAK])).stdout);
      const fired = [...new Set(json.findings.map((f: { id: string }) => f.id))].sort();
      assert.ok(fired.includes('close-wait-stuck') && fired.length >= 2, `fired: ${fired.join(', ')}`);
      const r = await runCli(['check', '--fail-on', 'info', '--format', 'junit', LEAK]);
      assert.equal(r.code, 1);
      const root = parseXml(r.stdout);
      const suites = findAll(root, 'testsuite');
      assert.deepEqual(suites.map((s) => s.attrs.name), [LEAK]);
      const failed = findAll(root, 'testcase').filter((t) => findAll(t, 'failure').length > 0).map((t) => t.attrs.name).sort();
      assert.deepEqual(failed, fired);
      assert.equal(root.attrs.failures, String(fired.length));
    });

    test('junit of a clean capture: every kind is a passing testcase', async () => {
      const r = await runCli(['check', '--format', 'junit', CLEAN]);
      assert.equal(r.code, 0);
      const root = parseXml(r.stdout);
      assert.equal(root.attrs.failures, '0');
      assert.ok(findAll(root, 'testcase').length >= 15);
    });

    test('github: an ::error annotation for the leak, and the verdict last', async () => {
      const r = await runCli(['check', '--format', 'github', LEAK]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^::error title=close-wait-stuck::127\.0\.0\.1:8080: .*%0Aflow 1; frames 8, 9;/m);
      assert.match(lastLine(r.stdout), /^tcpstate check: FAIL: /);
    });

    test('-o writes the report to the file, prints nothing, and still exits 1', async () => {
      const out = join(dir, 'tcpstate.xml');
      const r = await runCli(['check', '--format', 'junit', '-o', out, LEAK]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      parseXml(readFileSync(out, 'utf8'));
    });

    test('json writes its flows from the spill file: the same bytes as the in-memory report with the policy applied (every kernel fixture and the demo, one capture)', async () => {
      const { analyze } = await import('../../src/analyze.js');
      const { applyPolicy } = await import('../../src/policy/apply.js');
      const { renderCheckJson } = await import('../../src/report/check-json.js');
      const { loadConfigOption } = await import('../../src/cli/config-option.js');
      const files = kernelCapturesAndDemo();
      const c = config({ severity: { 'connection-reset': 'info' }, allow: [{ finding: 'close-wait-stuck', cidr: '127.0.0.0/8', reason: 'known leak' }] });
      const r = await runCli(['check', '--config', c, '--fail-on', 'warning', '--format', 'json', '--jobs', '1', ...files]);
      const inMemory = await analyze(files, { jobs: 1 });
      assert.ok(inMemory.flows.length > 100);
      const loaded = (await loadConfigOption(c))!;
      const policy = { failOn: 'warning' as const, failOnFindings: [], severity: loaded.severity ?? {}, allow: loaded.allow ?? [] };
      const expected = applyPolicy(inMemory, policy);
      assert.ok(expected.verdict.allowed.length > 0, 'the allow entry matched: check.allowed is exercised');
      assert.equal(r.stdout, renderCheckJson(expected.report, expected.verdict));
      assert.equal(r.code, expected.verdict.passed ? 0 : 1);
    });
  });

  describe('analyze --config', { concurrency: 4 }, () => {
    test('applies the config severity overrides and thresholds to the analyze report', async () => {
      const c = config({ severity: { 'capture-quality': 'warning' }, thresholds: { 'close-wait': '10s' } });
      const r = await runCli(['analyze', '--config', c, '--format', 'json', LEAK]);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      const sev = (id: string) => report.findings.find((f: { id: string }) => f.id === id)?.severity;
      assert.equal(sev('capture-quality'), 'warning');
      // CLOSE_WAIT held 6.5 s until the capture ended: below a 10 s threshold it is only an info note.
      assert.equal(sev('close-wait-stuck'), 'info');
    });

    test('rejects an invalid config with exit 2', async () => {
      const r = await runCli(['analyze', '--config', config('{ "failOn": "error", "thresholdz": {} }'), LEAK]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /: thresholdz: unknown key .*\(did you mean "thresholds"\?\)\n$/);
    });
  });
});
