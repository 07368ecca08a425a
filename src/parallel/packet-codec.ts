import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';

/**
 * A decoded TCP packet as 32-bit words, so the --jobs dispatcher decodes each
 * record once and a worker refills its DecodedPacket without decoding again
 * (the tracker reads the decoded fields only, never the record's bytes).
 * Every field is an unsigned 32-bit number but optMss and optWscale, stored
 * plus one (-1, absent, becomes 0); the booleans share one word with the
 * small IP fields. `ts` and `frame` are doubles, at words 2-5, which keeps
 * them 8-byte aligned when an entry starts on an even word.
 *
 * Layout, u32[at + i]: 0 kind (PACKET), 1 linkType, 2-3 ts, 4-5 frame,
 * 6 ipVersion | ipProto << 8 | ipTtl << 16 | flag bits << 24, 7-10 src,
 * 11-14 dst, 15 ipId, 16 ipOffset, 17 ipHeaderLen, 18 ipTotalLen, 19 srcPort,
 * 20 dstPort, 21 seq, 22 ack, 23 flags, 24 window, 25 urgent, 26 tcpChecksum,
 * 27 tcpOffset, 28 tcpHeaderLen, 29 payloadLen, 30 payloadCaptured,
 * 31 optMss + 1, 32 optWscale + 1, 33 optTsVal, 34 optTsEcr, 35 sackCount,
 * 36 vlanKey, 37 tunnelKey, 38 tunnelDepth, 39.. the 2·sackCount SACK edges.
 */
export const PACKET = 1;
/** A run of other shards' packet times: u32[at + 1] = n, then n doubles. */
export const SKIPS = 2;
const FIXED_WORDS = 39;
/** The most words one packet takes (four SACK blocks, rounded up to even). */
export const MAX_PACKET_WORDS = FIXED_WORDS + 9;

const FIRST_FRAGMENT = 1 << 24;
const SACK_PERMITTED = 1 << 25;
const HAS_TIMESTAMPS = 1 << 26;

/** Writes `p` at word `at` (even); returns the word after it (even). */
export function writePacket(u32: Uint32Array, f64: Float64Array, at: number, p: DecodedPacket, ts: number, frame: number): number {
  u32[at] = PACKET;
  u32[at + 1] = p.linkType;
  f64[(at >> 1) + 1] = ts;
  f64[(at >> 1) + 2] = frame;
  u32[at + 6] =
    p.ipVersion | (p.ipProto << 8) | (p.ipTtl << 16) | (p.ipFirstFragment ? FIRST_FRAGMENT : 0) | (p.optSackPermitted ? SACK_PERMITTED : 0) | (p.optHasTimestamps ? HAS_TIMESTAMPS : 0);
  const src = p.src;
  const dst = p.dst;
  u32[at + 7] = src[0]!;
  u32[at + 8] = src[1]!;
  u32[at + 9] = src[2]!;
  u32[at + 10] = src[3]!;
  u32[at + 11] = dst[0]!;
  u32[at + 12] = dst[1]!;
  u32[at + 13] = dst[2]!;
  u32[at + 14] = dst[3]!;
  u32[at + 15] = p.ipId;
  u32[at + 16] = p.ipOffset;
  u32[at + 17] = p.ipHeaderLen;
  u32[at + 18] = p.ipTotalLen;
  u32[at + 19] = p.srcPort;
  u32[at + 20] = p.dstPort;
  u32[at + 21] = p.seq;
  u32[at + 22] = p.ack;
  u32[at + 23] = p.flags;
  u32[at + 24] = p.window;
  u32[at + 25] = p.urgent;
  u32[at + 26] = p.tcpChecksum;
  u32[at + 27] = p.tcpOffset;
  u32[at + 28] = p.tcpHeaderLen;
  u32[at + 29] = p.payloadLen;
  u32[at + 30] = p.payloadCaptured;
  u32[at + 31] = p.optMss + 1;
  u32[at + 32] = p.optWscale + 1;
  u32[at + 33] = p.optTsVal;
  u32[at + 34] = p.optTsEcr;
  const n = p.sackCount;
  u32[at + 35] = n;
  u32[at + 36] = p.vlanKey;
  u32[at + 37] = p.tunnelKey;
  u32[at + 38] = p.tunnelDepth;
  const sack = p.sack;
  for (let i = 0; i < 2 * n; i++) u32[at + FIXED_WORDS + i] = sack[i]!;
  return at + ((FIXED_WORDS + 2 * n + 1) & ~1);
}

/** Fills `p` from the packet at word `at` (written by writePacket); returns the word after it. */
export function readPacket(u32: Uint32Array, at: number, p: DecodedPacket): number {
  p.status = DecodeStatus.TCP;
  p.linkType = u32[at + 1]!;
  const small = u32[at + 6]!;
  p.ipVersion = small & 0xff;
  p.ipProto = (small >>> 8) & 0xff;
  p.ipTtl = (small >>> 16) & 0xff;
  p.ipFirstFragment = (small & FIRST_FRAGMENT) !== 0;
  p.optSackPermitted = (small & SACK_PERMITTED) !== 0;
  p.optHasTimestamps = (small & HAS_TIMESTAMPS) !== 0;
  const src = p.src;
  const dst = p.dst;
  src[0] = u32[at + 7]!;
  src[1] = u32[at + 8]!;
  src[2] = u32[at + 9]!;
  src[3] = u32[at + 10]!;
  dst[0] = u32[at + 11]!;
  dst[1] = u32[at + 12]!;
  dst[2] = u32[at + 13]!;
  dst[3] = u32[at + 14]!;
  p.ipId = u32[at + 15]!;
  p.ipOffset = u32[at + 16]!;
  p.ipHeaderLen = u32[at + 17]!;
  p.ipTotalLen = u32[at + 18]!;
  p.srcPort = u32[at + 19]!;
  p.dstPort = u32[at + 20]!;
  p.seq = u32[at + 21]!;
  p.ack = u32[at + 22]!;
  p.flags = u32[at + 23]!;
  p.window = u32[at + 24]!;
  p.urgent = u32[at + 25]!;
  p.tcpChecksum = u32[at + 26]!;
  p.tcpOffset = u32[at + 27]!;
  p.tcpHeaderLen = u32[at + 28]!;
  p.payloadLen = u32[at + 29]!;
  p.payloadCaptured = u32[at + 30]!;
  p.optMss = u32[at + 31]! - 1;
  p.optWscale = u32[at + 32]! - 1;
  p.optTsVal = u32[at + 33]!;
  p.optTsEcr = u32[at + 34]!;
  const n = u32[at + 35]!;
  p.sackCount = n;
  p.vlanKey = u32[at + 36]!;
  p.tunnelKey = u32[at + 37]!;
  p.tunnelDepth = u32[at + 38]!;
  const sack = p.sack;
  for (let i = 0; i < 2 * n; i++) sack[i] = u32[at + FIXED_WORDS + i]!;
  return at + ((FIXED_WORDS + 2 * n + 1) & ~1);
}

/** The packet's time stamp and frame number (readPacket leaves them where they are). */
export function packetTs(f64: Float64Array, at: number): number {
  return f64[(at >> 1) + 1]!;
}

export function packetFrame(f64: Float64Array, at: number): number {
  return f64[(at >> 1) + 2]!;
}
