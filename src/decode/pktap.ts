import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';
import { layerForLinkType } from './link-types.js';

/** The fixed part of Apple's PKTAP header up to pth_dlt; pth_length gives the whole. */
const MIN_HEADER = 12;

/** Apple PKTAP: a little-endian header naming its own length and the inner packet's DLT. */
export function decodePktap(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + MIN_HEADER > cur.end) return cut(cur, o + MIN_HEADER, out);
  const len = (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;
  const dlt = (d[o + 8]! | (d[o + 9]! << 8) | (d[o + 10]! << 16) | (d[o + 11]! << 24)) >>> 0;
  if (len < MIN_HEADER) return stop(out, DecodeStatus.MALFORMED);
  if (o + len > cur.end) return cut(cur, o + len, out);
  cur.off = o + len;
  const next = layerForLinkType(dlt);
  if (next === Layer.END || next === Layer.PKTAP) return stop(out, DecodeStatus.NOT_IP);
  cur.linkType = dlt;
  return next;
}
