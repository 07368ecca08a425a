import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const HEADER = 13;
/** Frame control bits 0x30 = 01: an LLC frame. */
const FC_CLASS_MASK = 0x30;
const FC_LLC = 0x10;

/** FDDI: frame control, two MAC addresses, then LLC. */
export function decodeFddi(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  if ((d[o]! & FC_CLASS_MASK) !== FC_LLC) return stop(out, DecodeStatus.NOT_IP);
  cur.off = o + HEADER;
  return Layer.LLC;
}
