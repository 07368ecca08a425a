import type { DecodedPacket } from '../model/decoded.js';
import { KEY_WORDS, hashKey, writeKey } from './key.js';

const scratch = new Uint32Array(KEY_WORDS);

/**
 * Which of `count` shards (--jobs workers) tracks this packet's connection:
 * a hash of the canonical key, so both directions, and every incarnation of
 * a 4-tuple (port reuse), land in the same shard. It takes the hash's high
 * bits, the flow table's slots use its low bits: a shard's table stays evenly filled.
 */
export function shardOf(p: DecodedPacket, count: number): number {
  writeKey(p, scratch, 0);
  return Math.floor((hashKey(scratch, 0) * count) / 4294967296);
}
