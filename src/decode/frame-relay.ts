import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { layerForEthertype } from './ethertype.js';
import { Layer, type Cursor } from './layer.js';

const UI = 0x03;
const NLPID_PAD = 0x00;
const NLPID_SNAP = 0x80;
const NLPID_IP = 0xcc;
const NLPID_IPV6 = 0x8e;
const MAX_ADDRESS = 4;

/**
 * Frame Relay: a Q.922 address of 2-4 bytes (the EA bit ends it), then either
 * RFC 2427 (UI, optional pad, NLPID) or Cisco's encapsulation (an EtherType).
 */
export function decodeFrameRelay(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  let p = o;
  for (;;) {
    if (p + 1 > cur.end) return cut(cur, p + 1, out);
    const ea = d[p]! & 1;
    p++;
    if (ea !== 0) break;
    if (p - o === MAX_ADDRESS) return stop(out, DecodeStatus.MALFORMED);
  }
  if (p - o < 2) return stop(out, DecodeStatus.MALFORMED);
  if (p + 2 > cur.end) return cut(cur, p + 2, out);
  if (d[p] !== UI) {
    cur.off = p + 2;
    return layerForEthertype((d[p]! << 8) | d[p + 1]!, out);
  }
  p++;
  if (d[p] === NLPID_PAD) p++;
  if (p + 1 > cur.end) return cut(cur, p + 1, out);
  const nlpid = d[p]!;
  p++;
  cur.off = p;
  switch (nlpid) {
    case NLPID_IP:
      return Layer.IPV4;
    case NLPID_IPV6:
      return Layer.IPV6;
    case NLPID_SNAP:
      if (p + 5 > cur.end) return cut(cur, p + 5, out);
      cur.off = p + 5;
      return layerForEthertype((d[p + 3]! << 8) | d[p + 4]!, out);
    default:
      return stop(out, DecodeStatus.NOT_IP);
  }
}
