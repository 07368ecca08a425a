import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const HEADER = 24;
const IPH_AF_INET = 2;
const IPH_AF_INET6 = 26;

/** Solaris IPNET: a 24-byte header whose second byte is the address family. */
export function decodeIpnet(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  cur.off = o + HEADER;
  const family = d[o + 1]!;
  if (family === IPH_AF_INET) return Layer.IPV4;
  if (family === IPH_AF_INET6) return Layer.IPV6;
  return stop(out, DecodeStatus.NOT_IP);
}
