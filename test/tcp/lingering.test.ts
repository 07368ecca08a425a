// LingeringFlows: the tracker's flows waiting out TIME_WAIT out of the table,
// an array with holes whose positions live in each flow's `entry`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LingeringFlows } from '../../src/tcp/lingering.js';
import type { Connection } from '../../src/tcp/connection.js';
import { seededRandom } from '../helpers/seeded-random.js';

function flow(id: number): Connection {
  return { id, entry: -1 } as Connection;
}

describe('LingeringFlows', () => {
  test('a flow is deleted once; a flow never added or still in the table is not lingering', () => {
    const l = new LingeringFlows();
    const f = flow(1);
    l.add(f);
    assert.ok(f.entry <= -2);
    assert.equal(l.delete(f), true);
    assert.equal(f.entry, -1);
    assert.equal(l.delete(f), false);
    assert.equal(l.delete(flow(2)), false);
    assert.equal(l.delete({ id: 3, entry: 7 } as Connection), false);
  });

  test('deletes in random order across compactions keep exactly the flows not deleted', () => {
    const l = new LingeringFlows();
    const rnd = seededRandom(11);
    const live = new Map<number, Connection>();
    let next = 1;
    // Adds and deletes interleaved, enough to squeeze out holes many times (the array is compacted past 1024).
    for (let round = 0; round < 20_000; round++) {
      if (live.size < 3000 && rnd(3) !== 0) {
        const f = flow(next++);
        l.add(f);
        live.set(f.id, f);
      } else if (live.size > 0) {
        const ids = [...live.keys()];
        const f = live.get(ids[rnd(ids.length)]!)!;
        assert.equal(l.delete(f), true);
        live.delete(f.id);
      }
    }
    const rest = l.takeAll();
    assert.deepEqual(rest.map((f) => f.id).sort((a, b) => a - b), [...live.keys()].sort((a, b) => a - b));
    assert.ok(rest.every((f) => f.entry === -1));
    assert.deepEqual(l.takeAll(), []);
  });
});
