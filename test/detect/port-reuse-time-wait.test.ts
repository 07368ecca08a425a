import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PortReuseTimeWaitDetector } from '../../src/detect/port-reuse-time-wait.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Capture } from '../helpers/flow-builder.js';

/** Flow 1: server closes first; server TIME_WAIT at frame 3 (t = 1.002 s); the tracker ends it when the new SYN comes. */
function firstConnection(cap: Capture) {
  const f = cap.flow('10.0.0.9:40000', '10.0.0.5:80');
  f.s(1, { f: 'FA', s: 'FIN_WAIT_1', c: 'ESTABLISHED' });
  f.c(1.001, { f: 'FA', s: 'FIN_WAIT_2', c: 'LAST_ACK' });
  f.s(1.002, { f: 'A', s: 'TIME_WAIT', c: 'CLOSED' });
  return f;
}

describe('port-reuse-time-wait', () => {
  test('new SYN from 10.0.0.9:40000 (frame 4) 2 s after the server entered TIME_WAIT (frame 3): warning on the client', () => {
    const d = new PortReuseTimeWaitDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    firstConnection(cap).end(false);
    cap.flow('10.0.0.9:40000', '10.0.0.5:80').handshake(3.002);
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.deepEqual(x!.frames, [3, 4]);
    assert.deepEqual(x!.flowIds, [1, 2]);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.9', port: 40000 });
    assert.equal(x!.duration, 2);
  });

  test('new SYN 61 s after TIME_WAIT began (past 2·MSL): nothing', () => {
    const d = new PortReuseTimeWaitDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    firstConnection(cap).end(false);
    cap.flow('10.0.0.9:40000', '10.0.0.5:80').handshake(62.002);
    assert.deepEqual(cap.findings(d), []);
  });

  test('a new connection from another client port: nothing', () => {
    const d = new PortReuseTimeWaitDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    firstConnection(cap).end(false);
    cap.flow('10.0.0.9:40001', '10.0.0.5:80').handshake(3);
    assert.deepEqual(cap.findings(d), []);
  });
});
