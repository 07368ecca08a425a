/**
 * Address text for a flow's endpoints, built once per flow (never per packet):
 * dotted quad for IPv4, RFC 5952 for IPv6 (lower case, longest run of two or
 * more zero groups as "::", first run on ties), as Zeek and Wireshark print.
 */
export function ipText(version: number, w: Uint32Array): string {
  if (version !== 6) {
    const a = w[0]!;
    return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
  }
  const g: number[] = [];
  for (let i = 0; i < 4; i++) g.push(w[i]! >>> 16, w[i]! & 0xffff);
  // IPv4-mapped addresses keep the dotted tail, as inet_ntop does.
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${g[6]! >>> 8}.${g[6]! & 255}.${g[7]! >>> 8}.${g[7]! & 255}`;
  }
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestAt < 0) return hex.join(':');
  return `${hex.slice(0, bestAt).join(':')}::${hex.slice(bestAt + bestLen).join(':')}`;
}

/** IPv4 texts already built, by address: servers recur across thousands of connections. */
const V4_CACHE = new Map<number, string>();
/** Cleared when full, so memory stays bounded whatever the number of addresses. */
const V4_CACHE_MAX = 1 << 16;

/**
 * ipText, sharing one string per recently seen IPv4 address: a flow's text
 * costs no allocation when the host was seen before (and equal addresses are
 * the same string, which makes keyed lookups on them cheaper).
 */
export function ipTextShared(version: number, w: Uint32Array): string {
  if (version === 6) return ipText(version, w);
  const a = w[0]!;
  let s = V4_CACHE.get(a);
  if (s === undefined) {
    if (V4_CACHE.size >= V4_CACHE_MAX) V4_CACHE.clear();
    s = ipText(version, w);
    V4_CACHE.set(a, s);
  }
  return s;
}
