import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FlowIdBag } from '../../src/detect/flow-id-bag.js';
import { seededRandom } from '../helpers/seeded-random.js';

test('FlowIdBag counts distinct flow ids through growth and squeezes, as a Set would', () => {
  const rand = seededRandom(5);
  const bag = new FlowIdBag();
  const set = new Set<number>();
  for (let i = 0; i < 5000; i++) {
    // Mostly new ids in rising order, some repeats of recent and old ones, as findings of several kinds name them.
    const id = rand(10) < 3 && i > 0 ? 1 + rand(i) : i + 1;
    bag.add(id);
    set.add(id);
    if (i % 997 === 0) assert.equal(bag.size, set.size, `after ${i + 1} ids`);
  }
  assert.equal(bag.size, set.size);
  assert.deepEqual(bag.distinct(), [...set].sort((a, b) => a - b));
});
