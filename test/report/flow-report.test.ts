import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { analyze } from '../../src/analyze.js';
import type { AnalysisSummary } from '../../src/model/report.js';

const TSHARK = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;

// port-reuse: two incarnations of 127.0.0.1:40010 -> :8080 (the second SYN is frame 11);
// ipv6: three connections over ::1; demo: 13 connections.
const CAPTURES = ['fixtures/kernel/port-reuse/capture.pcap', 'fixtures/kernel/ipv6/capture.pcap', 'fixtures/demo/service-leak.pcap'];

test("each flow's Wireshark filter selects exactly its packets, even on a reused 4-tuple", { skip: TSHARK ? false : 'tshark is not installed' }, async () => {
  for (const capture of CAPTURES) {
    const report = await analyze([capture]);
    for (const f of report.flows) {
      const r = spawnSync('tshark', ['-r', capture, '-Y', f.wiresharkFilter], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const frames = r.stdout.trim().split('\n').filter((l) => l.trim() !== '').length;
      assert.equal(frames, f.client.packets + f.server.packets, `${capture} flow ${f.id}: ${f.wiresharkFilter}`);
    }
  }
});

test("the per-side analysis counters of every flow add up to the capture's summary.analysis", async () => {
  for (const capture of [...CAPTURES, 'fixtures/kernel/retransmission-storm/capture.pcap', 'fixtures/kernel/zero-window/capture.pcap']) {
    const report = await analyze([capture]);
    const sum: AnalysisSummary = { syn: 0, synAck: 0, fin: 0, rst: 0, retransmissions: 0, dupAcks: 0, zeroWindows: 0, keepAlives: 0 };
    for (const f of report.flows) {
      for (const side of [f.client, f.server]) {
        for (const k of Object.keys(sum) as (keyof AnalysisSummary)[]) sum[k] += side.analysis[k];
      }
    }
    assert.deepEqual(sum, report.summary.analysis, capture);
  }
});

test('the server of a refused connection sent one RST and no SYN+ACK (refused, frames 1-2)', async () => {
  const report = await analyze(['fixtures/kernel/refused/capture.pcap']);
  const [flow] = report.flows;
  assert.deepEqual(flow!.client.analysis.syn, 1);
  assert.deepEqual({ synAck: flow!.server.analysis.synAck, rst: flow!.server.analysis.rst }, { synAck: 0, rst: 1 });
});
