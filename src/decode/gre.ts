import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { EtherType, layerForEthertype } from './ethertype.js';
import { Layer, type Cursor } from './layer.js';
import { Tunnel, enterTunnel } from './tunnel-key.js';

const FLAG_CHECKSUM = 0x80;
const FLAG_ROUTING = 0x40;
const FLAG_KEY = 0x20;
const FLAG_SEQUENCE = 0x10;
/** Enhanced GRE (PPTP, RFC 2637): version 1, with an acknowledgement flag in the second byte. */
const FLAG_ACK = 0x80;
/** Aruba access points tunnel 802.11 frames in GRE with protocol 0x8200, 0x8210, ... (Zeek's gre/main.zeek). */
const ARUBA_FIRST = 0x8200;
const ARUBA_LAST = 0x8350;

/**
 * GRE (RFC 2784/2890) and PPTP's enhanced GRE. Source routing (R) is
 * obsolete and, as in Zeek, not followed.
 */
export function decodeGre(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 4 > cur.end) return cut(cur, o + 4, out);
  const flags = d[o]!;
  const version = d[o + 1]! & 7;
  const proto = (d[o + 2]! << 8) | d[o + 3]!;
  if ((flags & FLAG_ROUTING) !== 0) return stop(out, DecodeStatus.NOT_TCP);
  let len = 4;
  if (version === 0) {
    if ((flags & FLAG_CHECKSUM) !== 0) len += 4;
    if ((flags & FLAG_KEY) !== 0) len += 4;
    if ((flags & FLAG_SEQUENCE) !== 0) len += 4;
  } else if (version === 1 && proto === EtherType.PPP) {
    len += 4;
    if ((flags & FLAG_SEQUENCE) !== 0) len += 4;
    if ((d[o + 1]! & FLAG_ACK) !== 0) len += 4;
  } else {
    return stop(out, DecodeStatus.NOT_TCP);
  }
  if (o + len > cur.end) return cut(cur, o + len, out);
  enterTunnel(out, Tunnel.GRE, 0);
  cur.off = o + len;
  if (proto === EtherType.ERSPAN) return (flags & FLAG_SEQUENCE) !== 0 ? Layer.ERSPAN2 : Layer.ETHERNET;
  if (proto === EtherType.ERSPAN3) return Layer.ERSPAN3;
  if (proto >= ARUBA_FIRST && proto <= ARUBA_LAST && (proto & 0x0f) === 0) return Layer.IEEE80211;
  return layerForEthertype(proto, out);
}

/** WCCP redirection in GRE: WCCPv2 puts a 4-byte redirect header before the IP packet, WCCPv1 none. */
export function decodeWccp(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 1 > cur.end) return cut(cur, o + 1, out);
  if (d[o]! >> 4 !== 4) cur.off = o + 4;
  return Layer.IPV4;
}
