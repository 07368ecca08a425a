import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tcpPacket } from '../helpers/packet-builder.js';
import { decode } from './decode-helpers.js';

describe('TCP options', () => {
  test('SYN options: MSS, SACK-permitted, timestamps, window scale', () => {
    const p = decode(tcpPacket({ flags: 'S', options: { mss: 1460, sackPerm: true, ts: [0xdeadbeef, 0], wscale: 7 } }));
    assert.equal(p.optMss, 1460);
    assert.equal(p.optSackPermitted, true);
    assert.equal(p.optHasTimestamps, true);
    assert.equal(p.optTsVal, 0xdeadbeef);
    assert.equal(p.optTsEcr, 0);
    assert.equal(p.optWscale, 7);
  });
  test('absent options read as -1 / false / 0, even after a packet that had them', () => {
    decode(tcpPacket({ flags: 'S', options: { mss: 1460, wscale: 2 } }));
    const p = decode(tcpPacket({ flags: 'A' }));
    assert.equal(p.optMss, -1);
    assert.equal(p.optWscale, -1);
    assert.equal(p.optSackPermitted, false);
    assert.equal(p.optHasTimestamps, false);
    assert.equal(p.sackCount, 0);
  });
  for (const n of [1, 2, 3, 4]) {
    test(`SACK with ${n} block(s)`, () => {
      const blocks: Array<[number, number]> = [];
      for (let i = 0; i < n; i++) blocks.push([0xffffff00 + i * 16, 0xffffff08 + i * 16]);
      const p = decode(tcpPacket({ options: { sack: blocks } }));
      assert.equal(p.sackCount, n);
      for (let i = 0; i < n; i++) {
        assert.equal(p.sack[2 * i], blocks[i]![0]);
        assert.equal(p.sack[2 * i + 1], blocks[i]![1]);
      }
    });
  }
  test('an option with length 0 stops the walk quietly, keeping what was read before it', () => {
    const p = decode(tcpPacket({ flags: 'S', options: { mss: 536, raw: [3, 0, 7] } }));
    assert.equal(p.status, 0);
    assert.equal(p.optMss, 536);
    assert.equal(p.optWscale, -1);
  });
  test('an option running past the header end is ignored', () => {
    const p = decode(tcpPacket({ flags: 'S', options: { raw: [1, 1, 2, 8, 5, 180] } }));
    assert.equal(p.optMss, -1);
  });
  test('EOL ends the options; what follows it is not read', () => {
    const p = decode(tcpPacket({ flags: 'S', options: { raw: [0, 2, 4, 5, 180] } }));
    assert.equal(p.optMss, -1);
  });
  test('an MSS option of the wrong length is ignored', () => {
    const p = decode(tcpPacket({ flags: 'S', options: { raw: [2, 3, 5, 1] } }));
    assert.equal(p.optMss, -1);
  });
});
