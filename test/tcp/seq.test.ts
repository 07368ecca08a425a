import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { seqAdd, seqDiff, seqGt, seqLeq, seqLt } from '../../src/tcp/seq.js';

test('sequence comparison is modular: 0xfffffff0 is before 0x10 across the wrap', () => {
  assert.ok(seqLt(0xfffffff0, 0x10));
  assert.ok(seqGt(0x10, 0xfffffff0));
  assert.equal(seqDiff(0x10, 0xfffffff0), 0x20);
});

test('a + n is after a for every 0 < n < 2^31', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 0x7fffffff }), (a, n) => {
      const b = seqAdd(a, n);
      return seqGt(b, a) && seqLt(a, b) && seqLeq(a, b) && seqDiff(b, a) === n;
    }),
  );
});
