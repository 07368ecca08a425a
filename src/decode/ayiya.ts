import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';
import { Tunnel, enterTunnel } from './tunnel-key.js';

const FIXED = 8;
const OPCODE_FORWARD = 1;
const NEXT_IPV4 = 4;
const NEXT_IPV6 = 41;

/**
 * AYIYA: 8 fixed bytes, an identity of 2^n bytes and a signature of 4·m;
 * only "forward" packets carry IP (Zeek's AYIYA analyzer).
 */
export function decodeAyiya(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + FIXED > cur.end) return cut(cur, o + FIXED, out);
  const next = d[o + 3]!;
  if ((d[o + 2]! & 0x0f) !== OPCODE_FORWARD || (next !== NEXT_IPV4 && next !== NEXT_IPV6)) {
    return stop(out, DecodeStatus.NOT_TCP);
  }
  const len = FIXED + (1 << (d[o]! >> 4)) + ((d[o + 1]! >> 4) << 2);
  if (o + len > cur.end) return cut(cur, o + len, out);
  enterTunnel(out, Tunnel.AYIYA, 0);
  cur.off = o + len;
  return next === NEXT_IPV4 ? Layer.IPV4 : Layer.IPV6;
}
