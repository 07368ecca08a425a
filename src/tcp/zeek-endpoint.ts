import { ZeekState } from './states.js';
import { seqDiff } from './seq.js';
import type { ZeekPage } from './zeek-columns.js';

/**
 * One side of a connection as Zeek's TCP analyzer models it (TCP_Endpoint),
 * as operations on endpoint `e` of a page of the Zeek columns: Zeek's own endpoint state
 * and the sequence bookkeeping its conn_state, history letters and byte
 * counts depend on.
 */

/** The originator's endpoint of connection c of page z (2c or 2c + 1, by the role flips so far). */
export function origOf(z: ZeekPage, c: number): number {
  return 2 * c + (z.ci32[c * 14 + 10 /* flips */]! & 1);
}

/** Zeek's ScaledHistoryEntry (base 10) for retransmissions ('t'): true when a letter is due. */
export function rxmtHit(z: ZeekPage, e: number): boolean {
  if (++z.eu32[e * 22 + 9 /* rxmtCount */]! !== z.eu32[e * 22 + 10 /* rxmtThreshold */]) return false;
  z.eu32[e * 22 + 10 /* rxmtThreshold */] = nextThreshold(z.eu32[e * 22 + 10 /* rxmtThreshold */]!);
  return true;
}

/** Zeek's ScaledHistoryEntry (base 10) for zero windows ('w'). */
export function win0Hit(z: ZeekPage, e: number): boolean {
  if (++z.eu32[e * 22 + 11 /* win0Count */]! !== z.eu32[e * 22 + 12 /* win0Threshold */]) return false;
  z.eu32[e * 22 + 12 /* win0Threshold */] = nextThreshold(z.eu32[e * 22 + 12 /* win0Threshold */]!);
  return true;
}

/** Zeek's ScaledHistoryEntry (base 10) for content gaps ('g'). */
export function gapHit(z: ZeekPage, e: number): boolean {
  if (++z.eu32[e * 22 + 13 /* gapCount */]! !== z.eu32[e * 22 + 14 /* gapThreshold */]) return false;
  z.eu32[e * 22 + 14 /* gapThreshold */] = nextThreshold(z.eu32[e * 22 + 14 /* gapThreshold */]!);
  return true;
}

export function setZeekState(z: ZeekPage, e: number, to: ZeekState): void {
  if (to !== z.eu8[e * 88 + 80 /* state */]) {
    z.eu8[e * 88 + 81 /* prevState */] = z.eu8[e * 88 + 80 /* state */]!;
    z.eu8[e * 88 + 80 /* state */] = to;
  }
}

export function initSeqs(z: ZeekPage, e: number, start: number, last: number): void {
  z.eu32[e * 22 + 2 /* startSeq */] = start;
  z.eu32[e * 22 + 4 /* ackSeq */] = start;
  z.eu32[e * 22 + 3 /* lastSeq */] = last;
}

/** A SYN that renumbers the side (Zeek re-initialises its sequence space). */
export function restart(z: ZeekPage, e: number, seq: number, onePast: number): void {
  initSeqs(z, e, seq, onePast);
  z.eu32[e * 22 + 6 /* contig */] = seq + 1;
  z.eu8[e * 88 + 82 /* hasAhead */] = 0;
}

/** TCP_Endpoint::Size: payload bytes in the sequence space side `e` used (Zeek's orig_bytes / resp_bytes). */
export function zeekSize(z: ZeekPage, e: number, peer: number): number {
  const start = z.eu32[e * 22 + 2 /* startSeq */]!;
  const ackSeq = z.eu32[e * 22 + 4 /* ackSeq */]!;
  const noDataAcked = ackSeq === start || ackSeq === ((start + 1) >>> 0);
  if (z.eu8[e * 88 + 81 /* prevState */] === ZeekState.SYN_SENT && z.eu8[e * 88 + 80 /* state */] === ZeekState.RESET && z.eu8[peer * 88 + 80 /* state */] === ZeekState.INACTIVE && !noDataAcked)
    return 0;
  const last = seqDiff(z.eu32[e * 22 + 3 /* lastSeq */]!, start);
  const ack = seqDiff(ackSeq, start);
  let size = Math.max(last, ack, 0);
  if (size !== 0) size--;
  if (z.ei32[e * 22 + 15 /* finCnt */]! > 0 && size !== 0) size--;
  return size;
}

/** The next power of ten, as ScaledCounter.hit moves it (capped at 2^32 - 1). */
function nextThreshold(t: number): number {
  const next = t * 10;
  return next <= 0xffffffff ? next : t;
}
