import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FlowMap } from '../../src/detect/flow-map.js';
import type { Flow } from '../../src/model/flow.js';
import { seededRandom } from '../helpers/seeded-random.js';

function flow(id: number): Flow {
  return { id } as Flow;
}

describe('FlowMap', () => {
  test('answers as a Map keyed by flow id would, through growth, deletions in probe runs and shrinking', () => {
    const m = new FlowMap<number>();
    const ref = new Map<number, number>();
    const rand = seededRandom(7);
    for (let step = 0; step < 200000; step++) {
      // Ids from a window that slides and widens, as flows come and go; phases of mostly deletes shrink the table.
      const phase = Math.floor(step / 25000) % 2;
      const id = 1 + rand(step < 100000 ? 3000 : 40000) + (step >> 4);
      const op = rand(10);
      if (op < (phase === 0 ? 5 : 2)) {
        m.set(flow(id), step);
        ref.set(id, step);
      } else if (op < 8) {
        assert.equal(m.delete(flow(id)), ref.delete(id));
      } else {
        assert.equal(m.get(flow(id)), ref.get(id));
        assert.equal(m.has(flow(id)), ref.has(id));
      }
      assert.equal(m.size, ref.size);
    }
    for (const [id, v] of ref) assert.equal(m.get(flow(id)), v);
    for (const id of [...ref.keys()]) assert.equal(m.delete(flow(id)), true);
    assert.equal(m.size, 0);
    assert.equal(m.get(flow(1)), undefined);
  });
});
