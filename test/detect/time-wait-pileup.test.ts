import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_THRESHOLDS, applyThresholds } from '../../src/detect/thresholds.js';
import { TimeWaitPileupDetector } from '../../src/detect/time-wait-pileup.js';
import { Capture } from '../helpers/flow-builder.js';

/** `n` connections to 10.0.0.5:80, one every `gap` s, each closed first by the server (server TIME_WAIT at its ACK). */
function serverCloses(cap: Capture, n: number, gap: number) {
  for (let i = 0; i < n; i++) {
    const f = cap.flow(`10.0.0.${1 + (i % 200)}:${20000 + i}`, '10.0.0.5:80');
    const t = i * gap;
    f.s(t, { f: 'FA', s: 'FIN_WAIT_1', c: 'ESTABLISHED' });
    f.c(t + 0.001, { f: 'FA', s: 'FIN_WAIT_2', c: 'LAST_ACK' });
    f.s(t + 0.002, { f: 'A', s: 'TIME_WAIT', c: 'CLOSED' });
  }
}

describe('time-wait-pileup', () => {
  test('server 10.0.0.5:80 closes 12 connections first within 60 s (threshold lowered to 10/min): warning on the service', () => {
    const t = applyThresholds(DEFAULT_THRESHOLDS, { timeWaitPileupPerMinute: 10 });
    const d = new TimeWaitPileupDetector(t);
    const cap = new Capture([d]);
    serverCloses(cap, 12, 1);
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 80 });
    assert.equal(x!.details!.peakPerMinute, 12);
    assert.equal(x!.frames[0], 3);
  });

  test('the same 12 closes spread 10 s apart never reach 10 in one minute: nothing', () => {
    const t = applyThresholds(DEFAULT_THRESHOLDS, { timeWaitPileupPerMinute: 10 });
    const d = new TimeWaitPileupDetector(t);
    const cap = new Capture([d]);
    serverCloses(cap, 12, 10);
    assert.deepEqual(cap.findings(d), []);
  });

  test('210 server closes in 21 s trip the default 200/min; 190 do not', () => {
    const d = new TimeWaitPileupDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    serverCloses(cap, 210, 0.1);
    assert.equal(cap.findings(d).length, 1);
    const d2 = new TimeWaitPileupDetector(DEFAULT_THRESHOLDS);
    const cap2 = new Capture([d2]);
    serverCloses(cap2, 190, 0.1);
    assert.deepEqual(cap2.findings(d2), []);
  });
});
