import { grow, nextCapacity } from './column-growth.js';
import { ZeekState } from './states.js';

/**
 * Zeek's per-connection model (ZeekConn) and per-side model (TCP_Endpoint) for
 * every open connection, as typed-array columns: connection `c` owns the
 * endpoints 2c and 2c + 1. Three objects and a dozen boxed doubles per open
 * connection become a few bytes in arrays the garbage collector never walks.
 * Slots come from a free list; columns double when full.
 */
export class ZeekColumns {
  private cap = 0;
  private nextSlot = 0;
  private readonly freeSlots: number[] = [];

  // Per connection.
  /** Role flips so far; the originator is endpoint 2c + (flips & 1). */
  flips = new Int32Array(0);
  startTime = new Float64Array(0);
  lastTime = new Float64Array(0);
  /** When Zeek's delete timer removes the connection (0 = not scheduled). */
  deleteAt = new Float64Array(0);
  attemptAt = new Float64Array(0);
  partialCloseAt = new Float64Array(0);
  handshakeDone = new Uint8Array(0);
  /** History letters already seen (Hist bits, the responder's shifted left 16). */
  histSeen = new Int32Array(0);
  /** The history string (one shared string per connection, not a column of bytes: it is what flows keep). */
  histText: string[] = [];

  // Per endpoint. Sequence numbers are unsigned 32-bit.
  state = new Uint8Array(0);
  prevState = new Uint8Array(0);
  startSeq = new Uint32Array(0);
  lastSeq = new Uint32Array(0);
  ackSeq = new Uint32Array(0);
  finSeq = new Uint32Array(0);
  /** Sequence number up to which this side's data was seen without a hole. */
  contig = new Uint32Array(0);
  /** One block of data seen beyond a hole (valid when hasAhead). */
  aheadStart = new Uint32Array(0);
  aheadEnd = new Uint32Array(0);
  hasAhead = new Uint8Array(0);
  finCnt = new Int32Array(0);
  rstCnt = new Int32Array(0);
  didClose = new Uint8Array(0);
  windowScale = new Int8Array(0);
  histLastSyn = new Int32Array(0);
  histLastFin = new Int32Array(0);
  histLastRst = new Int32Array(0);
  // Zeek's ScaledHistoryEntry counters; thresholds reach 10^9, beyond Int32 (and stay below 2^32).
  rxmtCount = new Uint32Array(0);
  rxmtThreshold = new Uint32Array(0);
  win0Count = new Uint32Array(0);
  win0Threshold = new Uint32Array(0);
  gapCount = new Uint32Array(0);
  gapThreshold = new Uint32Array(0);
  /** Bytes in content gaps (Zeek's missed_bytes share for this side). */
  missedBytes = new Float64Array(0);

  /** A fresh connection slot, every column at its initial value. */
  alloc(ts: number): number {
    const c = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.nextSlot++;
    if (c >= this.cap) this.grow(nextCapacity(this.cap, 1024));
    this.flips[c] = 0;
    this.startTime[c] = ts;
    this.lastTime[c] = ts;
    this.deleteAt[c] = 0;
    this.attemptAt[c] = 0;
    this.partialCloseAt[c] = 0;
    this.handshakeDone[c] = 0;
    this.histSeen[c] = 0;
    this.histText[c] = '';
    this.resetEndpoint(2 * c);
    this.resetEndpoint(2 * c + 1);
    return c;
  }

  /** Gives the slot back (its history string is dropped so the column keeps nothing alive). */
  release(c: number): void {
    this.histText[c] = '';
    this.freeSlots.push(c);
  }

  private resetEndpoint(e: number): void {
    this.state[e] = ZeekState.INACTIVE;
    this.prevState[e] = ZeekState.INACTIVE;
    this.startSeq[e] = 0;
    this.lastSeq[e] = 0;
    this.ackSeq[e] = 0;
    this.finSeq[e] = 0;
    this.contig[e] = 0;
    this.aheadStart[e] = 0;
    this.aheadEnd[e] = 0;
    this.hasAhead[e] = 0;
    this.finCnt[e] = 0;
    this.rstCnt[e] = 0;
    this.didClose[e] = 0;
    this.windowScale[e] = 0;
    this.histLastSyn[e] = 0;
    this.histLastFin[e] = 0;
    this.histLastRst[e] = 0;
    this.rxmtCount[e] = 0;
    this.rxmtThreshold[e] = 1;
    this.win0Count[e] = 0;
    this.win0Threshold[e] = 1;
    this.gapCount[e] = 0;
    this.gapThreshold[e] = 1;
    this.missedBytes[e] = 0;
  }

  private grow(n: number): void {
    this.cap = n;
    this.flips = grow(this.flips, new Int32Array(n));
    this.startTime = grow(this.startTime, new Float64Array(n));
    this.lastTime = grow(this.lastTime, new Float64Array(n));
    this.deleteAt = grow(this.deleteAt, new Float64Array(n));
    this.attemptAt = grow(this.attemptAt, new Float64Array(n));
    this.partialCloseAt = grow(this.partialCloseAt, new Float64Array(n));
    this.handshakeDone = grow(this.handshakeDone, new Uint8Array(n));
    this.histSeen = grow(this.histSeen, new Int32Array(n));
    const m = 2 * n;
    this.state = grow(this.state, new Uint8Array(m));
    this.prevState = grow(this.prevState, new Uint8Array(m));
    this.startSeq = grow(this.startSeq, new Uint32Array(m));
    this.lastSeq = grow(this.lastSeq, new Uint32Array(m));
    this.ackSeq = grow(this.ackSeq, new Uint32Array(m));
    this.finSeq = grow(this.finSeq, new Uint32Array(m));
    this.contig = grow(this.contig, new Uint32Array(m));
    this.aheadStart = grow(this.aheadStart, new Uint32Array(m));
    this.aheadEnd = grow(this.aheadEnd, new Uint32Array(m));
    this.hasAhead = grow(this.hasAhead, new Uint8Array(m));
    this.finCnt = grow(this.finCnt, new Int32Array(m));
    this.rstCnt = grow(this.rstCnt, new Int32Array(m));
    this.didClose = grow(this.didClose, new Uint8Array(m));
    this.windowScale = grow(this.windowScale, new Int8Array(m));
    this.histLastSyn = grow(this.histLastSyn, new Int32Array(m));
    this.histLastFin = grow(this.histLastFin, new Int32Array(m));
    this.histLastRst = grow(this.histLastRst, new Int32Array(m));
    this.rxmtCount = grow(this.rxmtCount, new Uint32Array(m));
    this.rxmtThreshold = grow(this.rxmtThreshold, new Uint32Array(m));
    this.win0Count = grow(this.win0Count, new Uint32Array(m));
    this.win0Threshold = grow(this.win0Threshold, new Uint32Array(m));
    this.gapCount = grow(this.gapCount, new Uint32Array(m));
    this.gapThreshold = grow(this.gapThreshold, new Uint32Array(m));
    this.missedBytes = grow(this.missedBytes, new Float64Array(m));
  }
}
