import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatIp, parseIp } from '../../src/decode/address.js';

const words = (text: string) => {
  const w = new Uint32Array(4);
  const v = parseIp(text, w);
  return { v, w };
};

describe('formatIp', () => {
  test('IPv4 dotted quad, high addresses unsigned', () => {
    assert.equal(formatIp(4, Uint32Array.of(0xc0a80001, 0, 0, 0)), '192.168.0.1');
    assert.equal(formatIp(4, Uint32Array.of(0xffffffff, 0, 0, 0)), '255.255.255.255');
  });
  // RFC 5952 section 4 cases, printed as inet_ntop (and so Zeek) prints them.
  const cases: Array<[number[], string]> = [
    [[0x20010db8, 0, 0, 1], '2001:db8::1'],
    [[0x20010db8, 0, 1, 1], '2001:db8::1:0:1'],
    [[0x20010db8, 0x00000001, 0x00010001, 0x00010001], '2001:db8:0:1:1:1:1:1'],
    [[0x20010db8, 0, 0x00010000, 0x00000001], '2001:db8::1:0:0:1'],
    // Two equally long zero runs: the first is compressed.
    [[0x20010000, 0, 0x00010000, 0x00000001], '2001::1:0:0:1'],
    [[0, 0, 0, 0], '::'],
    [[0, 0, 0, 1], '::1'],
    [[0xfe800000, 0, 0x021122ff, 0xfe334455], 'fe80::211:22ff:fe33:4455'],
    [[0, 0, 0x0000ffff, 0x01020304], '::ffff:1.2.3.4'],
    [[0, 0, 0, 0x01020304], '::1.2.3.4'],
    [[0x00010000, 0, 0, 0], '1::'],
  ];
  for (const [w, s] of cases) {
    test(`prints ${s}`, () => assert.equal(formatIp(6, Uint32Array.from(w)), s));
  }
});

describe('parseIp', () => {
  test('accepts IPv4 and IPv6 forms, including :: and a dotted tail', () => {
    assert.deepEqual(words('10.0.0.1'), { v: 4, w: Uint32Array.of(0x0a000001, 0, 0, 0) });
    assert.deepEqual(words('2001:DB8::1'), { v: 6, w: Uint32Array.of(0x20010db8, 0, 0, 1) });
    assert.deepEqual(words('::ffff:1.2.3.4'), { v: 6, w: Uint32Array.of(0, 0, 0xffff, 0x01020304) });
    assert.deepEqual(words('1:2:3:4:5:6:7:8'), { v: 6, w: Uint32Array.of(0x10002, 0x30004, 0x50006, 0x70008) });
    assert.deepEqual(words('1:2:3:4:5:6:1.2.3.4'), { v: 6, w: Uint32Array.of(0x10002, 0x30004, 0x50006, 0x01020304) });
  });
  for (const bad of ['', '1.2.3', '1.2.3.256', '01.2.3.4', '1.2.3.4.5', '1::2::3', '12345::', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', ':::', 'g::1', '1:2:3:4:5:6:7::8', '::1.2.3', 'fe80::1%eth0']) {
    test(`rejects ${JSON.stringify(bad)}`, () => assert.equal(parseIp(bad, new Uint32Array(4)), 0));
  }
  test('formatIp and parseIp round-trip every address (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffffffff })), { minLength: 4, maxLength: 4 }), (ws) => {
        const w = Uint32Array.from(ws);
        const back = new Uint32Array(4);
        assert.equal(parseIp(formatIp(6, w), back), 6);
        assert.deepEqual(back, w);
        assert.equal(parseIp(formatIp(4, w), back), 4);
        assert.equal(back[0], w[0]);
      }),
      { numRuns: 500 },
    );
  });
});
