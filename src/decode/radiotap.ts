import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const PRESENT_TSFT = 1 << 0;
const PRESENT_FLAGS = 1 << 1;
const PRESENT_EXT = 1 << 31;
const FLAGS_DATAPAD = 0x20;

/**
 * Radiotap (little-endian): only its length and the Flags field matter here,
 * since the Flags field says whether the 802.11 body is padded to 4 bytes.
 */
export function decodeRadiotap(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 8 > cur.end) return cut(cur, o + 8, out);
  const len = d[o + 2]! | (d[o + 3]! << 8);
  if (d[o] !== 0 || len < 8) return stop(out, DecodeStatus.MALFORMED);
  if (o + len > cur.end) return cut(cur, o + len, out);
  const present = (d[o + 4]! | (d[o + 5]! << 8) | (d[o + 6]! << 16) | (d[o + 7]! << 24)) >>> 0;
  let p = o + 8;
  let word = present;
  while ((word & PRESENT_EXT) !== 0 && p + 4 <= o + len) {
    word = (d[p]! | (d[p + 1]! << 8) | (d[p + 2]! << 16) | (d[p + 3]! << 24)) >>> 0;
    p += 4;
  }
  if ((present & PRESENT_TSFT) !== 0) p = o + ((p - o + 7) & ~7) + 8;
  cur.datapad = (present & PRESENT_FLAGS) !== 0 && p < o + len && (d[p]! & FLAGS_DATAPAD) !== 0;
  cur.off = o + len;
  return Layer.IEEE80211;
}
