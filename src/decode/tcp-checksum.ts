import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import type { PacketRecord } from '../model/packet.js';

const PROTO_TCP = 6;

/**
 * Verifies the TCP checksum of a decoded packet (pseudo-header included).
 * null when it cannot be verified: no TCP, a first fragment, or payload cut by
 * snaplen. Not on the default path: captures taken on the sender usually
 * carry offloaded (wrong) checksums, which say nothing about the network.
 * An IPv6 routing header's final destination is not substituted.
 */
export function tcpChecksumOk(rec: PacketRecord, p: DecodedPacket): boolean | null {
  if (p.status !== DecodeStatus.TCP || p.ipFirstFragment || p.payloadCaptured < p.payloadLen) return null;
  const d = rec.data;
  const start = p.tcpOffset;
  const len = p.tcpHeaderLen + p.payloadLen;
  const captured = rec.offset + rec.caplen < d.length ? rec.offset + rec.caplen : d.length;
  if (start + len > captured) return null;

  let sum = pseudoHeaderSum(p, len);
  const last = start + (len & ~1);
  for (let i = start; i < last; i += 2) sum += (d[i]! << 8) | d[i + 1]!;
  if ((len & 1) !== 0) sum += d[last]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum === 0xffff;
}

/** One's-complement sum (unfolded) of the TCP pseudo-header for a segment of `len` bytes. */
function pseudoHeaderSum(p: DecodedPacket, len: number): number {
  let sum = PROTO_TCP + (len >>> 16) + (len & 0xffff);
  const words = p.ipVersion === 6 ? 4 : 1;
  for (let i = 0; i < words; i++) {
    sum += (p.src[i]! >>> 16) + (p.src[i]! & 0xffff) + (p.dst[i]! >>> 16) + (p.dst[i]! & 0xffff);
  }
  return sum;
}

/**
 * Whether the checksum field holds only the folded pseudo-header sum: what a
 * sender using checksum offload (Linux CHECKSUM_PARTIAL) leaves for the NIC
 * to complete, and so what a capture on that sender shows.
 */
export function tcpChecksumIsPartial(p: DecodedPacket): boolean {
  if (p.status !== DecodeStatus.TCP) return false;
  let sum = pseudoHeaderSum(p, p.tcpHeaderLen + p.payloadLen);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return p.tcpChecksum === sum;
}
