import type { DecodedPacket } from '../model/decoded.js';
import { cut } from './bounds.js';
import { layerForEthertype } from './ethertype.js';
import type { Cursor, Layer } from './layer.js';

/** LINKTYPE_IPOIB: 40 bytes of link addresses, an EtherType and 2 reserved bytes (tcpdump print-ipoib.c). */
const HEADER = 44;

export function decodeIpoib(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  cur.off = o + HEADER;
  return layerForEthertype((d[o + 40]! << 8) | d[o + 41]!, out);
}
