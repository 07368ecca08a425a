// Ended flows and their sides when every listener marks what it keeps
// (TrackerListener.marksKept): only flows passed to keepFlow keep their final
// values once later connections reuse the tracker's endpoint slots.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seg } from '../helpers/segment-builder.js';
import { ConnectionTracker } from '../../src/tcp/tracker.js';
import { keepFlow } from '../../src/model/events.js';
import type { Flow } from '../../src/model/flow.js';
import { TcpState } from '../../src/model/tcp-state.js';
import { EndpointRecord } from '../../src/tcp/endpoint-record.js';

/** A handshake then a client RST on client port `port`, fed at `ts` on. */
function resetFlow(t: ConnectionTracker, port: number, ts: number, frame: number, dataSegments: number): number {
  const client = { ip: 0x0a000001, port };
  t.packet(seg('C>S', 'S', { seq: 1000, client }), ts, frame++);
  t.packet(seg('S>C', 'SA', { seq: 5000, ack: 1001, client }), ts + 0.01, frame++);
  t.packet(seg('C>S', 'A', { seq: 1001, ack: 5001, client }), ts + 0.02, frame++);
  for (let i = 0; i < dataSegments; i++) t.packet(seg('C>S', 'A', { seq: 1001 + i, ack: 5001, len: 1, client }), ts + 0.03, frame++);
  t.packet(seg('C>S', 'R', { seq: 1001 + dataSegments, client }), ts + 0.04, frame++);
  return frame;
}

describe('flows kept past flowEnd', () => {
  test('a flow passed to keepFlow keeps its final sides after later connections reuse their slots', () => {
    const ended: Flow[] = [];
    const tracker = new ConnectionTracker({
      listeners: [
        {
          marksKept: true,
          flowEnd: (f) => {
            assert.equal(f.client.packets, f.client.port === 40000 ? 5 : 3, 'sides are valid during flowEnd');
            if (f.client.port === 40000) {
              keepFlow(f);
              ended.push(f);
            }
          },
        },
      ],
    });
    let frame = resetFlow(tracker, 40000, 1000, 1, 2);
    // Past Zeek's close delay the first flow ends; the next ones take its endpoint slots.
    for (let i = 0; i < 4; i++) frame = resetFlow(tracker, 40001 + i, 1010 + 10 * i, frame, 0);
    tracker.finish();
    assert.equal(ended.length, 1);
    const f = ended[0]!;
    assert.equal(f.kept, true);
    assert.equal(f.client.packets, 5);
    assert.equal(f.client.dataSegments, 2);
    assert.equal(f.client.state, TcpState.CLOSED);
    assert.equal(f.client.transitions.at(-1)!.frame, 6);
    // Its times (FlowTimes) are not another connection's either.
    assert.deepEqual([f.firstTs, f.lastTs, (f as { firstRtt?: number }).firstRtt], [1000, 1000.04, 1000.02 - 1000]);
  });

  test("a flow kept at the capture's end, among few kept, is copied when the tracker lets its endpoint pages go", () => {
    const ended: Flow[] = [];
    const tracker = new ConnectionTracker({
      listeners: [
        {
          marksKept: true,
          flowEnd: (f, atCaptureEnd) => {
            assert.equal(atCaptureEnd, true);
            if (f.client.port === 40000) {
              keepFlow(f);
              ended.push(f);
            }
          },
        },
      ],
    });
    // Five handshakes still open at the end: one kept, so its sides are copied.
    let frame = 1;
    for (let i = 0; i < 5; i++) {
      const client = { ip: 0x0a000001, port: 40000 + i };
      tracker.packet(seg('C>S', 'S', { seq: 1000, client }), 1000 + i, frame++);
      tracker.packet(seg('S>C', 'SA', { seq: 5000, ack: 1001, client }), 1000.01 + i, frame++);
      tracker.packet(seg('C>S', 'A', { seq: 1001, ack: 5001, len: 10, client }), 1000.02 + i, frame++);
    }
    tracker.finish();
    const f = ended[0]!;
    assert.ok(f.client instanceof EndpointRecord);
    assert.equal(f.client.packets, 2);
    assert.equal(f.client.payloadBytes, 10);
    assert.equal(f.server.state, TcpState.ESTABLISHED);
    assert.deepEqual(
      f.client.transitions.map((t) => [t.to, t.frame]),
      [
        [TcpState.SYN_SENT, 1],
        [TcpState.ESTABLISHED, 3],
      ],
    );
  });
});
