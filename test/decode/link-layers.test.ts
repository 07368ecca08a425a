import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket } from '../../src/decode/packet.js';
import { DecodeStatus, newDecodedPacket } from '../../src/model/decoded.js';
import { be16, be32, concat, ethernet, le32, nullLoop, record, sll, sll2 } from '../helpers/packet-builder.js';
import { decode } from './decode-helpers.js';
import { innerV4, innerV6 } from './samples.js';

const le16 = (v: number) => [v & 0xff, v >> 8];

describe('BSD NULL / LOOP', () => {
  for (const order of ['le', 'be'] as const) {
    for (const af of [24, 28, 30]) {
      test(`AF ${af} in ${order} byte order is IPv6`, () => {
        const p = decode(nullLoop(af, innerV6(), order), { linkType: 0 });
        assert.equal(p.status, DecodeStatus.TCP);
        assert.equal(p.ipVersion, 6);
      });
    }
    test(`AF 2 in ${order} byte order is IPv4, on NULL and LOOP`, () => {
      assert.equal(decode(nullLoop(2, innerV4(), order), { linkType: 0 }).ipVersion, 4);
      assert.equal(decode(nullLoop(2, innerV4(), order), { linkType: 108 }).ipVersion, 4);
    });
  }
  test('an unknown family (AF_APPLETALK 16) is NOT_IP', () => {
    assert.equal(decode(nullLoop(16, innerV4()), { linkType: 0 }).status, DecodeStatus.NOT_IP);
  });
});

describe('Linux cooked captures', () => {
  test('SLL with protocol 0x0004 is LLC', () => {
    const p = decode(sll(0x0004, concat([0xaa, 0xaa, 3, 0, 0, 0], be16(0x0800), innerV4())), { linkType: 113 });
    assert.equal(p.status, DecodeStatus.TCP);
  });
  test('SLL on a netlink interface (ARPHRD 824) is NOT_IP whatever the protocol says', () => {
    assert.equal(decode(sll(0x0800, innerV4(), 824), { linkType: 113 }).status, DecodeStatus.NOT_IP);
  });
  test('SLL2 header of 19 bytes is TRUNCATED', () => {
    assert.equal(decode(sll2(0x0800, innerV4()).subarray(0, 19), { linkType: 276 }).status, DecodeStatus.TRUNCATED);
  });
});

describe('raw IP link types', () => {
  for (const lt of [101, 12, 14]) {
    test(`link type ${lt} picks the IP version from the first nibble`, () => {
      assert.equal(decode(innerV4(), { linkType: lt }).ipVersion, 4);
      assert.equal(decode(innerV6(), { linkType: lt }).ipVersion, 6);
    });
  }
  test('LINKTYPE_IPV4 given an IPv6 packet is MALFORMED', () => {
    assert.equal(decode(innerV6(), { linkType: 228 }).status, DecodeStatus.MALFORMED);
  });
  test('raw IP with version 5 is NOT_IP', () => {
    const b = innerV4();
    b[0] = 0x55;
    assert.equal(decode(b, { linkType: 101 }).status, DecodeStatus.NOT_IP);
  });
});

describe('PPP family', () => {
  test('PPP without address/control and with a compressed protocol byte (0x21)', () => {
    assert.equal(decode(concat([0x21], innerV4()), { linkType: 9 }).status, DecodeStatus.TCP);
  });
  test('PPP_HDLC with ff 03 and IPv6 (0x0057)', () => {
    assert.equal(decode(concat([0xff, 0x03, 0x00, 0x57], innerV6()), { linkType: 50 }).ipVersion, 6);
  });
  test('PPP LCP (0xc021) is NOT_IP', () => {
    assert.equal(decode(concat([0xff, 0x03, 0xc0, 0x21, 1, 1, 0, 4]), { linkType: 9 }).status, DecodeStatus.NOT_IP);
  });
  test('PPP_WITH_DIR skips the direction byte', () => {
    assert.equal(decode(concat([1, 0xff, 0x03, 0x00, 0x21], innerV4()), { linkType: 204 }).status, DecodeStatus.TCP);
  });
  test('PPPoE length bounds the PPP frame; a bad version/type byte is MALFORMED', () => {
    const v4 = innerV4();
    const good = ethernet({ type: 0x8864, payload: concat([0x11, 0], be16(1), be16(v4.length + 2), be16(0x21), v4) });
    assert.equal(decode(good).status, DecodeStatus.TCP);
    const bad = ethernet({ type: 0x8864, payload: concat([0x21, 0], be16(1), be16(v4.length + 2), be16(0x21), v4) });
    assert.equal(decode(bad).status, DecodeStatus.MALFORMED);
  });
  test('PPPoE discovery (0x8863) is NOT_IP', () => {
    assert.equal(decode(ethernet({ type: 0x8863, payload: [0x11, 0x09, 0, 0, 0, 0] })).status, DecodeStatus.NOT_IP);
  });
});

describe('MPLS', () => {
  test('a label stack ending in a payload of unknown nibble is NOT_IP', () => {
    assert.equal(decode(ethernet({ type: 0x8847, payload: concat([0, 1, 0x01, 64], [0x90, 0, 0, 0]) })).status, DecodeStatus.NOT_IP);
  });
  test('a stack without a bottom-of-stack bit runs out of bytes: TRUNCATED', () => {
    assert.equal(decode(ethernet({ type: 0x8847, payload: [0, 1, 0, 64, 0, 2, 0, 64] })).status, DecodeStatus.TRUNCATED);
  });
});

describe('802.11 and radiotap', () => {
  const snap = concat([0xaa, 0xaa, 3, 0, 0, 0], be16(0x0800), innerV4());
  const hdr = (fc0: number, fc1: number, extra: number[] = []) => concat([fc0, fc1, 0, 0], new Array(18).fill(1), [0, 0], extra);
  test('a data frame (type 2 subtype 0) carries LLC/SNAP then IP', () => {
    assert.equal(decode(concat(hdr(0x08, 0x01), snap), { linkType: 105 }).status, DecodeStatus.TCP);
  });
  test('a QoS data frame has 2 more header bytes; WDS (to+from DS) 6 more', () => {
    assert.equal(decode(concat(hdr(0x88, 0x01), [0, 0], snap), { linkType: 105 }).status, DecodeStatus.TCP);
    assert.equal(decode(concat(hdr(0x88, 0x03), new Array(6).fill(2), [0, 0], snap), { linkType: 105 }).status, DecodeStatus.TCP);
  });
  test('protected frames, null data and beacons are NOT_IP', () => {
    assert.equal(decode(concat(hdr(0x08, 0x41), snap), { linkType: 105 }).status, DecodeStatus.NOT_IP);
    assert.equal(decode(hdr(0x48, 0x01), { linkType: 105 }).status, DecodeStatus.NOT_IP);
    assert.equal(decode(concat(hdr(0x80, 0x00), snap), { linkType: 105 }).status, DecodeStatus.NOT_IP);
  });
  test('radiotap with TSFT and Flags(datapad) aligns the 802.11 body to 4 bytes', () => {
    // present = TSFT | FLAGS; TSFT is 8-aligned (at 8), flags at 16; header length 18 (padded to 20 here).
    const rt = concat([0, 0], le16(20), le32(0x3), new Array(8).fill(0), [0x20, 0, 0, 0]);
    const qos = concat(hdr(0x88, 0x01), [0, 0]); // 26 bytes: padded to 28
    assert.equal(decode(concat(rt, qos, [0, 0], snap), { linkType: 127 }).status, DecodeStatus.TCP);
    const noPad = concat([0, 0], le16(20), le32(0x3), new Array(8).fill(0), [0x00, 0, 0, 0]);
    assert.equal(decode(concat(noPad, qos, snap), { linkType: 127 }).status, DecodeStatus.TCP);
  });
  test('radiotap with a length below 8 is MALFORMED', () => {
    assert.equal(decode(concat([0, 0], le16(4), le32(0)), { linkType: 127 }).status, DecodeStatus.MALFORMED);
  });
});

describe('NFLOG', () => {
  const tlv = (type: number, value: Uint8Array | number[]) => {
    const len = 4 + value.length;
    return concat(le16(len), le16(type), value, new Array((4 - (len % 4)) % 4).fill(0));
  };
  test('the packet is in TLV type 9, after other TLVs', () => {
    const b = concat([2, 0, 0, 0], tlv(1, [8, 0, 1, 0]), tlv(10, [1, 2, 3]), tlv(9, innerV4()));
    assert.equal(decode(b, { linkType: 239 }).status, DecodeStatus.TCP);
  });
  test('a TLV length below 4 is MALFORMED (Zeek trace nflog-bad-tlv-len.pcap has one)', () => {
    assert.equal(decode(concat([2, 0, 0, 0], [2, 0, 1, 0], innerV4()), { linkType: 239 }).status, DecodeStatus.MALFORMED);
  });
  test('no payload TLV is NOT_IP', () => {
    assert.equal(decode(concat([2, 0, 0, 0], tlv(1, [8, 0, 1, 0])), { linkType: 239 }).status, DecodeStatus.NOT_IP);
  });
});

describe('other link layers', () => {
  const snapV4 = concat([0xaa, 0xaa, 3, 0, 0, 0], be16(0x0800), innerV4());
  test('FDDI: frame control 0x50 (LLC), 12 address bytes, LLC/SNAP', () => {
    assert.equal(decode(concat([0x50], new Array(12).fill(3), snapV4), { linkType: 10 }).status, DecodeStatus.TCP);
  });
  test('FDDI SMT frame (frame control 0x41) is NOT_IP', () => {
    assert.equal(decode(concat([0x41], new Array(12).fill(3), snapV4), { linkType: 10 }).status, DecodeStatus.NOT_IP);
  });
  test('ATM RFC 1483 is bare LLC/SNAP', () => {
    assert.equal(decode(snapV4, { linkType: 100 }).status, DecodeStatus.TCP);
  });
  test('SLIP: 16-byte BPF header, then IP', () => {
    assert.equal(decode(concat(new Array(16).fill(0), innerV6()), { linkType: 8 }).ipVersion, 6);
  });
  test('Frame Relay RFC 2427 NLPID 0xcc and 0x8e, SNAP (0x80), and Cisco EtherType encapsulation', () => {
    assert.equal(decode(concat([0x18, 0x41, 0x03, 0xcc], innerV4()), { linkType: 107 }).ipVersion, 4);
    assert.equal(decode(concat([0x18, 0x41, 0x03, 0x8e], innerV6()), { linkType: 107 }).ipVersion, 6);
    assert.equal(decode(concat([0x18, 0x41, 0x03, 0x00, 0x80, 0, 0, 0], be16(0x0800), innerV4()), { linkType: 107 }).status, DecodeStatus.TCP);
    assert.equal(decode(concat([0x18, 0x41], be16(0x0800), innerV4()), { linkType: 107 }).status, DecodeStatus.TCP);
  });
  test('Frame Relay address without an EA bit in 4 bytes is MALFORMED', () => {
    assert.equal(decode(concat([0x18, 0x40, 0x40, 0x40, 0x03, 0xcc], innerV4()), { linkType: 107 }).status, DecodeStatus.MALFORMED);
  });
  test('Solaris IPNET: family 26 is IPv6', () => {
    const h = concat([1, 26], be16(0), be32(0), be32(1), be32(0), be32(0), be32(0));
    assert.equal(decode(concat(h, innerV6()), { linkType: 226 }).ipVersion, 6);
  });
  test('Juniper Ethernet: MGC, flags with extension TLVs, then Ethernet', () => {
    const h = concat([0x4d, 0x47, 0x43, 0x80], be16(4), [1, 2, 3, 4]);
    assert.equal(decode(concat(h, ethernet({ type: 0x0800, payload: innerV4() })), { linkType: 178 }).status, DecodeStatus.TCP);
    assert.equal(decode(concat([0x4d, 0x47, 0x44, 0x80], innerV4()), { linkType: 178 }).status, DecodeStatus.MALFORMED);
  });
  test('Apple PKTAP: header length and inner DLT (1 = Ethernet) come from the header', () => {
    const h = concat(le32(108), le32(1), le32(1), new Array(96).fill(0));
    assert.equal(decode(concat(h, ethernet({ type: 0x0800, payload: innerV4() })), { linkType: 258 }).status, DecodeStatus.TCP);
  });
  test('IPoIB: EtherType at byte 40 of a 44-byte header', () => {
    assert.equal(decode(concat(new Array(40).fill(0), be16(0x86dd), [0, 0], innerV6()), { linkType: 242 }).ipVersion, 6);
  });
  test('Linux ARCNET: RFC 1201 IP type 0xd4 with flag and sequence', () => {
    assert.equal(decode(concat([1, 2, 0, 0, 0xd4, 0, 0, 1], innerV4()), { linkType: 129 }).status, DecodeStatus.TCP);
    assert.equal(decode(concat([1, 2, 0, 0, 0xf0], innerV4()), { linkType: 129 }).status, DecodeStatus.TCP);
  });
  test('an unknown link type is UNSUPPORTED_LINK and names it in linkType', () => {
    const out = newDecodedPacket();
    assert.equal(decodePacket(record(innerV4(), { linkType: 147 }), out), DecodeStatus.UNSUPPORTED_LINK);
    assert.equal(out.linkType, 147);
  });
});
