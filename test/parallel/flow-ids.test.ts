import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { globalFlowIds } from '../../src/parallel/flow-ids.js';

describe('flow ids across shards (--jobs)', () => {
  test('flows are numbered by first frame over every shard, as one tracker numbers them', () => {
    // Shard 0 opened flows at frames 1, 4, 9; shard 1 at 2, 3, 10; shard 2 none.
    const maps = globalFlowIds([Float64Array.of(1, 4, 9), Float64Array.of(2, 3, 10), new Float64Array(0)]);
    assert.deepEqual([...maps[0]!], [0, 1, 4, 5]);
    assert.deepEqual([...maps[1]!], [0, 2, 3, 6]);
    assert.deepEqual([...maps[2]!], [0]);
  });
});
