import type { DecodedPacket } from '../model/decoded.js';
import { cut } from './bounds.js';
import { Layer, type Cursor } from './layer.js';
import { LinkType } from './link-types.js';

/** The *_WITH_DIR link types: one direction byte, then the plain link layer. */
export function decodeWithDir(_d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 1 > cur.end) return cut(cur, o + 1, out);
  cur.off = o + 1;
  if (cur.linkType === LinkType.C_HDLC_WITH_DIR) return Layer.CHDLC;
  if (cur.linkType === LinkType.FRELAY_WITH_DIR) return Layer.FRELAY;
  return Layer.PPP;
}
