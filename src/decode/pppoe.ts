import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const HEADER = 6;
const VERSION_TYPE = 0x11;

/** PPPoE session stage (RFC 2516): 6-byte header whose length bounds the PPP frame, then PPP. */
export function decodePppoe(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  if (d[o] !== VERSION_TYPE) return stop(out, DecodeStatus.MALFORMED);
  const end = o + HEADER + ((d[o + 4]! << 8) | d[o + 5]!);
  if (end < cur.end) cur.end = end;
  if (end < cur.limit) cur.limit = end;
  cur.off = o + HEADER;
  return Layer.PPP;
}
