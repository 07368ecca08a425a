import type { DecodedPacket } from '../model/decoded.js';
import { cut } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

/**
 * BPF's SLIP: a 16-byte pseudo-header (direction, then the VJ-compressed
 * header as received) before the packet, which the driver has already
 * uncompressed (tcpdump print-sl.c), so plain IP follows.
 */
const HEADER = 16;

export function decodeSlip(_d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  cur.off = o + HEADER;
  return Layer.IP_ANY;
}
