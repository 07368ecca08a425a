import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const FLAG_NO_L2 = 0x02;
const FLAG_EXT = 0x80;

/**
 * Juniper Ethernet: "MGC", a flags byte, optional extension TLVs (2-byte
 * length), then Ethernet, or, with no-L2 set, a 4-byte cookie and bare IP
 * (tcpdump print-juniper.c).
 */
export function decodeJuniperEther(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 4 > cur.end) return cut(cur, o + 4, out);
  if (d[o] !== 0x4d || d[o + 1] !== 0x47 || d[o + 2] !== 0x43) return stop(out, DecodeStatus.MALFORMED);
  const flags = d[o + 3]!;
  let p = o + 4;
  if ((flags & FLAG_EXT) !== 0) {
    if (p + 2 > cur.end) return cut(cur, p + 2, out);
    p += 2 + ((d[p]! << 8) | d[p + 1]!);
  }
  if ((flags & FLAG_NO_L2) !== 0) {
    p += 4;
    if (p > cur.end) return cut(cur, p, out);
    cur.off = p;
    return Layer.IP_ANY;
  }
  if (p > cur.end) return cut(cur, p, out);
  cur.off = p;
  return Layer.ETHERNET;
}
