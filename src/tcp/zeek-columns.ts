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
    if (c >= this.cap) this.grow(Math.max(1024, this.cap * 2));
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
    this.flips = growI32(this.flips, n);
    this.startTime = growF64(this.startTime, n);
    this.lastTime = growF64(this.lastTime, n);
    this.deleteAt = growF64(this.deleteAt, n);
    this.attemptAt = growF64(this.attemptAt, n);
    this.partialCloseAt = growF64(this.partialCloseAt, n);
    this.handshakeDone = growU8(this.handshakeDone, n);
    this.histSeen = growI32(this.histSeen, n);
    const m = 2 * n;
    this.state = growU8(this.state, m);
    this.prevState = growU8(this.prevState, m);
    this.startSeq = growU32(this.startSeq, m);
    this.lastSeq = growU32(this.lastSeq, m);
    this.ackSeq = growU32(this.ackSeq, m);
    this.finSeq = growU32(this.finSeq, m);
    this.contig = growU32(this.contig, m);
    this.aheadStart = growU32(this.aheadStart, m);
    this.aheadEnd = growU32(this.aheadEnd, m);
    this.hasAhead = growU8(this.hasAhead, m);
    this.finCnt = growI32(this.finCnt, m);
    this.rstCnt = growI32(this.rstCnt, m);
    this.didClose = growU8(this.didClose, m);
    const ws = new Int8Array(m);
    ws.set(this.windowScale);
    this.windowScale = ws;
    this.histLastSyn = growI32(this.histLastSyn, m);
    this.histLastFin = growI32(this.histLastFin, m);
    this.histLastRst = growI32(this.histLastRst, m);
    this.rxmtCount = growU32(this.rxmtCount, m);
    this.rxmtThreshold = growU32(this.rxmtThreshold, m);
    this.win0Count = growU32(this.win0Count, m);
    this.win0Threshold = growU32(this.win0Threshold, m);
    this.gapCount = growU32(this.gapCount, m);
    this.gapThreshold = growU32(this.gapThreshold, m);
    this.missedBytes = growF64(this.missedBytes, m);
  }
}

function growI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function growU32(a: Uint32Array<ArrayBuffer>, n: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
function growF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
