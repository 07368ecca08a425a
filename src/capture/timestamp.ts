import type { PacketRecord } from '../model/packet.js';

/**
 * An interface's time base (pcapng if_tsresol / if_tsoffset), precomputed so
 * that turning a 64-bit count of units into seconds + nanoseconds is exact and
 * allocates nothing in the common resolutions.
 */
export interface TimeBase {
  /** if_tsresol as stored: high bit clear = 10^-n s, set = 2^-n s. */
  resol: number;
  /** if_tsoffset, seconds added to every time stamp. */
  offset: number;
}

export const DEFAULT_TSRESOL = 6;

/** Sets rec.tsSec/tsNsec from the (high, low) unit count of a pcapng packet block. */
export function setPcapngTime(rec: PacketRecord, high: number, low: number, tb: TimeBase): void {
  const r = tb.resol;
  const n = r & 0x7f;
  if ((r & 0x80) === 0 && n <= 9) decimal(rec, high, low, n);
  else if ((r & 0x80) !== 0 && n <= 32) binary(rec, high, low, n);
  else exotic(rec, high, low, r);
  rec.tsSec += tb.offset;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** 10^-n units, n <= 9: long division by 10^n in 16-bit limbs keeps every step below 2^53. */
function decimal(rec: PacketRecord, high: number, low: number, n: number): void {
  const d = POW10[n]!;
  let r = high >>> 16;
  const q3 = Math.floor(r / d);
  r = (r - q3 * d) * 65536 + (high & 0xffff);
  const q2 = Math.floor(r / d);
  r = (r - q2 * d) * 65536 + (low >>> 16);
  const q1 = Math.floor(r / d);
  r = (r - q1 * d) * 65536 + (low & 0xffff);
  const q0 = Math.floor(r / d);
  r -= q0 * d;
  rec.tsSec = ((q3 * 65536 + q2) * 65536 + q1) * 65536 + q0;
  rec.tsNsec = r * POW10[9 - n]!;
}

/** 2^-n units, n <= 32: a shift for the seconds; the fraction times 10^9 = 5^9 * 2^9 stays below 2^53. */
function binary(rec: PacketRecord, high: number, low: number, n: number): void {
  if (n === 32) {
    rec.tsSec = high;
    rec.tsNsec = Math.floor((low * 1953125) / 2 ** 23);
    return;
  }
  const unit = 2 ** n;
  const lowSec = Math.floor(low / unit);
  const frac = low - lowSec * unit;
  rec.tsSec = high * 2 ** (32 - n) + lowSec;
  rec.tsNsec = n >= 9 ? Math.floor((frac * 1953125) / 2 ** (n - 9)) : (frac * 1e9) / unit;
}

/** Resolutions finer than a nanosecond (decimal) or 2^-32 (binary): rare, so BigInt is fine. */
function exotic(rec: PacketRecord, high: number, low: number, r: number): void {
  const ts = (BigInt(high) << 32n) | BigInt(low);
  const n = BigInt(r & 0x7f);
  const perSec = (r & 0x80) === 0 ? 10n ** n : 1n << n;
  const sec = ts / perSec;
  rec.tsSec = Number(sec);
  rec.tsNsec = Number(((ts - sec * perSec) * 1000000000n) / perSec);
}
