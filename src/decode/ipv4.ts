import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { layerForIpProto } from './ip-next.js';
import type { Cursor, Layer } from './layer.js';

const MIN_HEADER = 20;
const FLAG_MF = 0x2000;
const OFFSET_MASK = 0x1fff;

/**
 * IPv4 with options. The total length, not the capture, bounds what follows
 * (Ethernet padding is not payload). A total length of 0 is what TCP
 * segmentation offload leaves in captures of large sends; like Wireshark, take
 * the length the packet had on the wire.
 */
export function decodeIpv4(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + MIN_HEADER > cur.end) return cut(cur, o + MIN_HEADER, out);
  const vihl = d[o]!;
  const hl = (vihl & 0x0f) << 2;
  if (vihl >> 4 !== 4 || hl < MIN_HEADER) return stop(out, DecodeStatus.MALFORMED);
  let total = (d[o + 2]! << 8) | d[o + 3]!;
  if (total === 0) total = (cur.wireLen < cur.limit ? cur.wireLen : cur.limit) - o;
  if (total < hl) return stop(out, DecodeStatus.MALFORMED);

  out.ipVersion = 4;
  out.ipOffset = o;
  out.ipHeaderLen = hl;
  out.ipTotalLen = total;
  out.ipTtl = d[o + 8]!;
  out.ipId = (d[o + 4]! << 8) | d[o + 5]!;
  const src = out.src;
  const dst = out.dst;
  src[0] = (d[o + 12]! << 24) | (d[o + 13]! << 16) | (d[o + 14]! << 8) | d[o + 15]!;
  src[1] = 0;
  src[2] = 0;
  src[3] = 0;
  dst[0] = (d[o + 16]! << 24) | (d[o + 17]! << 16) | (d[o + 18]! << 8) | d[o + 19]!;
  dst[1] = 0;
  dst[2] = 0;
  dst[3] = 0;

  const end = o + total;
  cur.limit = end;
  if (end < cur.end) cur.end = end;
  if (o + hl > cur.end) return cut(cur, o + hl, out);
  cur.off = o + hl;

  const frag = (d[o + 6]! << 8) | d[o + 7]!;
  out.ipProto = d[o + 9]!;
  if ((frag & OFFSET_MASK) !== 0) return stop(out, DecodeStatus.FRAGMENT);
  if ((frag & FLAG_MF) !== 0) out.ipFirstFragment = true;
  return layerForIpProto(d[o + 9]!, out);
}
