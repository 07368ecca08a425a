import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { layerForEthertype } from './ethertype.js';
import { Layer, type Cursor } from './layer.js';

/** Protocol values below 0x0600 that are not EtherTypes (linux/if_ether.h). */
const ETH_P_802_2 = 0x0004;
const ARPHRD_NETLINK = 824;

/** What follows a Linux cooked header, from its ARPHRD type and protocol field. */
export function sllNext(hatype: number, proto: number, out: DecodedPacket): Layer {
  if (hatype === ARPHRD_NETLINK) return stop(out, DecodeStatus.NOT_IP);
  if (proto === ETH_P_802_2) return Layer.LLC;
  return layerForEthertype(proto, out);
}

/** Linux cooked capture v1: 16 bytes, protocol in the last two. */
export function decodeSll(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 16 > cur.end) return cut(cur, o + 16, out);
  cur.off = o + 16;
  return sllNext((d[o + 2]! << 8) | d[o + 3]!, (d[o + 14]! << 8) | d[o + 15]!, out);
}
