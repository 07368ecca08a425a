/**
 * One TCP packet per encapsulation the decoder knows, all carrying the same
 * inner segment (10.1.1.1:40000 → 10.2.2.2:80 or 2001:db8::a → 2001:db8::b, seq 1000, PSH+ACK,
 * 5 payload bytes), for tests that must hold on every path (truncation, fuzzing).
 */
import {
  be16, concat, ethernet, ethernetSnap, geneve, gre, ipv4, ipv6, le32, nullLoop, sll, sll2, tcp, udp, vxlan,
} from '../helpers/packet-builder.js';

export const INNER4 = { src: '10.1.1.1', dst: '10.2.2.2' };
export const INNER6 = { src: '2001:db8::a', dst: '2001:db8::b' };
const SEG = { sport: 40000, dport: 80, seq: 1000, ack: 77, flags: 'PA', payload: 5 } as const;

export function innerV4(): Uint8Array {
  return ipv4({ ...INNER4, proto: 6, payload: tcp({ ...INNER4, ...SEG }) });
}

export function innerV6(): Uint8Array {
  return ipv6({ ...INNER6, nextHeader: 6, payload: tcp({ ...INNER6, ...SEG }) });
}

const OUTER = { src: '192.0.2.1', dst: '192.0.2.2' };
const OUTER6 = { src: '2001:db8:ffff::1', dst: '2001:db8:ffff::2' };

export interface Sample {
  name: string;
  linkType: number;
  bytes: Uint8Array;
  ipVersion: 4 | 6;
  tunnelDepth: number;
}

export function samples(): Sample[] {
  const v4 = innerV4();
  const v6 = innerV6();
  const eth = (ip: Uint8Array) => ethernet({ type: ip[0]! >> 4 === 6 ? 0x86dd : 0x0800, payload: ip });
  const s = (name: string, linkType: number, bytes: Uint8Array, ipVersion: 4 | 6 = 4, tunnelDepth = 0): Sample => ({ name, linkType, bytes, ipVersion, tunnelDepth });
  return [
    s('ethernet/ipv4', 1, eth(v4)),
    s('ethernet/ipv6', 1, eth(v6), 6),
    s('802.1Q/ipv4', 1, ethernet({ type: 0x0800, payload: v4, vlan: [100] })),
    s('QinQ/ipv6', 1, ethernet({ type: 0x86dd, payload: v6, vlan: [10, 20] }), 6),
    s('802.3 LLC/SNAP/ipv4', 1, ethernetSnap(0x0800, v4)),
    s('PPPoE/ipv4', 1, ethernet({ type: 0x8864, payload: concat([0x11, 0], be16(0x1234), be16(v4.length + 2), be16(0x0021), v4) })),
    s('MPLS x2/ipv4', 1, ethernet({ type: 0x8847, payload: concat([0, 1, 0x40, 64], [0, 2, 0x01, 64], v4) })),
    s('MPLS/control word/ethernet/ipv6', 1, ethernet({ type: 0x8847, payload: concat([0, 1, 0x01, 64], [0, 0, 0, 0], eth(v6)) }), 6),
    s('SLL/ipv4', 113, sll(0x0800, v4)),
    s('SLL2/ipv6', 276, sll2(0x86dd, v6), 6),
    s('NULL le/ipv4', 0, nullLoop(2, v4, 'le')),
    s('NULL be/ipv6', 0, nullLoop(28, v6, 'be'), 6),
    s('LOOP/ipv6', 108, nullLoop(24, v6, 'be'), 6),
    s('RAW/ipv4', 101, v4),
    s('RAW 12/ipv6', 12, v6, 6),
    s('IPV4', 228, v4),
    s('IPV6', 229, v6, 6),
    s('PPP/ipv4', 9, concat([0xff, 0x03, 0x00, 0x21], v4)),
    s('PPP_HDLC cisco/ipv6', 50, concat([0x0f, 0x00], be16(0x86dd), v6), 6),
    s('C_HDLC/ipv4', 104, concat([0x0f, 0x00], be16(0x0800), v4)),
    s('IP-in-IP', 1, eth(ipv4({ ...OUTER, proto: 4, payload: v4 })), 4, 1),
    s('6in4', 1, eth(ipv4({ ...OUTER, proto: 41, payload: v6 })), 6, 1),
    s('4in6', 1, eth(ipv6({ ...OUTER6, nextHeader: 4, payload: v4 })), 4, 1),
    s('GRE/ipv4', 1, eth(ipv4({ ...OUTER, proto: 47, payload: gre({ protocol: 0x0800, payload: v4 }) })), 4, 1),
    s('GRE C+K+S/ipv6', 1, eth(ipv4({ ...OUTER, proto: 47, payload: gre({ protocol: 0x86dd, payload: v6, checksum: true, key: 7, sequence: 9 }) })), 6, 1),
    s('GRE/TEB/ethernet', 1, eth(ipv4({ ...OUTER, proto: 47, payload: gre({ protocol: 0x6558, payload: eth(v4) }) })), 4, 1),
    s('ERSPAN I', 1, eth(ipv4({ ...OUTER, proto: 47, payload: gre({ protocol: 0x88be, payload: eth(v4) }) })), 4, 1),
    s('ERSPAN II', 1, eth(ipv4({ ...OUTER, proto: 47, payload: gre({ protocol: 0x88be, sequence: 1, payload: concat([0x10, 0x01, 0, 0x05], [0, 0, 0, 0], eth(v4)) }) })), 4, 1),
    s('ERSPAN III', 1, eth(ipv4({ ...OUTER, proto: 47, payload: gre({ protocol: 0x22eb, sequence: 1, payload: concat([0x20, 0x01, 0, 0x05], [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0], eth(v4)) }) })), 4, 1),
    s('PPTP GRE/PPP', 1, eth(ipv4({ ...OUTER, proto: 47, payload: concat([0x30, 0x81], be16(0x880b), be16(v4.length + 4), be16(5), [0, 0, 0, 1], [0, 0, 0, 0], [0xff, 0x03, 0x00, 0x21], v4) })), 4, 1),
    s('VXLAN', 1, eth(ipv4({ ...OUTER, proto: 17, payload: udp(51000, 4789, vxlan(42, eth(v4))) })), 4, 1),
    s('Geneve + options', 1, eth(ipv4({ ...OUTER, proto: 17, payload: udp(51000, 6081, geneve(42, 0x6558, eth(v6), 2)) })), 6, 1),
    s('Teredo', 1, eth(ipv4({ ...OUTER, proto: 17, payload: udp(3544, 50000, v6) })), 6, 1),
    s('Teredo origin', 1, eth(ipv4({ ...OUTER, proto: 17, payload: udp(3544, 50000, concat([0, 0, 0x12, 0x34, 1, 2, 3, 4], v6)) })), 6, 1),
    s('Teredo auth+origin', 1, eth(ipv4({ ...OUTER, proto: 17, payload: udp(50000, 3544, concat([0, 1, 2, 1, 9, 9, 7], new Array(8).fill(0), [0], [0, 0, 0x12, 0x34, 1, 2, 3, 4], v6)) })), 6, 1),
    s('AYIYA', 1, eth(ipv4({ ...OUTER, proto: 17, payload: udp(5072, 5072, concat([0x41, 0x52, 0x11, 41], le32(0), new Array(16).fill(0), new Array(20).fill(0), v6)) })), 6, 1),
    s('GTP-U', 1, eth(ipv4({ ...OUTER, proto: 17, payload: udp(2152, 2152, concat([0x30, 0xff], be16(v4.length), [0, 0, 0, 1], v4)) })), 4, 1),
    s('GTP-U ext header', 1, eth(ipv4({ ...OUTER, proto: 17, payload: udp(2152, 2152, concat([0x34, 0xff], be16(v4.length + 8), [0, 0, 0, 1], [0, 0, 0, 0x85], [1, 0x10, 0x05, 0], v4)) })), 4, 1),
    s('VXLAN in GRE', 1, eth(ipv4({ ...OUTER, proto: 47, payload: gre({ protocol: 0x0800, payload: ipv4({ src: '198.51.100.1', dst: '198.51.100.2', proto: 17, payload: udp(1, 4789, vxlan(5, eth(v4))) }) }) })), 4, 2),
  ];
}
