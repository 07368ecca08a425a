import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HalfOpenDetector } from '../../src/detect/half-open.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Analysis, Explained, explained } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

const R = Analysis.RETRANSMISSION;

describe('half-open', () => {
  test('SYN (frame 1), SYN+ACK (frame 2) retransmitted at frames 3-5, no third ACK: warning on the service', () => {
    const d = new HalfOpenDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.c(0, { f: 'S', c: 'SYN_SENT' });
    f.s(0.001, { f: 'SA', s: 'SYN_RCVD' });
    for (const at of [1, 3, 7]) f.s(at, { f: 'SA', an: R });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.deepEqual(x!.frames, [1, 2, 3, 4, 5]);
    assert.equal(x!.details!.kind, 'handshake');
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 8080 });
  });

  test('SYN+ACK retransmitted once before the capture ends 1.5 s later: info only', () => {
    const d = new HalfOpenDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.c(0, { f: 'S', c: 'SYN_SENT' });
    f.s(0.001, { f: 'SA', s: 'SYN_RCVD' });
    f.s(1, { f: 'SA', an: R });
    cap.idleUntil(1.5);
    assert.equal(cap.findings(d)[0]!.severity, 'info');
  });

  test('server data retransmitted 4 times with backoff (frames 5-8), client silent to the end: peer vanished, censored', () => {
    const d = new HalfOpenDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.s(1, { f: 'PA', len: 500 });
    for (const at of [1.2, 1.6, 2.4, 4]) f.s(at, { f: 'PA', len: 500, an: R });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.equal(x!.censored, true);
    assert.deepEqual(x!.frames, [5, 6, 7, 8]);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.9', port: 40000 });
    assert.equal(x!.details!.backoff, true);
    assert.ok(explained(f.flow, Explained.GAVE_UP_ON_PEER, false), 'the server side gave up: its stuck FIN or storm is this finding');
    assert.ok(!explained(f.flow, Explained.RST_FOR_DEAD_PEER, false), 'no RST ended the run');
  });

  test('retransmissions interrupted by a client ACK (frame 7): the peer is alive, nothing', () => {
    const d = new HalfOpenDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.s(1.2, { f: 'PA', len: 500, an: R });
    f.s(1.6, { f: 'PA', len: 500, an: R });
    f.c(1.7, { f: 'A' });
    f.s(2.4, { f: 'PA', len: 500, an: R });
    assert.deepEqual(cap.findings(d), []);
  });
});
