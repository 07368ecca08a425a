import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { framesFilter } from '../../src/detect/wireshark-filter.js';

describe('framesFilter', () => {
  test('a set of frames, sorted and deduplicated, with runs of 3+ as ranges', () => {
    assert.equal(framesFilter([40, 12, 15]), 'frame.number in {12 15 40}');
    assert.equal(framesFilter([12, 13, 14, 15]), 'frame.number in {12..15}');
    assert.equal(framesFilter([1, 2, 5, 6, 7, 9, 9]), 'frame.number in {1 2 5..7 9}');
  });
  test('one frame is an equality, none is the empty string', () => {
    assert.equal(framesFilter([7]), 'frame.number == 7');
    assert.equal(framesFilter([]), '');
    assert.equal(framesFilter([0]), '');
  });
});
