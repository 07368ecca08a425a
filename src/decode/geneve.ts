import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { layerForEthertype } from './ethertype.js';
import type { Cursor, Layer } from './layer.js';
import { Tunnel, enterTunnel } from './tunnel-key.js';

const HEADER = 8;

/** Geneve (RFC 8926): version 0, options counted in 4-byte words, an EtherType, a 24-bit VNI. */
export function decodeGeneve(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  if (d[o]! >> 6 !== 0) return stop(out, DecodeStatus.NOT_TCP);
  const len = HEADER + ((d[o]! & 0x3f) << 2);
  if (o + len > cur.end) return cut(cur, o + len, out);
  enterTunnel(out, Tunnel.GENEVE, (d[o + 4]! << 16) | (d[o + 5]! << 8) | d[o + 6]!);
  cur.off = o + len;
  return layerForEthertype((d[o + 2]! << 8) | d[o + 3]!, out);
}
