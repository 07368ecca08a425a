import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateCapture, sidecarPath, type Sidecar } from '../../bench/gen/generator.mjs';
import { analyze } from '../../src/analyze.js';
import type { Report } from '../../src/model/report.js';

// The bench generator as a test oracle: it knows what every connection did, so
// the tracker's flow count, end states and frame counts must equal its sidecar.
const dir = mkdtempSync(join(tmpdir(), 'tcpstate-oracle-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'c3k.pcap');
generateCapture({ connections: 3000, seed: 7, out: file });
const side: Sidecar = JSON.parse(readFileSync(sidecarPath(file), 'utf8'));
const report: Report = await analyze([file]);
const got = report.summary.endStates as Record<string, number>;
const want = side.expected.endStates as Record<string, number>;

describe('tcpstate against the bench generator (3 000 connections)', () => {
  test('every packet is TCP and every connection is one flow', () => {
    assert.equal(report.summary.packets, side.packets);
    assert.equal(report.summary.tcpPackets, side.packets);
    assert.equal(report.summary.flows, side.expected.flows);
  });

  test('end states other than TIME_WAIT/CLOSED are exact', () => {
    const states = new Set([...Object.keys(got), ...Object.keys(want)]);
    states.delete('TIME_WAIT');
    states.delete('CLOSED');
    for (const s of states) assert.equal(got[s] ?? 0, want[s] ?? 0, `${s} sides`);
    assert.equal((got.TIME_WAIT ?? 0) + (got.CLOSED ?? 0), (want.TIME_WAIT ?? 0) + (want.CLOSED ?? 0), 'TIME_WAIT + CLOSED sides');
  });

  // A flow leaves the table 5 s after its close (Zeek's tcp_close_delay), but its
  // TIME_WAIT side still turns CLOSED after 2·MSL of capture time (DESIGN §2).
  test(
    'a TIME_WAIT side is CLOSED once 2·MSL of capture time has passed',
    () => {
      const slack = side.expected.timeWaitBoundary;
      const diff = Math.abs((got.TIME_WAIT ?? 0) - (want.TIME_WAIT ?? 0));
      assert.ok(diff <= slack, `TIME_WAIT sides: got ${got.TIME_WAIT}, want ${want.TIME_WAIT} ± ${slack}`);
    },
  );

  test('SYN, FIN, RST, retransmission, zero-window and keep-alive frame counts are exact', () => {
    assert.deepEqual(report.summary.analysis, side.expected.analysis);
  });

  test('findings name the flood target, every abort, every zero-window stall and every leak', () => {
    const byId = (id: string) => report.findings.filter((f) => f.id === id);
    const flood = byId('syn-flood');
    assert.equal(flood.length, 1);
    assert.equal(`${flood[0]!.endpoint.ip}:${flood[0]!.endpoint.port}`, side.features.floodTarget);
    const aborts = side.scenarios['abort-by-client'].connections + side.scenarios['abort-by-server'].connections;
    assert.equal(new Set(byId('connection-reset').flatMap((f) => f.flowIds)).size, aborts);
    // One finding per stalled receiver per connection, however many episodes it had.
    assert.equal(new Set(byId('zero-window-stall').flatMap((f) => f.flowIds)).size, side.features.zeroWindowConnections);
    const leaks = new Set(byId('close-wait-stuck').flatMap((f) => f.flowIds)).size;
    assert.ok(
      leaks >= side.expected.closeWaitLeaks.atLeast5s && leaks <= side.expected.closeWaitLeaks.total,
      `close-wait-stuck on ${leaks} flows, want ${side.expected.closeWaitLeaks.atLeast5s}..${side.expected.closeWaitLeaks.total}`,
    );
  });
});

describe('the bench generator with --bounded (2 000 connections over 10 min)', () => {
  test('every connection closes: end states are exact and none is left in CLOSE_WAIT or ESTABLISHED; each late close is a close-wait-stuck', async () => {
    const bounded = join(dir, 'b2k.pcap');
    generateCapture({ connections: 2000, seed: 9, out: bounded, durationSec: 600, bounded: true });
    const s: Sidecar = JSON.parse(readFileSync(sidecarPath(bounded), 'utf8'));
    const r = await analyze([bounded], { flows: 'none' });
    assert.equal(s.bounded, true);
    assert.deepEqual(r.summary.endStates, s.expected.endStates);
    assert.equal(r.summary.endStates.CLOSE_WAIT, undefined);
    assert.equal(r.summary.endStates.ESTABLISHED, undefined);
    // The leaking application closes 30 s to 2 min late: always past close-wait-stuck's 5 s, never at the capture's end.
    const late = r.findings.filter((f) => f.id === 'close-wait-stuck');
    assert.equal(late.length, s.scenarios['close-wait-leak'].connections);
    assert.ok(late.every((f) => !f.censored && f.severity === 'error'));
  });
});
