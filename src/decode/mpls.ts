import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

/**
 * An MPLS label stack, 4 bytes per entry up to the bottom-of-stack bit. MPLS
 * does not name its payload: like Zeek and Wireshark, guess from the first
 * nibble (4, 6: IP; 0: a pseudowire control word, then Ethernet).
 */
export function decodeMpls(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  let o = cur.off;
  for (;;) {
    if (o + 4 > cur.end) return cut(cur, o + 4, out);
    const bottom = d[o + 2]! & 1;
    o += 4;
    if (bottom !== 0) break;
  }
  if (o + 1 > cur.end) return cut(cur, o + 1, out);
  cur.off = o;
  switch (d[o]! >> 4) {
    case 4:
      return Layer.IPV4;
    case 6:
      return Layer.IPV6;
    case 0:
      if (o + 4 > cur.end) return cut(cur, o + 4, out);
      cur.off = o + 4;
      return Layer.ETHERNET;
    default:
      return stop(out, DecodeStatus.NOT_IP);
  }
}
