import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';
import { Tunnel, enterTunnel } from './tunnel-key.js';

const HEADER = 8;
const OPTIONAL = 4;
const VERSION_1 = 1;
const FLAG_PT = 0x10;
const FLAG_EXT = 0x04;
const FLAGS_OPTIONAL = 0x07;
const G_PDU = 0xff;

/**
 * GTPv1-U: only G-PDUs carry user IP. The TEID differs per direction, so it
 * stays out of the tunnel key.
 */
export function decodeGtpu(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  const flags = d[o]!;
  if (flags >> 5 !== VERSION_1 || (flags & FLAG_PT) === 0 || d[o + 1] !== G_PDU) {
    return stop(out, DecodeStatus.NOT_TCP);
  }
  let p = o + HEADER;
  if ((flags & FLAGS_OPTIONAL) !== 0) {
    p += OPTIONAL;
    if (p > cur.end) return cut(cur, p, out);
    if ((flags & FLAG_EXT) !== 0) {
      let ext = d[p - 1]!;
      while (ext !== 0) {
        if (p + 1 > cur.end) return cut(cur, p + 1, out);
        const len = d[p]! << 2;
        if (len === 0) return stop(out, DecodeStatus.MALFORMED);
        if (p + len > cur.end) return cut(cur, p + len, out);
        ext = d[p + len - 1]!;
        p += len;
      }
    }
  }
  if (p + 1 > cur.end) return cut(cur, p + 1, out);
  const version = d[p]! >> 4;
  if (version !== 4 && version !== 6) return stop(out, DecodeStatus.NOT_TCP);
  enterTunnel(out, Tunnel.GTPU, 0);
  cur.off = p;
  return version === 4 ? Layer.IPV4 : Layer.IPV6;
}
