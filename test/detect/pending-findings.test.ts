import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloseWaitStuckDetector } from '../../src/detect/close-wait-stuck.js';
import { ConnectionResetDetector } from '../../src/detect/connection-reset.js';
import { FindingCap } from '../../src/detect/finding-cap.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Capture, T0 } from '../helpers/flow-builder.js';

// Per-connection detectors write a finding as its connection ends and keep
// only the earliest of their kind (FindingCap): what they hold follows the
// open connections and the cap, not the capture's length.
describe('findings written as connections end, capped', () => {
  test('connection-reset with a cap of 2: five connections reset at 10-50 s (RST frames 4, 8, ...) list the first two, count three', () => {
    const d = new ConnectionResetDetector(new FindingCap(2));
    const cap = new Capture([d]);
    for (let i = 1; i <= 5; i++) {
      const f = cap.flow(`10.0.0.9:${40000 + i}`);
      f.handshake(i * 10 - 1);
      f.s(i * 10, { f: 'R', c: 'CLOSED', s: 'CLOSED' });
      f.end();
    }
    const found = cap.findings(d);
    assert.deepEqual(found.map((x) => x.since), [T0 + 10, T0 + 20]);
    assert.deepEqual(d.omitted().counts, { 'connection-reset': { error: 0, warning: 3, info: 0 } });
    assert.deepEqual(d.omitted().services.map((s) => [s.port, s.findings, s.ids]), [[8080, { 'connection-reset': 3 }, [3, 4, 5]]]);
  });

  test('close-wait-stuck with a cap of 1: of two stays closed mid-capture the earlier is listed; one still open at the end waits for the end time', () => {
    const d = new CloseWaitStuckDetector(DEFAULT_THRESHOLDS, new FindingCap(1));
    const cap = new Capture([d]);
    // Three connections: the server ACKs the client's FIN at 1.001 s (frame 5 of each) and stays in CLOSE_WAIT.
    const flows = [1, 2, 3].map((i) => {
      const f = cap.flow(`10.0.0.9:${40000 + i}`);
      f.handshake(i * 0.1 - 0.1);
      f.c(i * 0.1 + 1, { f: 'FA', c: 'FIN_WAIT_1' });
      f.s(i * 0.1 + 1.001, { f: 'A', c: 'FIN_WAIT_2', s: 'CLOSE_WAIT' });
      return f;
    });
    // The first two close 20 s later and end: their findings are written then.
    for (const f of flows.slice(0, 2)) {
      f.s(21, { f: 'FA', s: 'LAST_ACK' });
      f.c(21.001, { f: 'A', c: 'TIME_WAIT', s: 'CLOSED' });
      f.end();
    }
    // The third is still in CLOSE_WAIT when the capture ends 60 s on.
    cap.idleUntil(60);
    const found = cap.findings(d);
    assert.deepEqual(
      found.map((x) => [x.flowIds[0], x.censored]),
      [
        [1, false],
        [3, true],
      ],
    );
    assert.deepEqual(d.omitted().counts, { 'close-wait-stuck': { error: 1, warning: 0, info: 0 } });
  });
});
