import type { DecodedPacket } from '../model/decoded.js';
import { cut } from './bounds.js';
import { layerForEthertype } from './ethertype.js';
import type { Cursor, Layer } from './layer.js';

/** Cisco HDLC: address, control, then an EtherType. */
export function decodeChdlc(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 4 > cur.end) return cut(cur, o + 4, out);
  cur.off = o + 4;
  return layerForEthertype((d[o + 2]! << 8) | d[o + 3]!, out);
}
