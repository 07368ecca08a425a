import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FinWait1StuckDetector } from '../../src/detect/fin-wait-1-stuck.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Analysis } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

const R = Analysis.RETRANSMISSION;

function finSent() {
  const d = new FinWait1StuckDetector(DEFAULT_THRESHOLDS);
  const cap = new Capture([d]);
  const f = cap.flow();
  f.handshake(0);
  const fin = f.s(1, { f: 'FA', s: 'FIN_WAIT_1' });
  return { d, cap, f, fin };
}

describe('fin-wait-1-stuck', () => {
  test('server FIN (frame 4) retransmitted 3 times (frames 5-7), never acked: warning, censored, on the server', () => {
    const { d, cap, f } = finSent();
    f.s(1.2, { f: 'FA', an: R });
    f.s(1.6, { f: 'FA', an: R });
    f.s(2.4, { f: 'FA', an: R });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.equal(x!.censored, true);
    assert.deepEqual(x!.frames, [4, 5, 6, 7]);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 8080 });
  });

  test('FIN retransmitted twice then acked (frame 7): below 3 retransmissions and 10 s, nothing', () => {
    const { d, cap, f } = finSent();
    f.s(1.2, { f: 'FA', an: R });
    f.s(1.6, { f: 'FA', an: R });
    f.c(1.7, { f: 'A', s: 'FIN_WAIT_2', c: 'CLOSE_WAIT' });
    assert.deepEqual(cap.findings(d), []);
  });

  test('FIN acked only 12 s later without retransmissions: warning for the time threshold, not censored', () => {
    const { d, cap, f } = finSent();
    f.c(13, { f: 'A', s: 'FIN_WAIT_2', c: 'CLOSE_WAIT' });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.equal(x!.censored, false);
    assert.equal(x!.duration, 12);
  });

  test('capture ends 2 s after the FIN: info, too short', () => {
    const { d, cap } = finSent();
    cap.idleUntil(3);
    assert.equal(cap.findings(d)[0]!.severity, 'info');
  });
});
