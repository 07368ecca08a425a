import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { IpProto, layerForIpProto } from './ip-next.js';
import type { Cursor, Layer } from './layer.js';

const HEADER = 40;
const FRAG_OFFSET_MASK = 0xfff8;
const FRAG_MORE = 0x0001;

function word(d: Uint8Array, p: number): number {
  return (d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!;
}

/**
 * IPv6 and its extension headers. Lengths count 8-byte units beyond the first
 * 8, except AH's, which counts 4-byte units beyond the first 8. A payload
 * length of 0 (jumbogram or segmentation offload) takes the wire length.
 */
export function decodeIpv6(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  if (d[o]! >> 4 !== 6) return stop(out, DecodeStatus.MALFORMED);
  let total = ((d[o + 4]! << 8) | d[o + 5]!) + HEADER;
  if (total === HEADER) {
    const wire = (cur.wireLen < cur.limit ? cur.wireLen : cur.limit) - o;
    if (wire > HEADER) total = wire;
  }

  out.ipVersion = 6;
  out.ipOffset = o;
  out.ipTotalLen = total;
  out.ipTtl = d[o + 7]!;
  out.ipId = 0;
  const src = out.src;
  const dst = out.dst;
  src[0] = word(d, o + 8);
  src[1] = word(d, o + 12);
  src[2] = word(d, o + 16);
  src[3] = word(d, o + 20);
  dst[0] = word(d, o + 24);
  dst[1] = word(d, o + 28);
  dst[2] = word(d, o + 32);
  dst[3] = word(d, o + 36);

  const end = o + total;
  cur.limit = end;
  if (end < cur.end) cur.end = end;

  let next = d[o + 6]!;
  let p = o + HEADER;
  for (;;) {
    let len: number;
    switch (next) {
      case IpProto.HOPOPTS:
      case IpProto.ROUTING:
      case IpProto.DSTOPTS:
      case IpProto.MOBILITY:
      case IpProto.HIP:
      case IpProto.SHIM6:
        if (p + 2 > cur.end) return cut(cur, p + 2, out);
        len = (d[p + 1]! + 1) << 3;
        break;
      case IpProto.AH:
        if (p + 2 > cur.end) return cut(cur, p + 2, out);
        len = (d[p + 1]! + 2) << 2;
        break;
      case IpProto.FRAGMENT: {
        if (p + 8 > cur.end) return cut(cur, p + 8, out);
        const frag = (d[p + 2]! << 8) | d[p + 3]!;
        if ((frag & FRAG_OFFSET_MASK) !== 0) {
          out.ipHeaderLen = p + 8 - o;
          out.ipProto = d[p]!;
          return stop(out, DecodeStatus.FRAGMENT);
        }
        if ((frag & FRAG_MORE) !== 0) out.ipFirstFragment = true;
        len = 8;
        break;
      }
      default:
        out.ipHeaderLen = p - o;
        cur.off = p;
        return layerForIpProto(next, out);
    }
    next = d[p]!;
    p += len;
    if (p > end) return stop(out, DecodeStatus.MALFORMED);
  }
}
