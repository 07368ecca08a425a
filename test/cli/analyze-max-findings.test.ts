import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';

// fixtures/demo/service-leak.pcap: the server on port 8080 leaves 5
// connections in CLOSE_WAIT (5 close-wait-stuck findings, flows 3-7).
const DEMO = 'fixtures/demo/service-leak.pcap';

test('--max-findings 2 lists the 2 earliest close-wait-stuck and counts the other 3, in the summary and per service', async () => {
  const r = await runCli(['analyze', '--format', 'json', '--flows', 'findings', '--max-findings', '2', DEMO]);
  assert.equal(r.code, 0, r.stderr);
  const capped = JSON.parse(r.stdout);
  const all = JSON.parse((await runCli(['analyze', '--format', 'json', '--flows', 'findings', DEMO])).stdout);
  const stuck = (rep: { findings: { id: string; since: number; flowIds: number[] }[] }) => rep.findings.filter((f) => f.id === 'close-wait-stuck');
  assert.equal(stuck(all).length, 5);
  const earliest = stuck(all).sort((a, b) => a.since - b.since).slice(0, 2);
  assert.deepEqual(stuck(capped).map((f) => f.flowIds), earliest.map((f) => f.flowIds));
  assert.deepEqual(capped.summary.findingsOmitted, { 'close-wait-stuck': { error: 3, warning: 0, info: 0 } });
  assert.deepEqual(capped.summary.findings, all.summary.findings);
  assert.deepEqual(capped.services, all.services);
  // --flows findings lists the connections of the findings listed.
  assert.equal(capped.flows.length, all.flows.length - 3);
});

test('the table says how many findings it counts but does not list, in all and for the leaking service', async () => {
  const r = await runCli(['analyze', '--no-color', '--max-findings', '2', DEMO]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.replace(/\s+/g, ' '), /3 more findings are counted but not listed \(3 close-wait-stuck\)/);
  // The service's line counts from report.services: its 6 connections, not only the 3 of the findings listed.
  assert.match(r.stdout, /10\.99\.0\.2:8080 {2}2 errors, 1 warning, 3 more not listed on 6 connections/);
});

test('--max-findings takes a number from 1, or all; anything else is a usage error (exit 2)', async () => {
  for (const bad of ['0', '-1', 'many']) {
    const r = await runCli(['analyze', '--max-findings', bad, DEMO]);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--max-findings/);
  }
  const r = await runCli(['analyze', '--format', 'json', '--max-findings', 'all', DEMO]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).summary.findingsOmitted, undefined);
});
