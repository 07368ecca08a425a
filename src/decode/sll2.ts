import type { DecodedPacket } from '../model/decoded.js';
import { cut } from './bounds.js';
import type { Cursor, Layer } from './layer.js';
import { sllNext } from './sll.js';

/** Linux cooked capture v2: 20 bytes, protocol first, ARPHRD type at 8. */
export function decodeSll2(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 20 > cur.end) return cut(cur, o + 20, out);
  cur.off = o + 20;
  return sllNext((d[o + 8]! << 8) | d[o + 9]!, (d[o]! << 8) | d[o + 1]!, out);
}
