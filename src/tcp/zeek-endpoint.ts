import { ZeekState } from './states.js';
import { seqDiff } from './seq.js';
import type { ZeekColumns } from './zeek-columns.js';

/**
 * One side of a connection as Zeek's TCP analyzer models it (TCP_Endpoint),
 * as operations on endpoint `e` of the Zeek columns: Zeek's own endpoint state
 * and the sequence bookkeeping its conn_state, history letters and byte
 * counts depend on.
 */

/** ScaledCounter.hit for retransmissions ('t'): true when a letter is due. */
export function rxmtHit(z: ZeekColumns, e: number): boolean {
  if (++z.rxmtCount[e]! !== z.rxmtThreshold[e]) return false;
  z.rxmtThreshold[e] = nextThreshold(z.rxmtThreshold[e]!);
  return true;
}

/** ScaledCounter.hit for zero windows ('w'). */
export function win0Hit(z: ZeekColumns, e: number): boolean {
  if (++z.win0Count[e]! !== z.win0Threshold[e]) return false;
  z.win0Threshold[e] = nextThreshold(z.win0Threshold[e]!);
  return true;
}

/** ScaledCounter.hit for content gaps ('g'). */
export function gapHit(z: ZeekColumns, e: number): boolean {
  if (++z.gapCount[e]! !== z.gapThreshold[e]) return false;
  z.gapThreshold[e] = nextThreshold(z.gapThreshold[e]!);
  return true;
}

export function setZeekState(z: ZeekColumns, e: number, to: ZeekState): void {
  if (to !== z.state[e]) {
    z.prevState[e] = z.state[e]!;
    z.state[e] = to;
  }
}

export function initSeqs(z: ZeekColumns, e: number, start: number, last: number): void {
  z.startSeq[e] = start;
  z.ackSeq[e] = start;
  z.lastSeq[e] = last;
}

/** A SYN that renumbers the side (Zeek re-initialises its sequence space). */
export function restart(z: ZeekColumns, e: number, seq: number, onePast: number): void {
  initSeqs(z, e, seq, onePast);
  z.contig[e] = seq + 1;
  z.hasAhead[e] = 0;
}

/** TCP_Endpoint::Size: payload bytes in the sequence space side `e` used (Zeek's orig_bytes / resp_bytes). */
export function zeekSize(z: ZeekColumns, e: number, peer: number): number {
  const start = z.startSeq[e]!;
  const ackSeq = z.ackSeq[e]!;
  const noDataAcked = ackSeq === start || ackSeq === ((start + 1) >>> 0);
  if (z.prevState[e] === ZeekState.SYN_SENT && z.state[e] === ZeekState.RESET && z.state[peer] === ZeekState.INACTIVE && !noDataAcked)
    return 0;
  const last = seqDiff(z.lastSeq[e]!, start);
  const ack = seqDiff(ackSeq, start);
  let size = Math.max(last, ack, 0);
  if (size !== 0) size--;
  if (z.finCnt[e]! > 0 && size !== 0) size--;
  return size;
}

/** The next power of ten, as ScaledCounter.hit moves it (capped at 2^32 - 1). */
function nextThreshold(t: number): number {
  const next = t * 10;
  return next <= 0xffffffff ? next : t;
}
