import type { CaptureFormat } from '../model/capture.js';

/** gzip member magic (RFC 1952): 1f 8b. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Format from the first four bytes, whatever the byte order: the classic pcap
 * magics (µs, ns, and Kuznetzov's modified one) and the pcapng section header
 * block type, which reads the same in both orders. Null when it is neither.
 */
export function sniffFormat(head: Uint8Array): CaptureFormat | null {
  if (head.length < 4) return null;
  const be = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const le = ((head[3]! << 24) | (head[2]! << 16) | (head[1]! << 8) | head[0]!) >>> 0;
  if (be === PCAPNG_SHB_TYPE) return 'pcapng';
  if (PCAP_MAGICS.includes(be) || PCAP_MAGICS.includes(le)) return 'pcap';
  return null;
}

export const PCAPNG_SHB_TYPE = 0x0a0d0d0a;
export const PCAP_MAGIC_USEC = 0xa1b2c3d4;
export const PCAP_MAGIC_NSEC = 0xa1b23c4d;
/** Alexey Kuznetzov's patched libpcap: 8 more bytes in every record header. */
export const PCAP_MAGIC_MODIFIED = 0xa1b2cd34;
const PCAP_MAGICS = [PCAP_MAGIC_USEC, PCAP_MAGIC_NSEC, PCAP_MAGIC_MODIFIED];

export function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}
