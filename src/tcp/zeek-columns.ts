import { PAGE_BITS, PAGE_SLOTS, PagedSlots } from './paged-slots.js';

/*
 * Record layout. Accessors index the views with literal numbers, the field
 * named in a comment beside each: named constants imported from a module were
 * measured a few per cent slower on the per-packet path, so this table is the
 * one place to check the literals against. Indices are the connection's (c)
 * and its endpoints' (e) within their page.
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

/**
 * PAGE_SLOTS connections' Zeek records (ZeekConn) and their endpoints'
 * (TCP_Endpoint), as typed-array views of two buffers: connection c of the
 * page owns its endpoints 2c and 2c + 1 (see PagedSlots).
 */
export class ZeekPage {
  // Per connection: flips (role flips so far; the originator is endpoint 2c + (flips & 1)),
  // times, Zeek's timers (deleteAt 0 = not scheduled), handshakeDone and histSeen
  // (history letters already seen: Hist bits, the responder's shifted left 16).
  readonly cf64: Float64Array;
  readonly ci32: Int32Array;
  readonly cu8: Uint8Array;
  /** The history string (one shared string per connection, not a column of bytes: it is what flows keep). */
  readonly histText: string[] = new Array<string>(PAGE_SLOTS).fill('');

  // Per endpoint. Sequence numbers are unsigned 32-bit; Zeek's ScaledHistoryEntry
  // thresholds reach 10^9 (beyond Int32, below 2^32); missedBytes is this side's share
  // of Zeek's missed_bytes; contig is the sequence number up to which data was seen
  // without a hole, aheadStart/aheadEnd one block beyond a hole (valid when hasAhead).
  readonly ef64: Float64Array;
  readonly ei32: Int32Array;
  readonly eu32: Uint32Array;
  readonly eu8: Uint8Array;
  readonly ei8: Int8Array;

  constructor() {
    const cb = new ArrayBuffer(PAGE_SLOTS * 56);
    this.cf64 = new Float64Array(cb);
    this.ci32 = new Int32Array(cb);
    this.cu8 = new Uint8Array(cb);
    const eb = new ArrayBuffer(2 * PAGE_SLOTS * 88);
    this.ef64 = new Float64Array(eb);
    this.ei32 = new Int32Array(eb);
    this.eu32 = new Uint32Array(eb);
    this.eu8 = new Uint8Array(eb);
    this.ei8 = new Int8Array(eb);
  }
}

/**
 * Zeek's per-connection model (ZeekConn) and per-side model (TCP_Endpoint) for
 * every open connection, in pages of typed arrays: three objects and a dozen
 * boxed doubles per open connection become a few bytes in arrays the garbage
 * collector never walks. Slots come from a free list; a page is added when
 * all are taken.
 */
export class ZeekColumns {
  private readonly slots = new PagedSlots(() => new ZeekPage());
  private readonly pages = this.slots.pages;

  /** The page holding connection slot `c`. */
  page(c: number): ZeekPage {
    return this.pages[c >> PAGE_BITS]!;
  }

  /** A fresh connection slot, every field at its initial value. */
  alloc(ts: number): number {
    const s = this.slots.take();
    const z = this.pages[s >> PAGE_BITS]!;
    const c = s & (PAGE_SLOTS - 1);
    // Loops, not fill(): a builtin call per slot costs more than the stores.
    for (let i = c * 7; i < c * 7 + 7; i++) z.cf64[i] = 0;
    z.cf64[c * 7 + 0] = ts; // startTime
    z.cf64[c * 7 + 1] = ts; // lastTime
    z.histText[c] = '';
    // Both endpoints (2c, 2c + 1): 22 doubles from 2c * 11; INACTIVE is 0.
    for (let i = c * 22; i < c * 22 + 22; i++) z.ef64[i] = 0;
    for (let e = 2 * c; e <= 2 * c + 1; e++) {
      z.eu32[e * 22 + 10] = 1; // rxmtThreshold
      z.eu32[e * 22 + 12] = 1; // win0Threshold
      z.eu32[e * 22 + 14] = 1; // gapThreshold
    }
    return s;
  }

  /** Gives the slot back (its history string is dropped so the page keeps nothing alive). */
  release(s: number): void {
    this.pages[s >> PAGE_BITS]!.histText[s & (PAGE_SLOTS - 1)] = '';
    this.slots.give(s);
  }
}
