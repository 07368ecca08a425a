import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const ADDRESS = 0xff;
const CONTROL = 0x03;
const CISCO_UNICAST = 0x0f;
const CISCO_BROADCAST = 0x8f;

const PPP_IP = 0x0021;
const PPP_IPV6 = 0x0057;
const PPP_MPLS = 0x0281;
const PPP_MPLS_MULTICAST = 0x0283;

/** PPP: optional ff 03 (HDLC-like framing), then a protocol field, 1 byte when compressed (odd low bit). */
export function decodePpp(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  let o = cur.off;
  if (o + 2 > cur.end) return cut(cur, o + 2, out);
  if (d[o] === ADDRESS && d[o + 1] === CONTROL) {
    o += 2;
    if (o + 1 > cur.end) return cut(cur, o + 1, out);
  }
  let proto = d[o]!;
  if ((proto & 1) === 0) {
    if (o + 2 > cur.end) return cut(cur, o + 2, out);
    proto = (proto << 8) | d[o + 1]!;
    o += 2;
  } else {
    o += 1;
  }
  cur.off = o;
  switch (proto) {
    case PPP_IP:
      return Layer.IPV4;
    case PPP_IPV6:
      return Layer.IPV6;
    case PPP_MPLS:
    case PPP_MPLS_MULTICAST:
      return Layer.MPLS;
    default:
      return stop(out, DecodeStatus.NOT_IP);
  }
}

/** LINKTYPE_PPP_HDLC carries PPP (ff 03 ...) or Cisco HDLC (0f / 8f ...), told apart by the first byte. */
export function decodePppHdlc(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 1 > cur.end) return cut(cur, o + 1, out);
  const first = d[o]!;
  return first === CISCO_UNICAST || first === CISCO_BROADCAST ? Layer.CHDLC : Layer.PPP;
}
