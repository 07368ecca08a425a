// TimerQueue: the tracker's FIFO timers in a ring that grows by doubling.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TimerQueue } from '../../src/tcp/timer-queue.js';

describe('TimerQueue', () => {
  test('entries (flow, payload, tag) come out in the order they went in, across wrap-arounds and growth', () => {
    const q = new TimerQueue<number, string>();
    assert.equal(q.nextAt, Infinity);
    let pushed = 0;
    let popped = 0;
    // Bursts longer than the initial capacity (1024) between partial drains: the ring wraps, then grows while wrapped.
    for (const burst of [700, 700, 1500, 300, 5000, 10]) {
      for (let k = 0; k < burst; k++, pushed++) q.push(pushed, `e${pushed}`, pushed * 0.5, pushed + 1);
      const drain = Math.floor(q.size * 0.6);
      for (let k = 0; k < drain; k++, popped++) {
        assert.equal(q.nextAt, popped * 0.5);
        assert.equal(q.firstFlow, popped);
        assert.equal(q.firstPayload, `e${popped}`);
        assert.equal(q.firstTag, popped + 1);
        q.shift();
      }
    }
    assert.equal(q.size, pushed - popped);
    while (q.size > 0) {
      assert.equal(q.firstTag, popped + 1);
      assert.equal(q.firstFlow, popped++);
      q.shift();
    }
    assert.equal(popped, pushed);
    assert.equal(q.nextAt, Infinity);
  });
});
