import type { DecodedPacket } from '../model/decoded.js';

/** Encapsulations counted in tunnelDepth; the number is mixed into tunnelKey. */
export const Tunnel = {
  IP_IN_IP: 1,
  GRE: 2,
  VXLAN: 3,
  GENEVE: 4,
  TEREDO: 5,
  AYIYA: 6,
  GTPU: 7,
} as const;
export type Tunnel = (typeof Tunnel)[keyof typeof Tunnel];

/** murmur3's 32-bit finaliser: cheap, no allocation, spreads every input bit. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function addressHash(w: Uint32Array): number {
  return mix(w[0]! ^ mix(w[1]! ^ mix(w[2]! ^ mix(w[3]!))));
}

/**
 * Record that the packet just entered a tunnel whose outer IP header is the
 * one now in out.src / out.dst. The two addresses are combined by addition so
 * both directions of a tunnel give the same key; nested tunnels chain their
 * keys. `id` is an identifier shared by both directions (VXLAN/Geneve VNI), or 0.
 */
export function enterTunnel(out: DecodedPacket, kind: Tunnel, id: number): void {
  const endpoints = (addressHash(out.src) + addressHash(out.dst)) >>> 0;
  const key = mix(Math.imul(out.tunnelKey, 0x9e3779b1) ^ mix(kind * 0x01000193 + id) ^ endpoints);
  out.tunnelKey = key === 0 ? 1 : key;
  out.tunnelDepth++;
}
