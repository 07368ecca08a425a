import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';

const AF_INET = 2;
/** AF_INET6 differs per BSD: NetBSD/OpenBSD/BSD/OS, FreeBSD, Darwin. */
const AF_INET6_BSD = 24;
const AF_INET6_FREEBSD = 28;
const AF_INET6_DARWIN = 30;

/**
 * BSD loopback (NULL: family in the writer's byte order; LOOP: network order).
 * Families fit in 16 bits, so a value with high bits set was written in the
 * other byte order: that tells both apart without knowing the writer.
 */
export function decodeNullLoop(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 4 > cur.end) return cut(cur, o + 4, out);
  let family = (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;
  if (family > 0xffff) family = ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;
  cur.off = o + 4;
  switch (family) {
    case AF_INET:
      return Layer.IPV4;
    case AF_INET6_BSD:
    case AF_INET6_FREEBSD:
    case AF_INET6_DARWIN:
      return Layer.IPV6;
    default:
      return stop(out, DecodeStatus.NOT_IP);
  }
}
