import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../src/analyze.js';

/**
 * Every fixture recorded on a real kernel (fixtures/kernel/<name>/capture.pcap)
 * raises exactly the findings at warning or above its expected.json lists;
 * clean ones raise none.
 */
const ROOT = 'fixtures/kernel';
const names = existsSync(ROOT)
  ? readdirSync(ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(ROOT, e.name, 'capture.pcap')) && existsSync(join(ROOT, e.name, 'expected.json')))
      .map((e) => e.name)
      .sort()
  : [];

describe('kernel fixtures', () => {
  if (names.length === 0) {
    test('kernel fixtures', (t) => t.skip('no fixtures/kernel/*/capture.pcap yet'));
    return;
  }
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(ROOT, name, 'expected.json'), 'utf8')) as { findings: string[]; clean: boolean; description?: string };
    test(`${name}: ${expected.clean ? 'nothing at warning or above' : expected.findings.join(', ')}`, async () => {
      const report = await analyze([join(ROOT, name, 'capture.pcap')]);
      const got = report.findings.filter((f) => f.severity !== 'info');
      const ids = [...new Set(got.map((f) => f.id))].sort();
      assert.deepEqual(ids, [...new Set(expected.findings)].sort(), got.map((f) => `${f.id}: ${f.message}`).join('\n'));
      if (expected.clean) assert.equal(got.length, 0);
      for (const f of report.findings) {
        assert.ok(f.frames.every((fr) => fr >= 1 && fr <= report.summary.packets), `${f.id} frames within the capture`);
      }
    });
  }
});

// The capture the README's quick start runs (fixtures/demo/service-leak.pcap):
// five CLOSE_WAIT leaks on 10.99.0.2:8080 (client FINs at frames 33, 42, 51, 60, 69),
// a refused connection to port 9090 (frames 24-25) and a reset (frame 90).
test('the demo capture raises its expected findings, each leak on its own connection', async () => {
  const expected = JSON.parse(readFileSync('fixtures/demo/expected.json', 'utf8')) as { findings: string[] };
  const report = await analyze(['fixtures/demo/service-leak.pcap']);
  const got = report.findings.filter((f) => f.severity !== 'info');
  assert.deepEqual([...new Set(got.map((f) => f.id))].sort(), [...expected.findings].sort());
  const leaks = got.filter((f) => f.id === 'close-wait-stuck');
  assert.deepEqual(leaks.map((f) => f.frames[0]).sort((a, b) => a - b), [33, 42, 51, 60, 69]);
  assert.ok(leaks.every((f) => f.censored && `${f.endpoint.ip}:${f.endpoint.port}` === '10.99.0.2:8080'));
});

// close-wait-leak: the client's FIN (frame 8) is acked at frame 9 and the server
// never closes. That is one story, told once: close-wait-stuck on the server,
// not also fin-wait-2-orphaned for the client waiting on it.
test('a connection stuck in CLOSE_WAIT is not reported again as its peer\'s FIN_WAIT_2', async () => {
  const report = await analyze(['fixtures/kernel/close-wait-leak/capture.pcap']);
  const ids = report.findings.filter((f) => f.flowIds.includes(1)).map((f) => f.id);
  assert.deepEqual(ids, ['close-wait-stuck']);
});

// fin-wait-2-orphaned: the server's late FIN (frame 10) is answered by the client's RST
// (frame 11) because the client's kernel had dropped its orphaned FIN_WAIT_2 socket:
// news on top of any CLOSE_WAIT finding, so it is still reported.
test('a late FIN answered by RST is reported as fin-wait-2-orphaned', async () => {
  const report = await analyze(['fixtures/kernel/fin-wait-2-orphaned/capture.pcap']);
  const f = report.findings.find((x) => x.id === 'fin-wait-2-orphaned');
  assert.ok(f, report.findings.map((x) => x.id).join(', '));
  assert.ok(f.frames.includes(10) && f.frames.includes(11), String(f.frames));
});
