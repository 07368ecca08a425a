import { formatIp } from '../decode/address.js';

/** IPv4 texts already built, by address: servers recur across thousands of connections. */
const V4_CACHE = new Map<number, string>();
/** Cleared when full, so memory stays bounded whatever the number of addresses. */
const V4_CACHE_MAX = 1 << 16;

/**
 * formatIp, sharing one string per recently seen IPv4 address: a flow's text
 * costs no allocation when the host was seen before (and equal addresses are
 * the same string, which makes keyed lookups on them cheaper).
 */
export function ipTextShared(version: number, w: Uint32Array): string {
  if (version === 6) return formatIp(version, w);
  // As int32: a Smi key, where addresses from 128.0.0.0 up would be a heap number per lookup.
  const a = w[0]! | 0;
  let s = V4_CACHE.get(a);
  if (s === undefined) {
    if (V4_CACHE.size >= V4_CACHE_MAX) V4_CACHE.clear();
    s = formatIp(version, w);
    V4_CACHE.set(a, s);
  }
  return s;
}
