import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

/** Raw IP of either version, told by the version nibble (raw link types, SLIP, NFLOG, tunnels that do not say). */
export function decodeIpAny(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 1 > cur.end) return cut(cur, o + 1, out);
  const version = d[o]! >> 4;
  if (version === 4) return Layer.IPV4;
  if (version === 6) return Layer.IPV6;
  return stop(out, DecodeStatus.NOT_IP);
}
