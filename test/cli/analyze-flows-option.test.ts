import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelCapturesAndDemo } from '../helpers/kernel-captures.js';
import { runCli } from '../helpers/run-cli.js';

// fixtures/demo/service-leak.pcap: 13 connections, 5 of them left in CLOSE_WAIT
// by the server on port 8080, one refused on 9090, one reset.
const DEMO = 'fixtures/demo/service-leak.pcap';

async function report(flows: string) {
  const r = await runCli(['analyze', '--format', 'json', '--flows', flows, DEMO]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('--flows all lists every connection, none lists none, and the summary counts them all either way', async () => {
  const all = await report('all');
  const none = await report('none');
  assert.equal(all.flows.length, all.summary.flows);
  assert.equal(none.flows.length, 0);
  assert.equal(none.summary.flows, all.summary.flows);
  assert.deepEqual(none.summary.endStates, all.summary.endStates);
});

test('--flows findings lists exactly the connections that some finding names', async () => {
  const r = await report('findings');
  const named = new Set<number>(r.findings.flatMap((f: { flowIds: number[] }) => f.flowIds));
  assert.deepEqual(r.flows.map((f: { id: number }) => f.id), [...named].sort((a, b) => a - b));
  assert.ok(r.flows.length > 0 && r.flows.length < r.summary.flows);
});

test('the report aggregates findings per service, worst first', async () => {
  const r = await report('none');
  assert.equal(`${r.services[0].ip}:${r.services[0].port}`, '10.99.0.2:8080');
  assert.equal(r.services[0].worst, 'error');
  assert.equal(r.services[0].findings['close-wait-stuck'], 5);
});

test('-o writes the JSON report to a file, and an unwritable path is a usage error (exit 2) with one line', async () => {
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const out = join(mkdtempSync(join(tmpdir(), 'tcpstate-o-')), 'report.json');
  const ok = await runCli(['analyze', '--format', 'json', '-o', out, DEMO]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, '');
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).summary.flows, 13);
  const bad = await runCli(['analyze', '--format', 'json', '-o', join(out, 'no', 'such', 'dir.json'), DEMO]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
  assert.match(bad.stderr, /cannot write the report/);
});

test('the JSON report read back from spilled flows is the in-memory report, byte for byte (every kernel fixture and the demo, one capture)', async () => {
  const { analyze } = await import('../../src/analyze.js');
  const { renderJson } = await import('../../src/report/json.js');
  const files = kernelCapturesAndDemo();
  // The CLI writes flows from the spill file; analyze() with flows 'all' keeps them in memory.
  const r = await runCli(['analyze', '--format', 'json', '--jobs', '1', ...files]);
  assert.equal(r.code, 0, r.stderr);
  const inMemory = await analyze(files, { jobs: 1 });
  assert.ok(inMemory.flows.length > 100);
  assert.equal(r.stdout, renderJson(inMemory));
  // flows 'findings' reads back only the named flows, whatever the order they ended in.
  const named = await analyze(files, { jobs: 1, flows: 'findings' });
  const ids = new Set(named.findings.flatMap((f) => f.flowIds));
  assert.deepEqual(named.flows, inMemory.flows.filter((f) => ids.has(f.id)));
});
