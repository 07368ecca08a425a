import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SynUnansweredDetector } from '../../src/detect/syn-unanswered.js';
import { Analysis } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

describe('syn-unanswered', () => {
  test('SYN (frame 1) retransmitted at 1 s and 3 s (frames 2-3), no reply: warning on the destination, censored', () => {
    const d = new SynUnansweredDetector();
    const cap = new Capture([d]);
    const f = cap.flow();
    f.c(0, { f: 'S', c: 'SYN_SENT' });
    f.c(1, { f: 'S', an: Analysis.RETRANSMISSION });
    f.c(3, { f: 'S', an: Analysis.RETRANSMISSION });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.equal(x!.censored, true);
    assert.deepEqual(x!.frames, [1, 2, 3]);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 8080 });
  });

  test('two connection attempts to the same port are one finding naming both flows', () => {
    const d = new SynUnansweredDetector();
    const cap = new Capture([d]);
    for (const port of [40000, 40001]) {
      const f = cap.flow(`10.0.0.9:${port}`, '10.0.0.5:8080');
      f.c(port - 40000, { f: 'S', c: 'SYN_SENT' });
      f.c(port - 40000 + 1, { f: 'S', an: Analysis.RETRANSMISSION });
    }
    const fs = cap.findings(d);
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.flowIds, [1, 2]);
  });

  test('a lone SYN never retransmitted: info (a probe or the capture stopped)', () => {
    const d = new SynUnansweredDetector();
    const cap = new Capture([d]);
    cap.flow().c(0, { f: 'S', c: 'SYN_SENT' });
    assert.equal(cap.findings(d)[0]!.severity, 'info');
  });

  test('SYN answered by SYN+ACK (frame 2): nothing', () => {
    const d = new SynUnansweredDetector();
    const cap = new Capture([d]);
    cap.flow().handshake(0);
    assert.deepEqual(cap.findings(d), []);
  });
});
