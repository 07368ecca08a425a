import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/model/decoded.js';
import { ipv4, ipv6, tcp, udp } from '../helpers/packet-builder.js';
import { decode } from './decode-helpers.js';

const A = { src: '10.0.0.1', dst: '10.0.0.2' };
const B = { src: '2001:db8::1', dst: '2001:db8::2' };
const seg4 = (payload = 10) => tcp({ ...A, flags: 'PA', payload });
const seg6 = (payload = 10) => tcp({ ...B, flags: 'PA', payload });
const RAW = { linkType: 101 };

describe('IPv4', () => {
  test('options lengthen the header; TCP is found after them', () => {
    const p = decode(ipv4({ ...A, proto: 6, payload: seg4(), options: [0x94, 4, 0, 0, 1, 1, 1, 0] }), RAW);
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.ipHeaderLen, 28);
    assert.equal(p.tcpOffset, 28);
    assert.equal(p.payloadLen, 10);
  });
  test('a first fragment (MF, offset 0) yields TCP with ipFirstFragment set', () => {
    const p = decode(ipv4({ ...A, proto: 6, payload: seg4(), moreFragments: true }), RAW);
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.ipFirstFragment, true);
  });
  test('a later fragment is FRAGMENT, with its addresses filled', () => {
    const p = decode(ipv4({ ...A, proto: 6, payload: new Uint8Array(16), fragOffset: 1480 }), RAW);
    assert.equal(p.status, DecodeStatus.FRAGMENT);
    assert.equal(p.src[0], 0x0a000001);
  });
  test('a first fragment that ends inside the TCP header is FRAGMENT, not MALFORMED', () => {
    const p = decode(ipv4({ ...A, proto: 6, payload: seg4().subarray(0, 8), moreFragments: true }), RAW);
    assert.equal(p.status, DecodeStatus.FRAGMENT);
  });
  test('total length below the header length is MALFORMED; IHL below 5 is MALFORMED', () => {
    assert.equal(decode(ipv4({ ...A, proto: 6, payload: seg4(), totalLength: 19 }), RAW).status, DecodeStatus.MALFORMED);
    assert.equal(decode(ipv4({ ...A, proto: 6, payload: seg4(), versionIhl: 0x44 }), RAW).status, DecodeStatus.MALFORMED);
  });
  test('total length above the captured bytes (snaplen) is normal: payloadLen from the header, payloadCaptured from the record', () => {
    const ip = ipv4({ ...A, proto: 6, payload: seg4(1000) });
    const p = decode(ip, { ...RAW, caplen: 60, origLen: ip.length });
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.payloadLen, 1000);
    assert.equal(p.payloadCaptured, 20);
    assert.equal(p.ipTotalLen, 1040);
  });
  test('total length 0 (segmentation offload) takes the wire length', () => {
    const ip = ipv4({ ...A, proto: 6, payload: seg4(3000), totalLength: 0 });
    const p = decode(ip, { ...RAW, caplen: 100, origLen: ip.length });
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.payloadLen, 3000);
  });
  test('UDP on a port that is no tunnel, and ICMP, are NOT_TCP', () => {
    assert.equal(decode(ipv4({ ...A, proto: 17, payload: udp(53, 53, [1, 2, 3]) }), RAW).status, DecodeStatus.NOT_TCP);
    const p = decode(ipv4({ ...A, proto: 1, payload: [8, 0, 0, 0] }), RAW);
    assert.equal(p.status, DecodeStatus.NOT_TCP);
    assert.equal(p.ipProto, 1);
  });
});

describe('IPv6 extension headers', () => {
  test('hop-by-hop, routing and destination options are skipped (8-byte units)', () => {
    const p = decode(ipv6({ ...B, nextHeader: 6, payload: seg6(), extensions: [{ type: 0 }, { type: 43, body: [0, 0, 0, 0, 0, 0] }, { type: 60, body: new Array(14).fill(1) }] }), RAW);
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.ipHeaderLen, 40 + 8 + 8 + 16);
    assert.equal(p.payloadLen, 10);
  });
  test('AH counts its length in 4-byte units (minus 2)', () => {
    const p = decode(ipv6({ ...B, nextHeader: 6, payload: seg6(), extensions: [{ type: 51, body: new Array(22).fill(0) }] }), RAW);
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.ipHeaderLen, 40 + 24);
  });
  test('fragment header: first fragment decodes TCP, a later one is FRAGMENT', () => {
    const first = decode(ipv6({ ...B, nextHeader: 6, payload: seg6(), extensions: [{ type: 44, moreFragments: true }] }), RAW);
    assert.equal(first.status, DecodeStatus.TCP);
    assert.equal(first.ipFirstFragment, true);
    const later = decode(ipv6({ ...B, nextHeader: 6, payload: new Uint8Array(24), extensions: [{ type: 44, fragOffset: 1232 }] }), RAW);
    assert.equal(later.status, DecodeStatus.FRAGMENT);
  });
  test('an atomic fragment (offset 0, no MF) is plain TCP', () => {
    const p = decode(ipv6({ ...B, nextHeader: 6, payload: seg6(), extensions: [{ type: 44 }] }), RAW);
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.ipFirstFragment, false);
  });
  test('mobility header and no-next-header (59) are NOT_TCP', () => {
    assert.equal(decode(ipv6({ ...B, nextHeader: 59, payload: [] }), RAW).status, DecodeStatus.NOT_TCP);
    assert.equal(decode(ipv6({ ...B, nextHeader: 59, payload: [], extensions: [{ type: 135, body: [5, 0, 0, 0, 0, 0] }] }), RAW).status, DecodeStatus.NOT_TCP);
  });
  test('an extension header running past the payload length is MALFORMED', () => {
    assert.equal(decode(ipv6({ ...B, nextHeader: 6, payload: seg6(), extensions: [{ type: 0 }], payloadLength: 4 }), RAW).status, DecodeStatus.MALFORMED);
  });
  test('ipTotalLen is payload length + 40, independent of what was captured', () => {
    const ip = ipv6({ ...B, nextHeader: 6, payload: seg6(500) });
    const p = decode(ip, { ...RAW, caplen: 80, origLen: ip.length });
    assert.equal(p.ipTotalLen, 40 + 20 + 500);
    assert.equal(p.payloadCaptured, 20);
  });
});
