import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const TYPE_DATA = 2;
const SUBTYPE_NO_DATA = 0x4;
const SUBTYPE_QOS = 0x8;
const FLAGS_DS_BOTH = 0x03;
const FLAG_PROTECTED = 0x40;
const FLAG_ORDER = 0x80;
const QOS_AMSDU = 0x80;

/**
 * IEEE 802.11 data frames up to their LLC header. Management and control
 * frames, null data, encrypted bodies and A-MSDU aggregates carry no TCP we
 * can read. `cur.datapad` comes from radiotap: the body is then aligned to 4.
 */
export function decodeIeee80211(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 2 > cur.end) return cut(cur, o + 2, out);
  const fc0 = d[o]!;
  const fc1 = d[o + 1]!;
  const subtype = fc0 >> 4;
  if (((fc0 >> 2) & 3) !== TYPE_DATA || (subtype & SUBTYPE_NO_DATA) !== 0) return stop(out, DecodeStatus.NOT_IP);
  if ((fc1 & FLAG_PROTECTED) !== 0) return stop(out, DecodeStatus.NOT_IP);
  let len = (fc1 & FLAGS_DS_BOTH) === FLAGS_DS_BOTH ? 30 : 24;
  if ((subtype & SUBTYPE_QOS) !== 0) {
    if (o + len + 2 > cur.end) return cut(cur, o + len + 2, out);
    if ((d[o + len]! & QOS_AMSDU) !== 0) return stop(out, DecodeStatus.NOT_IP);
    len += (fc1 & FLAG_ORDER) !== 0 ? 6 : 2;
  }
  if (cur.datapad) len = (len + 3) & ~3;
  if (o + len > cur.end) return cut(cur, o + len, out);
  cur.off = o + len;
  return Layer.LLC;
}
