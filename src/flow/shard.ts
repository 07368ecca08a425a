import type { DecodedPacket } from '../model/decoded.js';

/**
 * Which of `count` shards (--jobs workers) tracks this packet's connection.
 * Each address/port pair is mixed on its own and the two are added, so both
 * directions, and every incarnation of a 4-tuple (port reuse), land in the
 * same shard; VLAN and tunnel keys join as the flow key has them. Nothing is
 * written per packet: the flow table builds its key only for the packets of
 * its own shard.
 */
export function shardOf(p: DecodedPacket, count: number): number {
  const h = (side(p.src, p.srcPort) + side(p.dst, p.dstPort) + Math.imul(p.vlanKey, 0x9e3779b1) + Math.imul(p.tunnelKey, 0x85ebca6b)) | 0;
  return Math.floor((fmix(h) * count) / 4294967296);
}

function side(a: Uint32Array, port: number): number {
  let h = Math.imul(a[0]! ^ port, 0xcc9e2d51);
  h = Math.imul(h ^ a[1]!, 0x1b873593) ^ a[2]!;
  return fmix(Math.imul(h, 0x85ebca6b) ^ a[3]!);
}

/** murmur3's finaliser: every input bit moves every output bit. */
function fmix(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
