import type { DecodedPacket } from '../model/decoded.js';

/**
 * The canonical connection key: both address/port pairs in a fixed order (the
 * lower one first), plus IP version, VLAN and tunnel, so a packet and its
 * reply map to the same key. Written as numbers into a caller's Uint32Array:
 * nothing is allocated per packet.
 */
export const KEY_WORDS = 12;

/** Whether the packet's source is the key's first endpoint ("A"). */
export function sourceIsA(p: DecodedPacket): boolean {
  const s = p.src;
  const d = p.dst;
  for (let i = 0; i < 4; i++) {
    if (s[i] !== d[i]) return s[i]! < d[i]!;
  }
  return p.srcPort <= p.dstPort;
}

/** Writes the canonical key of `p` at `out[off .. off+KEY_WORDS)`; returns whether the source is A. */
export function writeKey(p: DecodedPacket, out: Uint32Array, off: number): boolean {
  const fwd = sourceIsA(p);
  const a = fwd ? p.src : p.dst;
  const b = fwd ? p.dst : p.src;
  out[off] = a[0]!;
  out[off + 1] = a[1]!;
  out[off + 2] = a[2]!;
  out[off + 3] = a[3]!;
  out[off + 4] = b[0]!;
  out[off + 5] = b[1]!;
  out[off + 6] = b[2]!;
  out[off + 7] = b[3]!;
  out[off + 8] = fwd ? ((p.srcPort << 16) | p.dstPort) >>> 0 : ((p.dstPort << 16) | p.srcPort) >>> 0;
  out[off + 9] = p.vlanKey >>> 0;
  out[off + 10] = p.tunnelKey >>> 0;
  out[off + 11] = p.ipVersion;
  return fwd;
}

/**
 * The inverse of writeKey: the addresses, ports, VLAN, tunnel and IP version
 * of the key at `k[off ..]` written into `p` as those of a packet sent by the
 * key's first endpoint (srcIsA) or by its second.
 */
export function readKey(k: Uint32Array, off: number, srcIsA: boolean, p: DecodedPacket): void {
  const a = srcIsA ? p.src : p.dst;
  const b = srcIsA ? p.dst : p.src;
  for (let i = 0; i < 4; i++) {
    a[i] = k[off + i]!;
    b[i] = k[off + 4 + i]!;
  }
  const portA = k[off + 8]! >>> 16;
  const portB = k[off + 8]! & 0xffff;
  p.srcPort = srcIsA ? portA : portB;
  p.dstPort = srcIsA ? portB : portA;
  p.vlanKey = k[off + 9]!;
  p.tunnelKey = k[off + 10]!;
  p.ipVersion = k[off + 11]!;
}

/** A 32-bit hash of the key at `k[off ..]` (murmur3-style mixing). */
export function hashKey(k: Uint32Array, off: number): number {
  let h = 0x9747b28c;
  for (let i = 0; i < KEY_WORDS; i++) {
    let w = Math.imul(k[off + i]!, 0xcc9e2d51);
    w = (w << 15) | (w >>> 17);
    h ^= Math.imul(w, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
