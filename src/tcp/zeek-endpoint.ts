import { ZeekState } from './states.js';
import { seqDiff } from './seq.js';

/**
 * One side of a connection as Zeek's TCP analyzer models it (TCP_Endpoint):
 * Zeek's own endpoint state and the sequence bookkeeping its conn_state,
 * history letters and byte counts depend on.
 */
export class ZeekEndpoint {
  state: ZeekState = ZeekState.INACTIVE;
  prevState: ZeekState = ZeekState.INACTIVE;
  isOrig: boolean;
  private s_startSeq = 0;
  private s_lastSeq = 0;
  private s_ackSeq = 0;
  finCnt = 0;
  rstCnt = 0;
  didClose = false;
  windowScale = 0;
  histLastSyn = 0;
  histLastFin = 0;
  histLastRst = 0;
  // Zeek's ScaledHistoryEntry counters (ScaledCounter in history.ts), inline: three fewer objects per side.
  rxmtCount = 0;
  rxmtThreshold = 1;
  win0Count = 0;
  win0Threshold = 1;
  gapCount = 0;
  gapThreshold = 1;
  /** Bytes in content gaps (Zeek's missed_bytes share for this side). */
  missedBytes = 0;
  /** Sequence number up to which this side's data was seen without a hole. */
  private s_contig = 0;
  /** One block of data seen beyond a hole. */
  hasAhead = false;
  private s_aheadStart = 0;
  private s_aheadEnd = 0;
  /** Sequence number of this side's FIN (valid when finCnt > 0). */
  private s_finSeq = 0;

  constructor(isOrig: boolean) {
    this.isOrig = isOrig;
  }

  // Sequence numbers stored as signed 32-bit integers (never boxed), read as unsigned.
  get startSeq(): number {
    return this.s_startSeq >>> 0;
  }
  set startSeq(v: number) {
    this.s_startSeq = v | 0;
  }
  get lastSeq(): number {
    return this.s_lastSeq >>> 0;
  }
  set lastSeq(v: number) {
    this.s_lastSeq = v | 0;
  }
  get ackSeq(): number {
    return this.s_ackSeq >>> 0;
  }
  set ackSeq(v: number) {
    this.s_ackSeq = v | 0;
  }
  get contig(): number {
    return this.s_contig >>> 0;
  }
  set contig(v: number) {
    this.s_contig = v | 0;
  }
  get aheadStart(): number {
    return this.s_aheadStart >>> 0;
  }
  set aheadStart(v: number) {
    this.s_aheadStart = v | 0;
  }
  get aheadEnd(): number {
    return this.s_aheadEnd >>> 0;
  }
  set aheadEnd(v: number) {
    this.s_aheadEnd = v | 0;
  }
  get finSeq(): number {
    return this.s_finSeq >>> 0;
  }
  set finSeq(v: number) {
    this.s_finSeq = v | 0;
  }

  /** ScaledCounter.hit for retransmissions ('t'): true when a letter is due. */
  rxmtHit(): boolean {
    if (++this.rxmtCount !== this.rxmtThreshold) return false;
    this.rxmtThreshold = nextThreshold(this.rxmtThreshold);
    return true;
  }

  /** ScaledCounter.hit for zero windows ('w'). */
  win0Hit(): boolean {
    if (++this.win0Count !== this.win0Threshold) return false;
    this.win0Threshold = nextThreshold(this.win0Threshold);
    return true;
  }

  /** ScaledCounter.hit for content gaps ('g'). */
  gapHit(): boolean {
    if (++this.gapCount !== this.gapThreshold) return false;
    this.gapThreshold = nextThreshold(this.gapThreshold);
    return true;
  }

  setState(to: ZeekState): void {
    if (to !== this.state) {
      this.prevState = this.state;
      this.state = to;
    }
  }

  initSeqs(start: number, last: number): void {
    this.startSeq = start >>> 0;
    this.ackSeq = start >>> 0;
    this.lastSeq = last >>> 0;
  }

  /** A SYN that renumbers the side (Zeek re-initialises its sequence space). */
  restart(seq: number, onePast: number): void {
    this.initSeqs(seq, onePast);
    this.contig = (seq + 1) >>> 0;
    this.hasAhead = false;
  }

  /** TCP_Endpoint::Size: payload bytes in the sequence space this side used (Zeek's orig_bytes / resp_bytes). */
  size(peer: ZeekEndpoint): number {
    const noDataAcked = this.ackSeq === this.startSeq || this.ackSeq === ((this.startSeq + 1) >>> 0);
    if (
      this.prevState === ZeekState.SYN_SENT &&
      this.state === ZeekState.RESET &&
      peer.state === ZeekState.INACTIVE &&
      !noDataAcked
    )
      return 0;
    const last = seqDiff(this.lastSeq, this.startSeq);
    const ack = seqDiff(this.ackSeq, this.startSeq);
    let size = Math.max(last, ack, 0);
    if (size !== 0) size--;
    if (this.finCnt > 0 && size !== 0) size--;
    return size;
  }
}

/** The next power of ten, as ScaledCounter.hit moves it (capped at 2^32 - 1). */
function nextThreshold(t: number): number {
  const next = t * 10;
  return next <= 0xffffffff ? next : t;
}
