/**
 * IP addresses as text. Not on the per-packet path: flows format their
 * addresses once. IPv6 follows RFC 5952 the way inet_ntop (and so Zeek)
 * prints it, including the dotted tail of IPv4-mapped and -compatible forms.
 */

function dotted(w: number): string {
  return `${w >>> 24}.${(w >>> 16) & 0xff}.${(w >>> 8) & 0xff}.${w & 0xff}`;
}

export function formatIp(version: number, words: Uint32Array): string {
  if (version !== 6) return dotted(words[0]! >>> 0);
  const g = new Array<number>(8);
  for (let i = 0; i < 4; i++) {
    g[2 * i] = words[i]! >>> 16;
    g[2 * i + 1] = words[i]! & 0xffff;
  }
  // Longest run of zero groups (the first on a tie), compressed only if it spans two or more.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) best = -1;
  const embedV4 = best === 0 && (bestLen === 6 || (bestLen === 5 && g[5] === 0xffff));
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      s += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    if (embedV4 && i === 6) return s + dotted(words[3]! >>> 0);
    s += g[i]!.toString(16);
    if (i < 7) s += ':';
  }
  return s;
}

function parseV4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) return -1;
  let v = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return -1;
    const n = Number(p);
    if (n > 255) return -1;
    v = v * 256 + n;
  }
  return v;
}

/** Fills `out` with the address's big-endian words; returns 4 or 6, or 0 when `text` is not an address. */
export function parseIp(text: string, out: Uint32Array): number {
  if (!text.includes(':')) {
    const v = parseV4(text);
    if (v < 0) return 0;
    out[0] = v;
    out[1] = 0;
    out[2] = 0;
    out[3] = 0;
    return 4;
  }
  const groups: number[] = [];
  let head = text;
  let v4Tail = -1;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) >= 0) {
    v4Tail = parseV4(text.slice(lastColon + 1));
    if (v4Tail < 0) return 0;
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" leaves "::", "a::1.2.3.4" leaves "a::", "a:b:1.2.3.4" leaves "a:b:".
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const want = v4Tail >= 0 ? 6 : 8;
  const halves = head.split('::');
  if (halves.length > 2) return 0;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const h of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(h)) return null;
      out.push(parseInt(h, 16));
    }
    return out;
  };
  const left = parse(halves[0]!);
  const right = halves.length === 2 ? parse(halves[1]!) : [];
  if (left === null || right === null) return 0;
  if (halves.length === 2) {
    const fill = want - left.length - right.length;
    if (fill < 1) return 0;
    groups.push(...left, ...new Array<number>(fill).fill(0), ...right);
  } else {
    if (left.length !== want) return 0;
    groups.push(...left);
  }
  if (v4Tail >= 0) groups.push(Math.floor(v4Tail / 65536), v4Tail & 0xffff);
  for (let i = 0; i < 4; i++) out[i] = groups[2 * i]! * 65536 + groups[2 * i + 1]!;
  return 6;
}
