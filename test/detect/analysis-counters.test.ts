import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AnalysisCounters } from '../../src/detect/analysis-counters.js';
import { Analysis } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

describe('AnalysisCounters', () => {
  test('counts frames by flags and analysis bits as tshark filters do', () => {
    const c = new AnalysisCounters();
    const cap = new Capture([c]);
    const f = cap.flow();
    f.handshake(0);
    f.c(1, { f: 'PA', len: 10 });
    f.c(1.2, { f: 'PA', len: 10, an: Analysis.RETRANSMISSION });
    f.c(1.3, { f: 'PA', len: 10, an: Analysis.FAST_RETRANSMISSION });
    f.s(1.4, { f: 'A', an: Analysis.DUP_ACK });
    f.s(1.5, { f: 'A', win: 0, an: Analysis.ZERO_WINDOW });
    f.c(2, { f: 'A', an: Analysis.KEEP_ALIVE });
    f.c(3, { f: 'FA' });
    f.s(3.1, { f: 'RA' });
    cap.finish();
    assert.deepEqual(c.summary(), { syn: 1, synAck: 1, fin: 1, rst: 1, retransmissions: 2, dupAcks: 1, zeroWindows: 1, keepAlives: 1 });
  });
});
