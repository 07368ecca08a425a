import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze.js';
import { renderJson } from '../../src/report/json.js';

// The JSON report is written in pieces (flows and findings one entry at a
// time) and must still be exactly what JSON.stringify would write.
test('the piecewise JSON report is byte-identical to JSON.stringify of the report', async () => {
  for (const capture of ['fixtures/demo/service-leak.pcap', 'fixtures/kernel/close-wait-leak-50/capture.pcap', 'fixtures/kernel/ipv6/capture.pcap']) {
    const report = await analyze([capture]);
    assert.ok(report.flows.length > 0 && report.findings.length > 0);
    assert.equal(renderJson(report), `${JSON.stringify(report, null, 2)}\n`, capture);
  }
});

test('long flows and findings lists, written in batches, are still byte-identical', async () => {
  const report = await analyze(['fixtures/kernel/close-wait-leak-50/capture.pcap']);
  for (const n of [255, 256, 257, 700]) {
    const long = { ...report, flows: Array.from({ length: n }, (_, i) => report.flows[i % report.flows.length]!), findings: Array.from({ length: n + 1 }, (_, i) => report.findings[i % report.findings.length]!) };
    assert.equal(renderJson(long), `${JSON.stringify(long, null, 2)}\n`, String(n));
  }
});

test('a report with no flows and no findings still prints empty arrays', async () => {
  const report = await analyze(['fixtures/kernel/mid-stream/capture.pcap'], { flows: 'none' });
  const text = renderJson(report);
  assert.equal(text, `${JSON.stringify(report, null, 2)}\n`);
  assert.match(text, /"flows": \[\]/);
});
