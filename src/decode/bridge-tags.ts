import type { DecodedPacket } from '../model/decoded.js';
import { cut } from './bounds.js';
import { layerForEthertype } from './ethertype.js';
import { Layer, type Cursor } from './layer.js';

/** 802.1ah provider backbone (MAC-in-MAC): a 4-byte I-TAG, then the customer's whole Ethernet header. */
export function decodePbb(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 4 > cur.end) return cut(cur, o + 4, out);
  cur.off = o + 4;
  return Layer.ETHERNET;
}

/** 802.1BR E-TAG: 6 bytes of tag, then an EtherType. */
export function decodeEtag(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 8 > cur.end) return cut(cur, o + 8, out);
  cur.off = o + 8;
  return layerForEthertype((d[o + 6]! << 8) | d[o + 7]!, out);
}

/** Cisco FabricPath: after the outer header's EtherType, a 2-byte FTag/TTL, then the whole original Ethernet frame. */
export function decodeFabricPath(_d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 2 > cur.end) return cut(cur, o + 2, out);
  cur.off = o + 2;
  return Layer.ETHERNET;
}

/** Cisco VN-Tag: 4 bytes of tag, then an EtherType. */
export function decodeVnTag(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 6 > cur.end) return cut(cur, o + 6, out);
  cur.off = o + 6;
  return layerForEthertype((d[o + 4]! << 8) | d[o + 5]!, out);
}
