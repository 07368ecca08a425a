import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const HEADER = 4;
const TLV_HEADER = 4;
const NFULA_PAYLOAD = 9;
/** TLV type bits that flag nesting / byte order, not part of the type. */
const TYPE_MASK = 0x3fff;
const AF_INET = 2;
const AF_INET6 = 10;

/** Linux NFLOG: a 4-byte header, then host-order (little-endian) TLVs padded to 4; type 9 holds the packet. */
export function decodeNflog(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  const family = d[o]!;
  let p = o + HEADER;
  while (p + TLV_HEADER <= cur.end) {
    const len = d[p]! | (d[p + 1]! << 8);
    const type = (d[p + 2]! | (d[p + 3]! << 8)) & TYPE_MASK;
    if (len < TLV_HEADER) return stop(out, DecodeStatus.MALFORMED);
    if (type === NFULA_PAYLOAD) {
      const end = p + len;
      if (end < cur.end) cur.end = end;
      cur.limit = end;
      cur.off = p + TLV_HEADER;
      return family === AF_INET ? Layer.IPV4 : family === AF_INET6 ? Layer.IPV6 : Layer.IP_ANY;
    }
    p += (len + 3) & ~3;
  }
  // No packet TLV: either snaplen cut the record before it, or it has none.
  return stop(out, cur.wireLen > cur.end ? DecodeStatus.TRUNCATED : DecodeStatus.NOT_IP);
}
