import { nextCapacity } from './column-growth.js';

/**
 * Zeek's per-connection model (ZeekConn) and per-side model (TCP_Endpoint) for
 * every open connection, as typed-array columns: connection `c` owns the
 * endpoints 2c and 2c + 1. Three objects and a dozen boxed doubles per open
 * connection become a few bytes in arrays the garbage collector never walks.
 * Slots come from a free list; columns double when full.
 */
/*
 * Record layout. Accessors index the views with literal numbers, the field
 * named in a comment beside each: named constants imported from a module were
 * measured a few per cent slower on the per-packet path, so this table is the
 * one place to check the literals against.
 *
 * Connection c, 56 bytes: cf64[c * 7 + i]: 0 startTime, 1 lastTime, 2 deleteAt,
 *   3 attemptAt, 4 partialCloseAt; ci32[c * 14 + i]: 10 flips, 11 histSeen;
 *   cu8[c * 56 + i]: 48 handshakeDone.
 * Endpoint e (2c and 2c + 1, adjacent), 88 bytes: ef64[e * 11 + 0] missedBytes;
 *   eu32[e * 22 + i]: 2 startSeq, 3 lastSeq, 4 ackSeq, 5 finSeq, 6 contig,
 *   7 aheadStart, 8 aheadEnd, 9 rxmtCount, 10 rxmtThreshold, 11 win0Count,
 *   12 win0Threshold, 13 gapCount, 14 gapThreshold; ei32[e * 22 + i]: 15 finCnt,
 *   16 rstCnt, 17 histLastSyn, 18 histLastFin, 19 histLastRst;
 *   eu8/ei8[e * 88 + i]: 80 state, 81 prevState, 82 hasAhead, 83 didClose,
 *   84 windowScale (i8).
 */
export class ZeekColumns {
  private cap = 0;
  private nextSlot = 0;
  private readonly freeSlots: number[] = [];

  // Per connection: flips (role flips so far; the originator is endpoint 2c + (flips & 1)),
  // times, Zeek's timers (deleteAt 0 = not scheduled), handshakeDone and histSeen
  // (history letters already seen: Hist bits, the responder's shifted left 16).
  cf64 = new Float64Array(0);
  ci32 = new Int32Array(0);
  cu8 = new Uint8Array(0);
  /** The history string (one shared string per connection, not a column of bytes: it is what flows keep). */
  histText: string[] = [];

  // Per endpoint. Sequence numbers are unsigned 32-bit; Zeek's ScaledHistoryEntry
  // thresholds reach 10^9 (beyond Int32, below 2^32); missedBytes is this side's share
  // of Zeek's missed_bytes; contig is the sequence number up to which data was seen
  // without a hole, aheadStart/aheadEnd one block beyond a hole (valid when hasAhead).
  ef64 = new Float64Array(0);
  ei32 = new Int32Array(0);
  eu32 = new Uint32Array(0);
  eu8 = new Uint8Array(0);
  ei8 = new Int8Array(0);

  /** A fresh connection slot, every field at its initial value. */
  alloc(ts: number): number {
    const c = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.nextSlot++;
    if (c >= this.cap) this.grow(nextCapacity(this.cap, 1024));
    // Loops, not fill(): a builtin call per slot costs more than the stores.
    for (let i = c * 7; i < c * 7 + 7; i++) this.cf64[i] = 0;
    this.cf64[c * 7 + 0] = ts; // startTime
    this.cf64[c * 7 + 1] = ts; // lastTime
    this.histText[c] = '';
    // Both endpoints (2c, 2c + 1): 22 doubles from 2c * 11; INACTIVE is 0.
    for (let i = c * 22; i < c * 22 + 22; i++) this.ef64[i] = 0;
    for (let e = 2 * c; e <= 2 * c + 1; e++) {
      this.eu32[e * 22 + 10] = 1; // rxmtThreshold
      this.eu32[e * 22 + 12] = 1; // win0Threshold
      this.eu32[e * 22 + 14] = 1; // gapThreshold
    }
    return c;
  }

  /** Gives the slot back (its history string is dropped so the column keeps nothing alive). */
  release(c: number): void {
    this.histText[c] = '';
    this.freeSlots.push(c);
  }

  private grow(n: number): void {
    this.cap = n;
    const cb = new ArrayBuffer(n * 56);
    const cu8 = new Uint8Array(cb);
    cu8.set(this.cu8);
    this.cu8 = cu8;
    this.cf64 = new Float64Array(cb);
    this.ci32 = new Int32Array(cb);
    const eb = new ArrayBuffer(2 * n * 88);
    const eu8 = new Uint8Array(eb);
    eu8.set(this.eu8);
    this.eu8 = eu8;
    this.ei8 = new Int8Array(eb);
    this.ei32 = new Int32Array(eb);
    this.eu32 = new Uint32Array(eb);
    this.ef64 = new Float64Array(eb);
  }
}
