import { ScaledCounter } from './history.js';
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
  startSeq = 0;
  lastSeq = 0;
  ackSeq = 0;
  finCnt = 0;
  rstCnt = 0;
  didClose = false;
  windowScale = 0;
  histLastSyn = 0;
  histLastFin = 0;
  histLastRst = 0;
  readonly rxmt = new ScaledCounter();
  readonly win0 = new ScaledCounter();
  readonly gap = new ScaledCounter();
  /** Bytes in content gaps (Zeek's missed_bytes share for this side). */
  missedBytes = 0;
  /** Sequence number up to which this side's data was seen without a hole. */
  contig = 0;
  /** One block of data seen beyond a hole. */
  hasAhead = false;
  aheadStart = 0;
  aheadEnd = 0;
  /** Sequence number of this side's FIN (valid when finCnt > 0). */
  finSeq = 0;

  constructor(isOrig: boolean) {
    this.isOrig = isOrig;
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
