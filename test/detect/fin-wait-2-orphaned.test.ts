import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FinWait2OrphanedDetector } from '../../src/detect/fin-wait-2-orphaned.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Capture } from '../helpers/flow-builder.js';

/** Frames 1-3 handshake; server closes first: FIN frame 4 at 1 s, client ACK frame 5 (server FIN_WAIT_2). */
function serverClosed() {
  const d = new FinWait2OrphanedDetector(DEFAULT_THRESHOLDS);
  const cap = new Capture([d]);
  const f = cap.flow();
  f.handshake(0);
  f.s(1, { f: 'FA', s: 'FIN_WAIT_1' });
  f.c(1.001, { f: 'A', c: 'CLOSE_WAIT', s: 'FIN_WAIT_2' });
  return { d, cap, f };
}

describe('fin-wait-2-orphaned', () => {
  test('client FIN 90 s late (frame 6) answered by server RST (frame 7): warning on the client that closed late', () => {
    const { d, cap, f } = serverClosed();
    f.c(91.001, { f: 'FA', c: 'LAST_ACK' });
    f.s(91.002, { f: 'R', s: 'CLOSED', c: 'CLOSED' });
    const [x, ...rest] = cap.findings(d);
    assert.equal(rest.length, 0);
    assert.equal(x!.severity, 'warning');
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.9', port: 40000 });
    assert.deepEqual(x!.frames, [5, 6, 7]);
    assert.equal(x!.censored, false);
    assert.equal(x!.duration, 90);
    assert.match(x!.message, /tcp_fin_timeout/);
  });

  test('a late FIN answered by RST after only 3 s still proves the orphan was dropped (tcp_fin_timeout lowered)', () => {
    const { d, cap, f } = serverClosed();
    f.c(4.001, { f: 'FA', c: 'LAST_ACK' });
    f.s(4.002, { f: 'R', s: 'CLOSED', c: 'CLOSED' });
    assert.equal(cap.findings(d)[0]!.severity, 'warning');
  });

  test('client never closes and the capture ends 70 s later: warning, censored', () => {
    const { d, cap } = serverClosed();
    cap.idleUntil(71.001);
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.equal(x!.censored, true);
  });

  test('client closes normally 10 s later (frames 6-7): below the 60 s threshold, nothing', () => {
    const { d, cap, f } = serverClosed();
    f.c(11, { f: 'FA', c: 'LAST_ACK' });
    f.s(11.001, { f: 'A', s: 'TIME_WAIT', c: 'CLOSED' });
    assert.deepEqual(cap.findings(d), []);
  });

  test('server RST for data after its close (frame 6 data, frame 7 RST) is not an orphan: left to connection-reset', () => {
    const { d, cap, f } = serverClosed();
    f.c(2, { f: 'PA', len: 10 });
    f.s(2.001, { f: 'R', s: 'CLOSED', c: 'CLOSED' });
    assert.deepEqual(cap.findings(d), []);
  });

  test('capture ends 6.5 s into FIN_WAIT_2: info only (close-wait-leak fixture shape)', () => {
    const { d, cap } = serverClosed();
    cap.idleUntil(7.5);
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'info');
    assert.match(x!.message, /too short/);
  });
});
