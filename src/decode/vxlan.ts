import type { DecodedPacket } from '../model/decoded.js';
import { cut } from './bounds.js';
import { Layer, type Cursor } from './layer.js';
import { Tunnel, enterTunnel } from './tunnel-key.js';

const HEADER = 8;

/** VXLAN (RFC 7348): flags, reserved, a 24-bit VNI (shared by both directions: part of the tunnel key), then Ethernet. */
export function decodeVxlan(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  enterTunnel(out, Tunnel.VXLAN, (d[o + 4]! << 16) | (d[o + 5]! << 8) | d[o + 6]!);
  cur.off = o + HEADER;
  return Layer.ETHERNET;
}
