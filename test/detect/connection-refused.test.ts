import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConnectionRefusedDetector } from '../../src/detect/connection-refused.js';
import { Capture } from '../helpers/flow-builder.js';

describe('connection-refused', () => {
  test('SYN (frame 1) answered by RST+ACK (frame 2): warning on the refusing ip:port', () => {
    const d = new ConnectionRefusedDetector();
    const cap = new Capture([d]);
    const f = cap.flow();
    f.c(0, { f: 'S', c: 'SYN_SENT' });
    f.s(0.001, { f: 'RA', c: 'CLOSED', s: 'CLOSED' });
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.deepEqual(x!.frames, [1, 2]);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 8080 });
    assert.equal(x!.wiresharkFilter, 'frame.number in {1 2}');
  });

  test('RST after the handshake (frames 1-3, RST frame 4) is a reset, not a refusal', () => {
    const d = new ConnectionRefusedDetector();
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.s(1, { f: 'R', c: 'CLOSED', s: 'CLOSED' });
    assert.deepEqual(cap.findings(d), []);
  });

  test('a destination excluded as flooded gives no refusal finding', () => {
    const d = new ConnectionRefusedDetector();
    d.excludedService = (ip, port) => ip === '10.0.0.5' && port === 8080;
    const cap = new Capture([d]);
    const f = cap.flow();
    f.c(0, { f: 'S', c: 'SYN_SENT' });
    f.s(0.001, { f: 'RA', c: 'CLOSED', s: 'CLOSED' });
    assert.deepEqual(cap.findings(d), []);
  });
});
