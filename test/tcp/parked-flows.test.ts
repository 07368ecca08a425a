// Parking (src/tcp/parked-flows.ts): a connection idle in its handshake gives
// up its Connection, endpoint and Zeek records and is rebuilt from its
// recorded packets when it is needed again. Parking saves memory and nothing
// else: the tracker's flows and the whole report must be what they are when
// nothing is ever parked.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateCapture } from '../../bench/gen/generator.mjs';
import { generateFlood } from '../../bench/gen/flood.mjs';
import { analyze } from '../../src/analyze.js';
import type { Flow } from '../../src/model/flow.js';
import { TcpState } from '../../src/model/tcp-state.js';
import { ParkedFlows, replayable } from '../../src/tcp/parked-flows.js';
import { ConnectionTracker } from '../../src/tcp/tracker.js';
import { seg } from '../helpers/segment-builder.js';
import { ROOT } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tcpstate-park-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A tracker whose single listener notes each flow object at its start and at its end. */
function tracked(parkIdleSeconds?: number) {
  const started = new Map<number, Flow>();
  const ended: Flow[] = [];
  const tracker = new ConnectionTracker({
    parkIdleSeconds,
    listeners: [{ flowStart: (f) => void started.set(f.id, f), flowEnd: (f) => void ended.push(f) }],
  });
  return { tracker, started, ended };
}

/** A flow's state as listeners read it at flowEnd. */
function summary(f: Flow) {
  const side = (e: Flow['client']) => ({
    ip: e.ip,
    port: e.port,
    state: e.state,
    packets: e.packets,
    syns: e.syns,
    transitions: e.transitions,
    isn: e.isn,
    nextSeq: e.nextSeq,
    window: e.window,
    windowScale: e.windowScale,
  });
  return { id: f.id, history: f.history, connState: f.connState, firstTs: f.firstTs, lastTs: f.lastTs, client: side(f.client), server: side(f.server) };
}

describe('parked flows', () => {
  test('a handshake idle for seconds is parked and rebuilt: same id, states, history and transitions as never parked', () => {
    const client = { ip: 0x0a000001, port: 40000 };
    const other = { ip: 0x0a000009, port: 50000 };
    const feed = (t: ConnectionTracker) => {
      // Frame 1: the SYN. Frames 2-4: another connection's packets move capture time 3 s on.
      t.packet(seg('C>S', 'S', { seq: 1000, wscale: 7, client }), 1000, 1);
      for (let i = 0; i < 3; i++) t.packet(seg('C>S', 'S', { seq: 77 + i, client: other }), 1001 + i, 2 + i);
      // Frame 5: the SYN+ACK, 3.2 s late; frames 6-7: idle again, then the third ACK (frame 8) and a FIN (frame 9).
      t.packet(seg('S>C', 'SA', { seq: 5000, ack: 1001, wscale: 8, client }), 1003.2, 5);
      t.packet(seg('C>S', 'S', { seq: 90, client: { ip: 0x0a000009, port: 50001 } }), 1004, 6);
      t.packet(seg('C>S', 'S', { seq: 91, client: { ip: 0x0a000009, port: 50002 } }), 1004.5, 7);
      t.packet(seg('C>S', 'A', { seq: 1001, ack: 5001, client }), 1004.6, 8);
      t.packet(seg('C>S', 'FA', { seq: 1001, ack: 5001, client }), 1004.7, 9);
      t.finish();
    };
    const parked = tracked();
    feed(parked.tracker);
    const never = tracked(Infinity);
    feed(never.tracker);

    const flow = parked.ended.find((f) => f.client.port === 40000)!;
    assert.notEqual(parked.started.get(flow.id), flow, 'the flow ended as a rebuilt object: it was parked');
    assert.equal(never.started.get(flow.id), never.ended.find((f) => f.id === flow.id), 'never parked: one object throughout');
    assert.equal(flow.client.state, TcpState.FIN_WAIT_1);
    assert.equal(flow.server.state, TcpState.ESTABLISHED);
    assert.deepEqual(
      parked.ended.map(summary).sort((a, b) => a.id - b.id),
      never.ended.map(summary).sort((a, b) => a.id - b.id),
    );
  });

  test('a parked unanswered SYN ends once, when Zeek gives the attempt up, not rebuilt before', () => {
    const t = tracked();
    // Frame 1: a SYN nobody answers; frames 2-13: another client's SYNs every second keep capture time going.
    t.tracker.packet(seg('C>S', 'S', { seq: 1 }), 1000, 1);
    for (let i = 0; i < 12; i++) t.tracker.packet(seg('C>S', 'S', { seq: 5, client: { ip: 0x0a000003, port: 41000 + i } }), 1001 + i, 2 + i);
    const first = t.ended.find((f) => f.id === 1);
    assert.ok(first, "the sweep at 10 s ended the attempt Zeek's 5 s timer gave up");
    assert.notEqual(t.started.get(1), first, 'it had been parked');
    assert.equal(first.client.state, TcpState.SYN_SENT);
    assert.equal(first.history, 'S');
    t.tracker.finish();
    assert.equal(t.ended.filter((f) => f.id === 1).length, 1);
  });

  test('a record gives back the packets it was given; only SYNs without FIN, RST or payload are replayable', () => {
    const pk = new ParkedFlows();
    const p = seg('S>C', 'SA', { seq: 0xfffffff0, ack: 0x80000001, win: 65535, wscale: 14 });
    p.ipTotalLen = 60;
    const s = pk.begin(7, 3, 10.5);
    assert.equal(pk.record(s, seg('C>S', 'S', { seq: 1 }), 10, 1, true), true);
    assert.equal(pk.record(s, p, 10.25, 2, false), true);
    assert.equal(pk.record(s, seg('C>S', 'S', { seq: 1 }), 11, 3, true), false, 'two packets at most');
    const out = seg('C>S', 'A');
    pk.load(s, 1, out);
    assert.deepEqual([out.seq, out.ack, out.window, out.optWscale, out.flags, out.ipTotalLen], [0xfffffff0, 0x80000001, 65535, 14, p.flags, 60]);
    assert.deepEqual([pk.id(s), pk.entry(s), pk.packets(s), pk.ts(s, 1), pk.frame(s, 1), pk.sourceIsA(s, 0), pk.sourceIsA(s, 1)], [7, 3, 2, 10.25, 2, true, false]);
    assert.equal(replayable(seg('C>S', 'S', { len: 10 })), false, 'a SYN with data (TCP Fast Open)');
    assert.equal(replayable(seg('C>S', 'SF')), false);
    assert.equal(replayable(seg('S>C', 'R')), false);
    assert.equal(replayable(seg('C>S', 'A')), false);
  });

  test('the queue skips a record given back (its slot reused by another flow)', () => {
    const pk = new ParkedFlows();
    const a = pk.begin(1, 0, 5);
    pk.release(a);
    const b = pk.begin(2, 1, 6);
    assert.equal(b, a, 'the slot is reused');
    assert.equal(pk.dequeue(), -1, "flow 1's entry is stale");
    assert.equal(pk.nextDue, 6);
    assert.equal(pk.dequeue(), b);
    assert.equal(pk.nextDue, Infinity);
  });

  test('the report is the same whether flows are parked after 1 ms, 0.5 s or never (generated mix and a SYN flood)', async () => {
    const mix = join(dir, 'c3k.pcap');
    generateCapture({ connections: 3000, seed: 5, out: mix });
    const flood = join(dir, 'flood.pcap');
    generateFlood({ sources: 5000, rate: 2000, seed: 3, out: flood });
    const kernel = readdirSync(join(ROOT, 'fixtures/kernel'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(ROOT, 'fixtures/kernel', d.name, 'capture.pcap'))
      .sort();
    for (const files of [[mix], [flood], kernel]) {
      let rebuilt = 0;
      const started = new Map<number, Flow>();
      const counter = { flowStart: (f: Flow) => void started.set(f.id, f), flowEnd: (f: Flow) => void (rebuilt += started.get(f.id) === f ? 0 : 1) };
      const eager = await analyze(files, { jobs: 1, parkIdleSeconds: 0.001, listeners: [counter] });
      const never = await analyze(files, { jobs: 1, parkIdleSeconds: Infinity });
      assert.deepEqual(eager, never, files.join(' '));
      assert.deepEqual(await analyze(files, { jobs: 1 }), never);
      if (files[0] !== kernel[0]) assert.ok(rebuilt > 100, `${rebuilt} flows of ${files[0]} were parked and rebuilt`);
    }
  });
});
