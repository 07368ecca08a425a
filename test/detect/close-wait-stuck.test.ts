import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloseWaitStuckDetector } from '../../src/detect/close-wait-stuck.js';
import { DEFAULT_THRESHOLDS, applyThresholds } from '../../src/detect/thresholds.js';
import { Capture, T0 } from '../helpers/flow-builder.js';

/** Frames 1-3 handshake; client FIN frame 4 at 1 s; server ACK of it frame 5 at 1.001 s (server CLOSE_WAIT). */
function clientClosed(t = DEFAULT_THRESHOLDS) {
  const d = new CloseWaitStuckDetector(t);
  const cap = new Capture([d]);
  const f = cap.flow();
  f.handshake(0);
  f.c(1, { f: 'FA', c: 'FIN_WAIT_1' });
  f.s(1.001, { f: 'A', c: 'FIN_WAIT_2', s: 'CLOSE_WAIT' });
  return { d, cap, f };
}

describe('close-wait-stuck', () => {
  test('server silent in CLOSE_WAIT until the capture ends 94 s after the ACK of frame 5: error, censored, on the server', () => {
    const { d, cap } = clientClosed();
    cap.idleUntil(95.001);
    const [f, ...rest] = cap.findings(d);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.censored, true);
    assert.deepEqual(f!.endpoint, { ip: '10.0.0.5', port: 8080 });
    assert.deepEqual(f!.frames, [4, 5]);
    assert.equal(f!.wiresharkFilter, 'frame.number in {4 5}');
    assert.equal(f!.since, T0 + 1.001);
    assert.equal(f!.duration, 94);
    assert.match(f!.message, /10\.0\.0\.5:8080 acknowledged the client's FIN at frame 5 and sent nothing for 94 s/);
    assert.match(f!.message, /close\(\)/);
  });

  test('server FIN 19 s after the ACK (frame 6): error, not censored, its FIN in the evidence', () => {
    const { d, cap, f } = clientClosed();
    const fin = f.s(20.001, { f: 'FA', s: 'LAST_ACK' });
    f.c(20.002, { f: 'A', c: 'TIME_WAIT', s: 'CLOSED' });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'error');
    assert.equal(x!.censored, false);
    assert.equal(x!.duration, 19);
    assert.ok(x!.frames.includes(fin));
  });

  test('server FIN 2 s after the ACK: below the 5 s threshold, nothing reported', () => {
    const { d, cap, f } = clientClosed();
    f.s(3.001, { f: 'FA', s: 'LAST_ACK' });
    f.c(3.002, { f: 'A', c: 'TIME_WAIT', s: 'CLOSED' });
    assert.deepEqual(cap.findings(d), []);
  });

  test('capture stops 2 s after the ACK of frame 5: only info, and the message says it is too short to tell', () => {
    const { d, cap } = clientClosed();
    cap.idleUntil(3.001);
    const [f] = cap.findings(d);
    assert.equal(f!.severity, 'info');
    assert.equal(f!.censored, true);
    assert.match(f!.message, /too short/);
  });

  test('data written in CLOSE_WAIT (frames 6-8) restarts the quiet time: a 1.5 s final silence is no finding', () => {
    const { d, cap, f } = clientClosed();
    for (const at of [2.5, 4, 5.5]) f.s(at, { f: 'PA', len: 100 });
    f.s(7, { f: 'FA', s: 'LAST_ACK' });
    assert.deepEqual(cap.findings(d), []);
  });

  test('a server RST 30 s into CLOSE_WAIT ends the condition: error, not censored', () => {
    const { d, cap, f } = clientClosed();
    f.s(31.001, { f: 'R', s: 'CLOSED' });
    const [x] = cap.findings(d);
    assert.equal(x!.censored, false);
    assert.equal(x!.duration, 30);
    assert.match(x!.message, /reset/);
  });

  test('the threshold is configurable: 20 s of CLOSE_WAIT passes close-wait=30s', () => {
    const { d, cap } = clientClosed(applyThresholds(DEFAULT_THRESHOLDS, { closeWaitSeconds: 30 }));
    cap.idleUntil(21.001);
    assert.equal(cap.findings(d)[0]!.severity, 'info');
  });
});
