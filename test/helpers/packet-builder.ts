/**
 * Builds packet bytes for tests: headers layer by layer (ethernet, ipv4,
 * ipv6, tcp, udp, gre, ...) or a whole TCP packet in one call (tcpPacket),
 * and wraps bytes in a PacketRecord (record). Checksums and lengths are
 * computed unless a test overrides them to build a broken packet.
 *
 *   const bytes = tcpPacket({ src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80,
 *                             seq: 1000, flags: 'S', options: { mss: 1460, wscale: 7, sackPerm: true } });
 *   decodePacket(record(bytes), out);
 */
import type { PacketRecord } from '../../src/model/packet.js';

export type Bytes = Uint8Array | number[];

export function concat(...parts: Bytes[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function be16(v: number): number[] {
  return [(v >>> 8) & 0xff, v & 0xff];
}

export function be32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

export function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

/** 4 bytes for IPv4 text, 16 for IPv6 text (with "::" and a dotted tail allowed). */
export function ipBytes(text: string): Uint8Array {
  if (!text.includes(':')) {
    const parts = text.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`bad IPv4 ${text}`);
    return Uint8Array.from(parts);
  }
  let t = text;
  const lastColon = t.lastIndexOf(':');
  if (t.indexOf('.', lastColon) >= 0) {
    const v4 = ipBytes(t.slice(lastColon + 1));
    t = `${t.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) throw new Error(`bad IPv6 ${text}`);
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - left.length - right.length : 0;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) throw new Error(`bad IPv6 ${text}`);
  return Uint8Array.from(groups.flatMap(be16));
}

/** The Internet checksum (RFC 1071) over the concatenation of `parts`. */
export function internetChecksum(...parts: Bytes[]): number {
  const b = concat(...parts);
  let sum = 0;
  for (let i = 0; i + 1 < b.length; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (b.length % 2 === 1) sum += b[b.length - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

// ---------------------------------------------------------------- link layers

export interface EthernetSpec {
  type: number;
  payload: Bytes;
  /** VLAN ids, outermost first; the outer of two or more uses 802.1ad (0x88a8) unless tpids says otherwise. */
  vlan?: number[];
  tpids?: number[];
  dstMac?: Bytes;
  srcMac?: Bytes;
  /** Pad to the 60-byte Ethernet minimum with this byte, as NICs do (default: no padding). */
  padTo60?: number;
}

export function ethernet(s: EthernetSpec): Uint8Array {
  const tags: number[] = [];
  const vlan = s.vlan ?? [];
  vlan.forEach((id, i) => {
    const tpid = s.tpids?.[i] ?? (vlan.length > 1 && i < vlan.length - 1 ? 0x88a8 : 0x8100);
    tags.push(...be16(tpid), ...be16(id & 0x0fff));
  });
  const frame = concat(
    s.dstMac ?? [0x02, 0, 0, 0, 0, 0x02],
    s.srcMac ?? [0x02, 0, 0, 0, 0, 0x01],
    tags,
    be16(s.type),
    s.payload,
  );
  if (s.padTo60 === undefined || frame.length >= 60) return frame;
  return concat(frame, new Array<number>(60 - frame.length).fill(s.padTo60));
}

/** 802.3 frame with a length field and an LLC/SNAP header carrying `type`. */
export function ethernetSnap(type: number, payload: Bytes): Uint8Array {
  const llc = concat([0xaa, 0xaa, 0x03, 0, 0, 0], be16(type), payload);
  return concat([0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01], be16(llc.length), llc);
}

export function sll(protocol: number, payload: Bytes, hatype = 1): Uint8Array {
  return concat(be16(0), be16(hatype), be16(6), [2, 0, 0, 0, 0, 1, 0, 0], be16(protocol), payload);
}

export function sll2(protocol: number, payload: Bytes, hatype = 1): Uint8Array {
  return concat(be16(protocol), be16(0), be32(2), be16(hatype), [0, 6], [2, 0, 0, 0, 0, 1, 0, 0], payload);
}

/** BSD loopback header: address family in little- (NULL as written on x86) or big-endian (LOOP, or a big-endian writer). */
export function nullLoop(family: number, payload: Bytes, order: 'le' | 'be' = 'le'): Uint8Array {
  return concat(order === 'le' ? le32(family) : be32(family), payload);
}

// ---------------------------------------------------------------- IP

export interface Ipv4Spec {
  src: string;
  dst: string;
  proto: number;
  payload: Bytes;
  ttl?: number;
  id?: number;
  /** Option bytes, padded here to a multiple of 4. */
  options?: Bytes;
  fragOffset?: number;
  moreFragments?: boolean;
  dontFragment?: boolean;
  /** Override the total length field (to build broken or TSO packets). */
  totalLength?: number;
  /** Override the version/IHL byte. */
  versionIhl?: number;
}

export function ipv4(s: Ipv4Spec): Uint8Array {
  const opts = Array.from(s.options ?? []);
  while (opts.length % 4 !== 0) opts.push(0);
  const hl = 20 + opts.length;
  const flags = (s.dontFragment ? 0x4000 : 0) | (s.moreFragments ? 0x2000 : 0) | ((s.fragOffset ?? 0) >> 3);
  const header = concat(
    [s.versionIhl ?? 0x40 | (hl >> 2), 0],
    be16(s.totalLength ?? hl + s.payload.length),
    be16(s.id ?? 1),
    be16(flags),
    [s.ttl ?? 64, s.proto],
    [0, 0],
    ipBytes(s.src),
    ipBytes(s.dst),
    opts,
  );
  const sum = internetChecksum(header);
  header[10] = sum >> 8;
  header[11] = sum & 0xff;
  return concat(header, s.payload);
}

export interface Ipv6Ext {
  /** 0 hop-by-hop, 43 routing, 44 fragment, 51 AH, 60 destination options, 135 mobility. */
  type: number;
  /** Body after the 2 fixed bytes (padded to the header's unit); ignored for fragment headers. */
  body?: Bytes;
  fragOffset?: number;
  moreFragments?: boolean;
}

export interface Ipv6Spec {
  src: string;
  dst: string;
  nextHeader: number;
  payload: Bytes;
  hopLimit?: number;
  extensions?: Ipv6Ext[];
  payloadLength?: number;
}

function ipv6Extension(e: Ipv6Ext, next: number): Uint8Array {
  if (e.type === 44) {
    const off = ((e.fragOffset ?? 0) & ~7) | (e.moreFragments ? 1 : 0);
    return concat([next, 0], be16(off), be32(0x1234));
  }
  const body = Array.from(e.body ?? []);
  const unit = e.type === 51 ? 4 : 8;
  while ((body.length + 2) % unit !== 0 || body.length + 2 < 8) body.push(0);
  const total = body.length + 2;
  const lenField = e.type === 51 ? total / 4 - 2 : total / 8 - 1;
  return concat([next, lenField], body);
}

export function ipv6(s: Ipv6Spec): Uint8Array {
  const exts = s.extensions ?? [];
  const parts: Uint8Array[] = [];
  for (let i = 0; i < exts.length; i++) {
    parts.push(ipv6Extension(exts[i]!, i + 1 < exts.length ? exts[i + 1]!.type : s.nextHeader));
  }
  const body = concat(...parts, s.payload);
  const first = exts.length > 0 ? exts[0]!.type : s.nextHeader;
  return concat([0x60, 0, 0, 0], be16(s.payloadLength ?? body.length), [first, s.hopLimit ?? 64], ipBytes(s.src), ipBytes(s.dst), body);
}

// ---------------------------------------------------------------- TCP

export interface TcpOptionsSpec {
  mss?: number;
  wscale?: number;
  sackPerm?: boolean;
  /** SACK blocks as [left, right] edges. */
  sack?: Array<[number, number]>;
  ts?: [number, number];
  /** Raw option bytes appended after the others (to build malformed options). */
  raw?: Bytes;
}

export interface TcpSpec {
  src: string;
  dst: string;
  sport?: number;
  dport?: number;
  seq?: number;
  ack?: number;
  /** Letters: S SYN, A ACK, F FIN, R RST, P PSH, U URG, E ECE, C CWR, N NS; e.g. 'SA', 'FA', 'PA'. */
  flags?: string;
  window?: number;
  urgent?: number;
  /** A byte count (filled with 'x') or the bytes themselves. */
  payload?: number | Bytes;
  options?: TcpOptionsSpec;
  /** 'valid' (default), 'zero', or a value to write as is. */
  checksum?: 'valid' | 'zero' | number;
  /** Override the data offset field (in 32-bit words). */
  dataOffset?: number;
}

const FLAG_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, U: 0x20, E: 0x40, C: 0x80, N: 0x100 };

export function tcpFlags(letters: string): number {
  let f = 0;
  for (const c of letters) {
    const bit = FLAG_BITS[c];
    if (bit === undefined) throw new Error(`unknown TCP flag letter ${c}`);
    f |= bit;
  }
  return f;
}

export function tcpOptions(o: TcpOptionsSpec = {}): Uint8Array {
  const b: number[] = [];
  if (o.mss !== undefined) b.push(2, 4, ...be16(o.mss));
  if (o.sackPerm) b.push(4, 2);
  if (o.ts) b.push(8, 10, ...be32(o.ts[0]), ...be32(o.ts[1]));
  if (o.wscale !== undefined) b.push(1, 3, 3, o.wscale);
  if (o.sack && o.sack.length > 0) {
    b.push(1, 1, 5, 2 + 8 * o.sack.length);
    for (const [l, r] of o.sack) b.push(...be32(l), ...be32(r));
  }
  if (o.raw) b.push(...o.raw);
  while (b.length % 4 !== 0) b.push(0);
  return Uint8Array.from(b);
}

function payloadBytes(p: number | Bytes | undefined): Uint8Array {
  if (p === undefined) return new Uint8Array(0);
  if (typeof p === 'number') return new Uint8Array(p).fill(0x78);
  return Uint8Array.from(p);
}

/** A TCP segment (header, options, payload) with its checksum over the pseudo-header of src/dst. */
export function tcp(s: TcpSpec): Uint8Array {
  const opts = tcpOptions(s.options);
  const data = payloadBytes(s.payload);
  const hl = 20 + opts.length;
  const flags = tcpFlags(s.flags ?? 'A');
  const seg = concat(
    be16(s.sport ?? 40000),
    be16(s.dport ?? 80),
    be32(s.seq ?? 1),
    be32(s.ack ?? 0),
    [((s.dataOffset ?? hl / 4) << 4) | (flags >> 8), flags & 0xff],
    be16(s.window ?? 65535),
    [0, 0],
    be16(s.urgent ?? 0),
    opts,
    data,
  );
  let sum: number;
  if (s.checksum === undefined || s.checksum === 'valid') {
    const src = ipBytes(s.src);
    const pseudo = concat(src, ipBytes(s.dst), src.length === 16 ? be32(seg.length) : [0, 6, ...be16(seg.length)], src.length === 16 ? [0, 0, 0, 6] : []);
    sum = internetChecksum(pseudo, seg);
  } else {
    sum = s.checksum === 'zero' ? 0 : s.checksum;
  }
  seg[16] = sum >> 8;
  seg[17] = sum & 0xff;
  return seg;
}

export function udp(sport: number, dport: number, payload: Bytes): Uint8Array {
  return concat(be16(sport), be16(dport), be16(8 + payload.length), [0, 0], payload);
}

/** An IP packet (v4 or v6 by the address form) carrying `payload` with protocol `proto`. */
export function ipPacket(src: string, dst: string, proto: number, payload: Bytes): Uint8Array {
  return src.includes(':') ? ipv6({ src, dst, nextHeader: proto, payload }) : ipv4({ src, dst, proto, payload });
}

// ---------------------------------------------------------------- tunnels

export interface GreSpec {
  protocol: number;
  payload: Bytes;
  checksum?: boolean;
  key?: number;
  sequence?: number;
}

export function gre(s: GreSpec): Uint8Array {
  const flags = (s.checksum ? 0x80 : 0) | (s.key !== undefined ? 0x20 : 0) | (s.sequence !== undefined ? 0x10 : 0);
  return concat(
    [flags, 0],
    be16(s.protocol),
    s.checksum ? [0, 0, 0, 0] : [],
    s.key !== undefined ? be32(s.key) : [],
    s.sequence !== undefined ? be32(s.sequence) : [],
    s.payload,
  );
}

export function vxlan(vni: number, innerEthernet: Bytes): Uint8Array {
  return concat([0x08, 0, 0, 0], be32(vni << 8), innerEthernet);
}

export function geneve(vni: number, protocol: number, payload: Bytes, optionWords = 0): Uint8Array {
  return concat([optionWords & 0x3f, 0], be16(protocol), be32(vni << 8), new Array<number>(optionWords * 4).fill(0), payload);
}

// ---------------------------------------------------------------- whole packets

export type LinkKind = 'ethernet' | 'raw' | 'sll' | 'sll2' | 'null' | 'loop';

export const LINK_TYPE_OF: Record<LinkKind, number> = { ethernet: 1, raw: 101, sll: 113, sll2: 276, null: 0, loop: 108 };

/** Puts an IP packet on a link layer. */
export function onLink(link: LinkKind, ip: Uint8Array, vlan?: number[]): Uint8Array {
  const v6 = ip[0]! >> 4 === 6;
  const type = v6 ? 0x86dd : 0x0800;
  switch (link) {
    case 'ethernet':
      return ethernet({ type, payload: ip, vlan });
    case 'raw':
      return ip;
    case 'sll':
      return sll(type, ip);
    case 'sll2':
      return sll2(type, ip);
    case 'null':
      return nullLoop(v6 ? 30 : 2, ip, 'le');
    case 'loop':
      return nullLoop(v6 ? 24 : 2, ip, 'be');
  }
}

export interface TcpPacketSpec extends Partial<TcpSpec> {
  /** Default 10.0.0.1 → 10.0.0.2, or 2001:db8::1 → 2001:db8::2 with ipv6: true. */
  ipv6?: boolean;
  ttl?: number;
  ipId?: number;
  vlan?: number[];
  link?: LinkKind;
}

/** One TCP packet from the link layer down, ready for `record()`. */
export function tcpPacket(s: TcpPacketSpec = {}): Uint8Array {
  const src = s.src ?? (s.ipv6 ? '2001:db8::1' : '10.0.0.1');
  const dst = s.dst ?? (s.ipv6 ? '2001:db8::2' : '10.0.0.2');
  const seg = tcp({ ...s, src, dst });
  const ip = src.includes(':')
    ? ipv6({ src, dst, nextHeader: 6, payload: seg, hopLimit: s.ttl })
    : ipv4({ src, dst, proto: 6, payload: seg, ttl: s.ttl, id: s.ipId });
  return onLink(s.link ?? 'ethernet', ip, s.vlan);
}

export interface RecordSpec {
  /** Epoch seconds (fractions kept to the nanosecond). */
  ts?: number;
  /** LINKTYPE_* value (default Ethernet). */
  linkType?: number;
  /** Wire length (default: the bytes' length). */
  origLen?: number;
  /** Keep only this many bytes, as snaplen would (origLen stays the full length). */
  caplen?: number;
  interfaceId?: number;
}

/** Wraps bytes in a PacketRecord as a capture reader would hand it over. */
export function record(bytes: Uint8Array, r: RecordSpec = {}): PacketRecord {
  const caplen = Math.min(r.caplen ?? bytes.length, bytes.length);
  const ts = r.ts ?? 0;
  const sec = Math.floor(ts);
  return {
    data: bytes.subarray(0, caplen),
    offset: 0,
    caplen,
    origLen: r.origLen ?? bytes.length,
    tsSec: sec,
    tsNsec: Math.round((ts - sec) * 1e9),
    linkType: r.linkType ?? 1,
    interfaceId: r.interfaceId ?? 0,
  };
}
