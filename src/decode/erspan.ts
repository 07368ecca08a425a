import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const TYPE2_HEADER = 8;
const TYPE3_HEADER = 12;
const TYPE3_PLATFORM_SUBHEADER = 8;
const TYPE3_FLAG_O = 0x01;

/** ERSPAN type II: 8 bytes (version 1 in the top nibble), then the mirrored Ethernet frame. */
export function decodeErspan2(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + TYPE2_HEADER > cur.end) return cut(cur, o + TYPE2_HEADER, out);
  if (d[o]! >> 4 !== 1) return stop(out, DecodeStatus.MALFORMED);
  cur.off = o + TYPE2_HEADER;
  return Layer.ETHERNET;
}

/** ERSPAN type III: 12 bytes, 8 more when the O flag announces the platform-specific subheader. */
export function decodeErspan3(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + TYPE3_HEADER > cur.end) return cut(cur, o + TYPE3_HEADER, out);
  if (d[o]! >> 4 !== 2) return stop(out, DecodeStatus.MALFORMED);
  let len = TYPE3_HEADER;
  if ((d[o + 11]! & TYPE3_FLAG_O) !== 0) len += TYPE3_PLATFORM_SUBHEADER;
  if (o + len > cur.end) return cut(cur, o + len, out);
  cur.off = o + len;
  return Layer.ETHERNET;
}
