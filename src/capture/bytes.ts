/** Unsigned reads in either byte order, without a DataView per buffer. */
export function u32(b: Uint8Array, o: number, le: boolean): number {
  return le
    ? (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0
    : ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

export function u16(b: Uint8Array, o: number, le: boolean): number {
  return le ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!;
}

/** Signed 64-bit value as a double (exact up to 2^53, which covers any time offset in seconds). */
export function i64(b: Uint8Array, o: number, le: boolean): number {
  const lo = u32(b, le ? o : o + 4, le);
  const hi = u32(b, le ? o + 4 : o, le) | 0;
  return hi * 4294967296 + lo;
}
