import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TUNNEL_DEPTH } from '../../src/decode/packet.js';
import { DecodeStatus } from '../../src/model/decoded.js';
import { be16, concat, ethernet, gre, ipv4, ipv6, tcp, udp, vxlan } from '../helpers/packet-builder.js';
import { decode } from './decode-helpers.js';

const eth = (ip: Uint8Array) => ethernet({ type: ip[0]! >> 4 === 6 ? 0x86dd : 0x0800, payload: ip });
const inner = (src: string, dst: string, sport: number, dport: number) =>
  ipv4({ src, dst, proto: 6, payload: tcp({ src, dst, sport, dport, flags: 'A' }) });

function greBetween(a: string, b: string, innerIp: Uint8Array): Uint8Array {
  return eth(ipv4({ src: a, dst: b, proto: 47, payload: gre({ protocol: 0x0800, payload: innerIp }) }));
}

function vxlanBetween(a: string, b: string, vni: number, sport: number, innerIp: Uint8Array): Uint8Array {
  return eth(ipv4({ src: a, dst: b, proto: 17, payload: udp(sport, 4789, vxlan(vni, eth(innerIp))) }));
}

describe('tunnel key', () => {
  test('both directions of a GRE tunnel give the same key', () => {
    const there = decode(greBetween('192.0.2.1', '192.0.2.2', inner('10.0.0.1', '10.0.0.2', 1000, 80)));
    const back = decode(greBetween('192.0.2.2', '192.0.2.1', inner('10.0.0.2', '10.0.0.1', 80, 1000)));
    assert.equal(there.status, DecodeStatus.TCP);
    assert.notEqual(there.tunnelKey, 0);
    assert.equal(there.tunnelKey, back.tunnelKey);
  });
  test('both directions of a VXLAN tunnel match although the UDP source ports differ', () => {
    const there = decode(vxlanBetween('192.0.2.1', '192.0.2.2', 77, 50001, inner('10.0.0.1', '10.0.0.2', 1000, 80)));
    const back = decode(vxlanBetween('192.0.2.2', '192.0.2.1', 77, 61234, inner('10.0.0.2', '10.0.0.1', 80, 1000)));
    assert.equal(there.tunnelKey, back.tunnelKey);
  });
  test('different outer endpoints, tunnel types or VNIs give different keys', () => {
    const x = inner('10.0.0.1', '10.0.0.2', 1000, 80);
    const keys = [
      decode(greBetween('192.0.2.1', '192.0.2.2', x)).tunnelKey,
      decode(greBetween('192.0.2.1', '192.0.2.3', x)).tunnelKey,
      decode(vxlanBetween('192.0.2.1', '192.0.2.2', 1, 5, x)).tunnelKey,
      decode(vxlanBetween('192.0.2.1', '192.0.2.2', 2, 5, x)).tunnelKey,
      decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 4, payload: x }))).tunnelKey,
    ];
    assert.equal(new Set(keys).size, keys.length);
  });
  test('untunnelled packets have key 0 and depth 0 after a tunnelled one was decoded', () => {
    decode(greBetween('192.0.2.1', '192.0.2.2', inner('10.0.0.1', '10.0.0.2', 1, 2)));
    const p = decode(eth(inner('10.0.0.1', '10.0.0.2', 1, 2)));
    assert.equal(p.tunnelKey, 0);
    assert.equal(p.tunnelDepth, 0);
  });
});

describe('tunnel nesting', () => {
  const nest = (depth: number) => {
    let ip = inner('10.0.0.1', '10.0.0.2', 1, 2);
    for (let i = 0; i < depth; i++) ip = ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 4, payload: ip });
    return eth(ip);
  };
  test(`IP-in-IP nested ${MAX_TUNNEL_DEPTH} deep is decoded, with tunnelDepth counting each level`, () => {
    const p = decode(nest(MAX_TUNNEL_DEPTH));
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.tunnelDepth, MAX_TUNNEL_DEPTH);
  });
  test('one level deeper is refused as MALFORMED', () => {
    assert.equal(decode(nest(MAX_TUNNEL_DEPTH + 1)).status, DecodeStatus.MALFORMED);
  });
});

describe('GRE details', () => {
  test('source routing (R flag) is not followed: NOT_TCP', () => {
    const g = gre({ protocol: 0x0800, payload: inner('10.0.0.1', '10.0.0.2', 1, 2) });
    g[0] |= 0x40;
    assert.equal(decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 47, payload: g }))).status, DecodeStatus.NOT_TCP);
  });
  test('GRE version 2 is NOT_TCP', () => {
    const g = gre({ protocol: 0x0800, payload: inner('10.0.0.1', '10.0.0.2', 1, 2) });
    g[1] = 2;
    assert.equal(decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 47, payload: g }))).status, DecodeStatus.NOT_TCP);
  });
  test('ERSPAN II with a wrong version nibble is MALFORMED', () => {
    const g = gre({ protocol: 0x88be, sequence: 1, payload: concat([0x30, 0, 0, 0, 0, 0, 0, 0], eth(inner('10.0.0.1', '10.0.0.2', 1, 2))) });
    assert.equal(decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 47, payload: g }))).status, DecodeStatus.MALFORMED);
  });
  test('Aruba GRE (0x8200) carries 802.11 data frames', () => {
    const wifi = concat([0x08, 0x02, 0, 0], new Array(18).fill(1), [0, 0], [0xaa, 0xaa, 3, 0, 0, 0], be16(0x0800), inner('10.0.0.1', '10.0.0.2', 1, 2));
    assert.equal(decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 47, payload: gre({ protocol: 0x8200, payload: wifi }) }))).status, DecodeStatus.TCP);
  });
  test('WCCP redirect (0x883e) has a 4-byte header before IPv4', () => {
    const g = gre({ protocol: 0x883e, payload: concat([0x05, 0x59, 0, 0x48], inner('10.0.0.1', '10.0.0.2', 1, 2)) });
    assert.equal(decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 47, payload: g }))).status, DecodeStatus.TCP);
  });
  test('GRE in UDP (port 4754)', () => {
    const g = gre({ protocol: 0x0800, payload: inner('10.0.0.1', '10.0.0.2', 1, 2) });
    const p = decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 17, payload: udp(999, 4754, g) })));
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.tunnelDepth, 1);
  });
});

describe('UDP tunnels', () => {
  test('a VXLAN reply (tunnel port as source) is decoded too', () => {
    const p = decode(eth(ipv4({ src: '192.0.2.2', dst: '192.0.2.1', proto: 17, payload: udp(4789, 50000, vxlan(1, eth(inner('10.0.0.2', '10.0.0.1', 80, 1)))) })));
    assert.equal(p.status, DecodeStatus.TCP);
  });
  test('Teredo between relay ports is recognised by content: exact IPv6 length and a 2001:0::/32 address', () => {
    const seg = (src: string, dst: string) => ipv6({ src, dst, nextHeader: 6, payload: tcp({ src, dst, flags: 'S' }) });
    const teredo = decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 17, payload: udp(3797, 32900, seg('2001:0:4137:9e50::1', '2001:db8::68')) })));
    assert.equal(teredo.status, DecodeStatus.TCP);
    assert.equal(teredo.tunnelDepth, 1);
    const native = decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 17, payload: udp(3797, 32900, seg('2001:db8::1', '2001:db8::68')) })));
    assert.equal(native.status, DecodeStatus.NOT_TCP);
  });
  test('a Teredo bubble (IPv6 with no next header) is NOT_TCP', () => {
    const bubble = ipv6({ src: '2001:0:4136:e378::1', dst: '2001:0:4136:e378::2', nextHeader: 59, payload: [] });
    assert.equal(decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 17, payload: udp(3544, 3544, bubble) }))).status, DecodeStatus.NOT_TCP);
  });
  test('port 3544 traffic that is not IPv6 is plain UDP (NOT_TCP), not a broken tunnel', () => {
    assert.equal(decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 17, payload: udp(3544, 9, [0x45, 1, 2]) }))).status, DecodeStatus.NOT_TCP);
  });
  test('GTP-U messages other than G-PDU (echo request, type 1) are NOT_TCP', () => {
    assert.equal(decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 17, payload: udp(2152, 2152, [0x32, 0x01, 0, 4, 0, 0, 0, 0, 0, 1, 0, 0]) }))).status, DecodeStatus.NOT_TCP);
  });
  test('AYIYA with an opcode other than forward is NOT_TCP', () => {
    assert.equal(decode(eth(ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: 17, payload: udp(5072, 5072, [0x41, 0x52, 0x12, 41, 0, 0, 0, 0]) }))).status, DecodeStatus.NOT_TCP);
  });
});
