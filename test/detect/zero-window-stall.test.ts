import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { ZeroWindowStallDetector } from '../../src/detect/zero-window-stall.js';
import { Analysis } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

const PROBE = Analysis.ZERO_WINDOW_PROBE;

describe('zero-window-stall', () => {
  test('client window 0 at frame 4 for 3 s, probed at frames 5-6, reopened at frame 7: warning on the client', () => {
    const d = new ZeroWindowStallDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.c(1, { f: 'A', win: 0, an: Analysis.ZERO_WINDOW });
    f.s(1.5, { f: 'A', len: 1, an: PROBE });
    f.s(2.5, { f: 'A', len: 1, an: PROBE });
    f.c(4, { f: 'A', win: 65535 });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.equal(x!.censored, false);
    assert.equal(x!.duration, 3);
    assert.deepEqual(x!.frames, [4, 5, 6, 7]);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.9', port: 40000 });
    assert.equal(x!.details!.probes, 2);
  });

  test('window 0 for 0.5 s (frames 4-5): below the 1 s threshold, nothing', () => {
    const d = new ZeroWindowStallDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.c(1, { f: 'A', win: 0 });
    f.c(1.5, { f: 'A', win: 1000 });
    assert.deepEqual(cap.findings(d), []);
  });

  test('window still 0 with probes when the capture ends 5 s later: warning, censored', () => {
    const d = new ZeroWindowStallDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.c(1, { f: 'A', win: 0 });
    f.s(2, { f: 'A', len: 1, an: PROBE });
    cap.idleUntil(6);
    const [x] = cap.findings(d);
    assert.equal(x!.censored, true);
    assert.equal(x!.duration, 5);
  });

  test('zero window for 3 s without any probe: info (nothing was waiting)', () => {
    const d = new ZeroWindowStallDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.c(1, { f: 'A', win: 0 });
    f.c(4, { f: 'A', win: 100 });
    assert.equal(cap.findings(d)[0]!.severity, 'info');
  });
});

test('Linux zero-window probes, labelled keep-alives by Wireshark (zero-window fixture frames 8, 10, 11), count as probes', () => {
  const d = new ZeroWindowStallDetector(DEFAULT_THRESHOLDS);
  const cap = new Capture([d]);
  const f = cap.flow();
  f.handshake(0);
  f.s(0.05, { f: 'A', win: 0 });
  for (const at of [0.26, 0.68, 1.54]) f.c(at, { f: 'A', an: Analysis.KEEP_ALIVE });
  f.s(3.02, { f: 'A', win: 4096 });
  const [x] = cap.findings(d);
  assert.equal(x!.severity, 'warning');
  assert.equal(x!.details!.probes, 3);
});
