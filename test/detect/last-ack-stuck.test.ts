import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LastAckStuckDetector } from '../../src/detect/last-ack-stuck.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Analysis } from '../../src/model/events.js';
import type { DecodedPacket } from '../../src/model/decoded.js';
import { ConnectionTracker } from '../../src/tcp/tracker.js';
import { Capture } from '../helpers/flow-builder.js';
import { seg } from '../helpers/segment-builder.js';

/** Frames 1-3 handshake; client FIN 4, server ACK 5, server FIN 6 (LAST_ACK). */
function passiveClose() {
  const d = new LastAckStuckDetector(DEFAULT_THRESHOLDS);
  const cap = new Capture([d]);
  const f = cap.flow();
  f.handshake(0);
  f.c(1, { f: 'FA', c: 'FIN_WAIT_1' });
  f.s(1.001, { f: 'A', c: 'FIN_WAIT_2', s: 'CLOSE_WAIT' });
  f.s(1.002, { f: 'FA', s: 'LAST_ACK' });
  return { d, cap, f };
}

describe('last-ack-stuck', () => {
  test('server FIN (frame 6) retransmitted at frame 7 with no final ACK: warning on the server, censored', () => {
    const { d, cap, f } = passiveClose();
    f.s(1.3, { f: 'FA', an: Analysis.RETRANSMISSION });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.equal(x!.censored, true);
    assert.deepEqual(x!.frames, [6, 7]);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 8080 });
  });

  test('final ACK captured (frame 7) and the FIN still retransmitted (frame 8): the ACK was lost after the capture point', () => {
    const { d, cap, f } = passiveClose();
    f.c(1.003, { f: 'A', c: 'TIME_WAIT', s: 'CLOSED' });
    f.s(1.3, { f: 'FA', an: Analysis.RETRANSMISSION });
    const [x] = cap.findings(d);
    assert.equal(x!.censored, false);
    assert.match(x!.message, /final ACK was captured at frame 7/);
  });

  test('final ACK at frame 7 and no retransmission: nothing', () => {
    const { d, cap, f } = passiveClose();
    f.c(1.003, { f: 'A', c: 'TIME_WAIT', s: 'CLOSED' });
    assert.deepEqual(cap.findings(d), []);
  });
});

describe('last-ack-stuck on the tracker', () => {
  test('a close acked before any FIN retransmission leaves no notes once its flow waits out TIME_WAIT out of the table', () => {
    const d = new LastAckStuckDetector(DEFAULT_THRESHOLDS);
    const tracker = new ConnectionTracker({ timeWaitSeconds: 60, listeners: [d] });
    const quiet = (): number => (d as unknown as { quiet: { size: number } }).quiet.size;
    let frame = 0;
    const feed = (p: DecodedPacket, ts: number): void => tracker.packet(p, ts, ++frame);
    feed(seg('C>S', 'S', { seq: 1000 }), 1000);
    feed(seg('S>C', 'SA', { seq: 5000, ack: 1001 }), 1000.01);
    feed(seg('C>S', 'A', { seq: 1001, ack: 5001 }), 1000.02);
    feed(seg('C>S', 'FA', { seq: 1001, ack: 5001 }), 1001);
    feed(seg('S>C', 'A', { seq: 5001, ack: 1002 }), 1001.01);
    feed(seg('S>C', 'FA', { seq: 5001, ack: 1002 }), 1001.02);
    // Frame 7, the final ACK: the server (the closer) is CLOSED, the client in TIME_WAIT.
    feed(seg('C>S', 'A', { seq: 1002, ack: 5002 }), 1001.03);
    assert.equal(quiet(), 1);
    // Another connection's packet at 1040: the closed flow leaves the table, its TIME_WAIT runs until 1061.
    feed(seg('C>S', 'S', { seq: 1, client: { ip: 0x0a000009, port: 1234 } }), 1040);
    assert.equal(quiet(), 0);
    tracker.finish();
    assert.deepEqual(d.findings({ firstTs: 1000, lastTs: 1040, captures: [] }), []);
  });
});
