import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';
import { LinkType } from './link-types.js';

/** RFC 1051 (old) types have no fragmentation fields; RFC 1201 types add flag and sequence (tcpdump print-arcnet.c). */
const TYPE_IP_OLD = 0xf0;
const TYPE_IP = 0xd4;
const TYPE_INET6 = 0xc4;
const FLAG_EXCEPTION = 0xff;

/** ARCNET (BSD: src, dst, type; Linux: src, dst, 2-byte offset, type), then IP for the IP types. */
export function decodeArcnet(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  const typeAt = o + (cur.linkType === LinkType.ARCNET_LINUX ? 4 : 2);
  if (typeAt + 1 > cur.end) return cut(cur, typeAt + 1, out);
  const type = d[typeAt]!;
  if (type === TYPE_IP_OLD) {
    cur.off = typeAt + 1;
    return Layer.IPV4;
  }
  if (type !== TYPE_IP && type !== TYPE_INET6) return stop(out, DecodeStatus.NOT_IP);
  let p = typeAt + 4;
  if (p > cur.end) return cut(cur, p, out);
  if (d[typeAt + 1] === FLAG_EXCEPTION) p += 4;
  if (p > cur.end) return cut(cur, p, out);
  cur.off = p;
  return type === TYPE_IP ? Layer.IPV4 : Layer.IPV6;
}
