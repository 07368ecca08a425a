import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RetransmissionStormDetector } from '../../src/detect/retransmission-storm.js';
import { DEFAULT_THRESHOLDS } from '../../src/detect/thresholds.js';
import { Analysis } from '../../src/model/events.js';
import { Capture } from '../helpers/flow-builder.js';

/** Server sends `n` data segments from frame 4 on; every `every`-th is flagged a retransmission. */
function transfer(n: number, every: number) {
  const d = new RetransmissionStormDetector(DEFAULT_THRESHOLDS);
  const cap = new Capture([d]);
  const f = cap.flow();
  f.handshake(0);
  for (let i = 1; i <= n; i++) f.s(1 + i * 0.01, { f: 'PA', len: 1000, an: i % every === 0 ? Analysis.RETRANSMISSION : 0 });
  return { d, cap };
}

describe('retransmission-storm', () => {
  test('10 of 40 server segments retransmitted (25 %; frames 7, 11, ...): warning on the sender', () => {
    const { d, cap } = transfer(40, 4);
    const [x] = cap.findings(d);
    assert.equal(x!.severity, 'warning');
    assert.equal(x!.details!.retransmissions, 10);
    assert.equal(x!.frames[0], 7);
    assert.deepEqual(x!.endpoint, { ip: '10.0.0.5', port: 8080 });
  });

  test('2 of 40 segments retransmitted (5 %): below 10 %, nothing', () => {
    const { d, cap } = transfer(40, 20);
    assert.deepEqual(cap.findings(d), []);
  });

  test('5 of 10 segments retransmitted: too few segments (< 20) to call a storm', () => {
    const { d, cap } = transfer(10, 2);
    assert.deepEqual(cap.findings(d), []);
  });
});
