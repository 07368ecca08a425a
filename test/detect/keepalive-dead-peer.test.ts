import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeepaliveDeadPeerDetector } from '../../src/detect/keepalive-dead-peer.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Analysis, Explained, explained } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

const KA = Analysis.KEEP_ALIVE;

describe('keepalive-dead-peer', () => {
  test('client probes at frames 4-6 unanswered, then RST (frame 7): warning on the silent server; it claims the RST', () => {
    const d = new KeepaliveDeadPeerDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    for (const at of [75, 150, 225]) f.c(at, { f: 'A', an: KA });
    f.c(300, { f: 'R', c: 'CLOSED', s: 'CLOSED' });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.deepEqual(x!.frames, [4, 5, 6, 7]);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 8080 });
    assert.equal(x!.censored, false);
    assert.ok(explained(f.flow, Explained.RST_FOR_DEAD_PEER, true), 'the RST at frame 7 is part of this finding');
  });

  test('each probe answered by the server: nothing', () => {
    const d = new KeepaliveDeadPeerDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    for (const at of [75, 150, 225]) {
      f.c(at, { f: 'A', an: KA });
      f.s(at + 0.001, { f: 'A', an: Analysis.KEEP_ALIVE_ACK });
    }
    assert.deepEqual(cap.findings(d), []);
  });

  test('3 unanswered probes when the capture ends: warning, censored', () => {
    const d = new KeepaliveDeadPeerDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    for (const at of [75, 150, 225]) f.c(at, { f: 'A', an: KA });
    assert.equal(cap.findings(d)[0]!.censored, true);
  });

  test('2 unanswered probes: below the 3-probe threshold, nothing', () => {
    const d = new KeepaliveDeadPeerDetector(DEFAULT_THRESHOLDS);
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    for (const at of [75, 150]) f.c(at, { f: 'A', an: KA });
    assert.deepEqual(cap.findings(d), []);
  });
});
