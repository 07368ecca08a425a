import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { QuietNotes, type Notes } from '../../src/detect/last-ack-notes.js';
import type { Flow } from '../../src/model/flow.js';
import { seededRandom } from '../helpers/seeded-random.js';

function notes(id: number, step: number): Notes {
  return {
    flow: { id } as Flow,
    client: step % 3 === 0,
    finFrame: 2 * step + 1,
    finTs: 1000 + step / 7,
    retransmissions: 0,
    lastRetransmissionTs: 1000 + step / 7,
    laterFrames: null,
    finalAckFrame: step % 5 === 0 ? 0 : 2 * step + 2,
    ackSeenBeforeRetransmission: false,
  };
}

describe('QuietNotes', () => {
  test('gives back what was parked, through growth, deletions in probe runs and shrinking', () => {
    const q = new QuietNotes();
    const ref = new Map<number, Notes>();
    const rand = seededRandom(11);
    for (let step = 0; step < 120000; step++) {
      const phase = Math.floor(step / 20000) % 2;
      const id = 1 + rand(step < 60000 ? 5000 : 60000) + (step >> 3);
      const flow = { id } as Flow;
      const op = rand(10);
      const slot = q.slotOf(flow);
      assert.equal(slot !== undefined, ref.has(id));
      assert.equal(q.has(flow), ref.has(id));
      if (op < (phase === 0 ? 5 : 2)) {
        const n = notes(id, step);
        q.park(n);
        ref.set(id, n);
      } else if (slot !== undefined) {
        const want = ref.get(id)!;
        assert.equal(q.closerIsClient(slot), want.client);
        assert.equal(q.finFrameAt(slot), want.finFrame);
        if (op < 7) {
          const got = q.take(flow, slot);
          assert.deepEqual({ ...got, flow: got.flow.id }, { ...want, flow: id });
        } else q.drop(slot);
        ref.delete(id);
      }
      assert.equal(q.size, ref.size);
    }
    for (const [id, want] of ref) {
      const flow = { id } as Flow;
      const got = q.take(flow, q.slotOf(flow)!);
      assert.deepEqual({ ...got, flow: id }, { ...want, flow: id });
    }
    assert.equal(q.size, 0);
  });
});
