import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSupportedLinkType, linkTypeName } from '../../src/decode/link-types.js';

describe('link types', () => {
  test('names are tcpdump.org LINKTYPE_ names without the prefix', () => {
    assert.equal(linkTypeName(1), 'ETHERNET');
    assert.equal(linkTypeName(113), 'LINUX_SLL');
    assert.equal(linkTypeName(276), 'LINUX_SLL2');
    assert.equal(linkTypeName(101), 'RAW');
    assert.equal(linkTypeName(0), 'NULL');
    assert.equal(linkTypeName(127), 'IEEE802_11_RADIOTAP');
  });
  test('unknown values are named LINKTYPE_<n>', () => {
    assert.equal(linkTypeName(65000), 'LINKTYPE_65000');
  });
  test('supported: the link types with a decoder; not: those without', () => {
    for (const lt of [0, 1, 8, 9, 10, 12, 14, 50, 101, 104, 105, 107, 108, 113, 127, 129, 178, 226, 228, 229, 239, 242, 258, 276]) {
      assert.equal(isSupportedLinkType(lt), true, `${lt}`);
    }
    for (const lt of [147, 189, 195, 227, 249, 65000]) assert.equal(isSupportedLinkType(lt), false, `${lt}`);
  });
});
