import type { DecodedPacket } from '../model/decoded.js';
import { cut } from './bounds.js';
import { layerForEthertype } from './ethertype.js';
import type { Cursor, Layer } from './layer.js';

/** One 802.1Q / 802.1ad tag: the VLAN id joins vlanKey (outer << 12 | inner), then the next EtherType. */
export function decodeVlan(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 4 > cur.end) return cut(cur, o + 4, out);
  const id = ((d[o]! << 8) | d[o + 1]!) & 0x0fff;
  out.vlanKey = ((out.vlanKey << 12) | id) >>> 0;
  cur.off = o + 4;
  return layerForEthertype((d[o + 2]! << 8) | d[o + 3]!, out);
}
