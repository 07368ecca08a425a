import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LastAckStuckDetector } from '../../src/detect/last-ack-stuck.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Analysis } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

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
