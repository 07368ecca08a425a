import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { layerForEthertype } from './ethertype.js';
import { Layer, type Cursor } from './layer.js';

const HEADER = 14;
/** Type/length values up to this are an 802.3 length; from 0x0600 on, an EtherType. */
const MAX_8023_LENGTH = 1500;
const MIN_ETHERTYPE = 0x0600;

/** Ethernet II, or 802.3 with a length field (then LLC follows, bounded by that length). */
export function decodeEthernet(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  const type = (d[o + 12]! << 8) | d[o + 13]!;
  cur.off = o + HEADER;
  if (type >= MIN_ETHERTYPE) return layerForEthertype(type, out);
  if (type > MAX_8023_LENGTH) return stop(out, DecodeStatus.NOT_IP);
  // The length excludes padding, so it also keeps padding out of what follows.
  const end = o + HEADER + type;
  if (end < cur.end) cur.end = end;
  if (end < cur.limit) cur.limit = end;
  return Layer.LLC;
}
