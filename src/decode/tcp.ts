import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';
import { decodeTcpOptions } from './tcp-options.js';

const MIN_HEADER = 20;

/** The TCP header and options; the payload length comes from the IP length, the captured part from the record. */
export function decodeTcp(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + MIN_HEADER > cur.end) {
    if (out.ipFirstFragment && o + MIN_HEADER > cur.limit) return stop(out, DecodeStatus.FRAGMENT);
    return cut(cur, o + MIN_HEADER, out);
  }
  const hl = (d[o + 12]! >> 4) << 2;
  const segment = out.ipOffset + out.ipTotalLen - o;
  if (hl < MIN_HEADER) return stop(out, DecodeStatus.MALFORMED);
  // A first fragment may end inside the header: the rest is in the next fragment.
  if (hl > segment) return stop(out, out.ipFirstFragment ? DecodeStatus.FRAGMENT : DecodeStatus.MALFORMED);
  if (o + hl > cur.end) return cut(cur, o + hl, out);

  out.srcPort = (d[o]! << 8) | d[o + 1]!;
  out.dstPort = (d[o + 2]! << 8) | d[o + 3]!;
  out.seq = ((d[o + 4]! << 24) | (d[o + 5]! << 16) | (d[o + 6]! << 8) | d[o + 7]!) >>> 0;
  out.ack = ((d[o + 8]! << 24) | (d[o + 9]! << 16) | (d[o + 10]! << 8) | d[o + 11]!) >>> 0;
  out.flags = ((d[o + 12]! & 1) << 8) | d[o + 13]!;
  out.window = (d[o + 14]! << 8) | d[o + 15]!;
  out.tcpChecksum = (d[o + 16]! << 8) | d[o + 17]!;
  out.urgent = (d[o + 18]! << 8) | d[o + 19]!;
  out.tcpOffset = o;
  out.tcpHeaderLen = hl;
  const payload = segment - hl;
  out.payloadLen = payload;
  const captured = cur.end - o - hl;
  out.payloadCaptured = captured < payload ? captured : payload;
  decodeTcpOptions(d, o + MIN_HEADER, o + hl, out);
  out.status = DecodeStatus.TCP;
  return Layer.END;
}
