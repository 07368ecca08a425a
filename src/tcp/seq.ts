/**
 * TCP sequence-number arithmetic (RFC 793 §3.3, RFC 1982): sequence numbers
 * live on a 32-bit circle, so "before" and "after" only mean something for
 * numbers less than 2^31 apart. Never compare them with < on raw values.
 */

/** b - a as a signed 32-bit distance: > 0 when b is after a. */
export function seqDiff(b: number, a: number): number {
  return (b - a) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLeq(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

export function seqGeq(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}

/** a + n on the 32-bit circle, as an unsigned number. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** Whether s lies in [lo, lo + len) on the circle. */
export function seqInWindow(s: number, lo: number, len: number): boolean {
  const d = (s - lo) >>> 0;
  return d < len;
}
