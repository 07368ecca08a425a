import type { DecodedPacket } from '../model/decoded.js';

const EOL = 0;
const NOP = 1;
const MSS = 2;
const WSCALE = 3;
const SACK_PERMITTED = 4;
const SACK = 5;
const TIMESTAMPS = 8;
const MAX_SACK_BLOCKS = 4;

function u32(d: Uint8Array, p: number): number {
  return ((d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!) >>> 0;
}

/**
 * TCP options between `p` and `end` (the header's end, already known to be
 * captured). An option whose length is impossible ends the walk quietly, as
 * stacks do: what was read before it stands.
 */
export function decodeTcpOptions(d: Uint8Array, p: number, end: number, out: DecodedPacket): void {
  out.optMss = -1;
  out.optWscale = -1;
  out.optSackPermitted = false;
  out.optHasTimestamps = false;
  out.optTsVal = 0;
  out.optTsEcr = 0;
  out.sackCount = 0;
  while (p < end) {
    const kind = d[p]!;
    if (kind === EOL) return;
    if (kind === NOP) {
      p++;
      continue;
    }
    if (p + 2 > end) return;
    const len = d[p + 1]!;
    if (len < 2 || p + len > end) return;
    switch (kind) {
      case MSS:
        if (len === 4) out.optMss = (d[p + 2]! << 8) | d[p + 3]!;
        break;
      case WSCALE:
        if (len === 3) out.optWscale = d[p + 2]!;
        break;
      case SACK_PERMITTED:
        if (len === 2) out.optSackPermitted = true;
        break;
      case SACK: {
        if ((len - 2) % 8 !== 0) break;
        let n = (len - 2) >> 3;
        if (n > MAX_SACK_BLOCKS) n = MAX_SACK_BLOCKS;
        const sack = out.sack;
        for (let i = 0; i < n; i++) {
          sack[2 * i] = u32(d, p + 2 + 8 * i);
          sack[2 * i + 1] = u32(d, p + 6 + 8 * i);
        }
        out.sackCount = n;
        break;
      }
      case TIMESTAMPS:
        if (len === 10) {
          out.optHasTimestamps = true;
          out.optTsVal = u32(d, p + 2);
          out.optTsEcr = u32(d, p + 6);
        }
        break;
    }
    p += len;
  }
}
