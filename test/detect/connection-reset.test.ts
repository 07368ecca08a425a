import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConnectionResetDetector } from '../../src/detect/connection-reset.js';
import { Analysis, Explained, explain } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

describe('connection-reset', () => {
  test('server RST (frame 6) in ESTABLISHED after 100 + 200 bytes: warning naming who, state and bytes', () => {
    const d = new ConnectionResetDetector();
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.c(1, { f: 'PA', len: 100 });
    f.s(1.1, { f: 'PA', len: 200 });
    f.s(2, { f: 'RA', c: 'CLOSED', s: 'CLOSED' });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.deepEqual(x!.frames, [6]);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 8080 });
    assert.equal(x!.details!.state, 'ESTABLISHED');
    assert.equal(x!.details!.clientBytes, 100);
    assert.equal(x!.details!.serverBytes, 200);
    assert.match(x!.message, /the server\) reset the connection at frame 6 while ESTABLISHED/);
  });

  test('a refusal (SYN frame 1, RST frame 2) and an out-of-window RST are not resets', () => {
    const d = new ConnectionResetDetector();
    const cap = new Capture([d]);
    const a = cap.flow();
    a.c(0, { f: 'S', c: 'SYN_SENT' });
    a.s(0.001, { f: 'RA', c: 'CLOSED', s: 'CLOSED' });
    const b = cap.flow('10.0.0.9:40001', '10.0.0.5:8080');
    b.handshake(1);
    b.s(2, { f: 'R', an: Analysis.RST_OUT_OF_WINDOW });
    assert.deepEqual(cap.findings(d), []);
  });

  test('a RST a dead-peer finding explains (the server gave up, frame 4) is not reported twice', () => {
    const d = new ConnectionResetDetector();
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    // What half-open or keepalive-dead-peer mark by the flow's end, before this detector sees it end.
    explain(f.flow, Explained.RST_FOR_DEAD_PEER, false);
    f.s(2, { f: 'R', c: 'CLOSED', s: 'CLOSED' });
    assert.deepEqual(cap.findings(d), []);
  });

  test('client RST in CLOSE_WAIT (frame 6) after the server FIN-acked exchange: reset in CLOSE_WAIT', () => {
    const d = new ConnectionResetDetector();
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.s(1, { f: 'FA', s: 'FIN_WAIT_1' });
    f.c(1.001, { f: 'A', s: 'FIN_WAIT_2', c: 'CLOSE_WAIT' });
    f.c(2, { f: 'R', c: 'CLOSED', s: 'CLOSED' });
    const [x] = cap.findings(d);
    assert.equal(x!.details!.state, 'CLOSE_WAIT');
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.9', port: 40000 });
  });
});
