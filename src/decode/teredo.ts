import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';
import { Tunnel, enterTunnel } from './tunnel-key.js';

/** Authentication indicator: 00 01, id length, auth length, id, auth, 8-byte nonce, confirmation byte. */
const AUTH_FIXED = 4 + 8 + 1;
/** Origin indication: 00 00, obfuscated port, obfuscated IPv4 address. */
const ORIGIN = 8;
const IPV6_HEADER = 40;

/** Too short for Teredo: plain UDP, unless the capture cut it. */
function notTeredo(cur: Cursor, need: number, out: DecodedPacket): Layer {
  return need > cur.limit ? stop(out, DecodeStatus.NOT_TCP) : cut(cur, need, out);
}

/**
 * Teredo (RFC 4380): IPv6 in UDP, optionally after an authentication and/or
 * an origin indication. The port is only a hint, so a payload that is not an
 * IPv6 header is plain UDP (NOT_TCP), not a broken tunnel.
 */
export function decodeTeredo(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  let p = cur.off;
  if (p + 2 > cur.end) return notTeredo(cur, p + 2, out);
  if (d[p] === 0 && d[p + 1] === 1) {
    if (p + 4 > cur.end) return notTeredo(cur, p + 4, out);
    p += AUTH_FIXED + d[p + 2]! + d[p + 3]!;
    if (p + 2 > cur.end) return notTeredo(cur, p + 2, out);
  }
  if (d[p] === 0 && d[p + 1] === 0) p += ORIGIN;
  if (p + IPV6_HEADER > cur.end) return notTeredo(cur, p + IPV6_HEADER, out);
  if (d[p]! >> 4 !== 6) return stop(out, DecodeStatus.NOT_TCP);
  enterTunnel(out, Tunnel.TEREDO, 0);
  cur.off = p;
  return Layer.IPV6;
}

/** Teredo addresses are 2001:0::/32 (RFC 4380); every Teredo packet has one at one end. */
const TEREDO_PREFIX = 0x20010000;

function word(d: Uint8Array, p: number): number {
  return ((d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!) >>> 0;
}

/**
 * Teredo relays talk on arbitrary ports, so like Zeek we also recognise
 * Teredo by content: an optional origin indication, then an IPv6 header
 * that fills the UDP payload exactly and has a Teredo address at one end.
 */
export function looksLikeTeredo(d: Uint8Array, cur: Cursor): boolean {
  let p = cur.off;
  if (p + 2 > cur.end) return false;
  if (d[p] === 0 && d[p + 1] === 0) p += ORIGIN;
  if (p + IPV6_HEADER > cur.end || d[p]! >> 4 !== 6) return false;
  if (((d[p + 4]! << 8) | d[p + 5]!) + IPV6_HEADER !== cur.limit - p) return false;
  return word(d, p + 8) === TEREDO_PREFIX || word(d, p + 24) === TEREDO_PREFIX;
}
