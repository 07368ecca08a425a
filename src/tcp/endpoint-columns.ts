import { PAGE_BITS, PAGE_SLOTS, PagedSlots } from './paged-slots.js';
import { TcpState } from './states.js';
import type { TrackedEndpoint } from './endpoint.js';

/** Transitions kept in the columns per endpoint; more go to an overflow array. */
export const TR_INLINE = 6;

/** Bytes of one endpoint's record: 24 doubles' worth (3 cache lines). */
export const EP_STRIDE = 192;

/**
 * Where each field of an endpoint record lives, as an index into the view of
 * its type (f64: doubles, i32/u32: 32-bit words, u8/i8: bytes) relative to the
 * record's start in that view of its page (e * 24, e * 48 or e * 192, e the
 * record's index in its page). TrackedEndpoint's accessors use these numbers
 * as literals.
 */
export const EP_FIELD = {
  // Line 1 (bytes 0-63): what nearly every segment reads or writes.
  state: 0, // u8, byte 0
  prevState: 1, // u8, byte 1
  hasIsn: 2, // u8, byte 2
  finSeen: 3, // u8, byte 3
  finAcked: 4, // u8, byte 4
  ackSeen: 5, // u8, byte 5
  windowScale: 6, // i8, byte 6
  seen: 7, // u8, byte 7
  seqKnown: 8, // u8, byte 8
  synAcked: 9, // u8, byte 9
  synWscale: 10, // i8, byte 10
  trLen: 11, // u8, byte 11
  packets: 4, // i32, byte 16
  isn: 5, // u32, byte 20
  nextSeq: 6, // u32, byte 24
  lastAck: 7, // u32, byte 28
  window: 8, // i32, byte 32
  wsNextSeq: 9, // u32, byte 36
  wsMaxSeqToBeAcked: 10, // u32, byte 40
  wsLastAck: 11, // u32, byte 44
  wsWindow: 12, // i32, byte 48
  wsDupAckNum: 13, // i32, byte 52
  wsLastSegmentFlags: 14, // i32, byte 56
  dataSegments: 15, // i32, byte 60
  // Line 2 (bytes 64-127): the sender's counters and times.
  lastTs: 8, // f64, byte 64
  lastFrame: 9, // f64, byte 72
  ipBytes: 10, // f64, byte 80
  payloadBytes: 11, // f64, byte 88
  wsNextSeqTime: 12, // f64, byte 96
  wsLastAckTime: 13, // f64, byte 104
  wsHoleStart: 28, // u32, byte 112
  wsHoleEnd: 29, // u32, byte 116
  retransmissions: 30, // i32, byte 120
  dupAcks: 31, // i32, byte 124
  // Line 3 (bytes 128-191): written on a flow's first packet, on SYN/FIN/RST, or at its end.
  firstTs: 16, // f64, byte 128
  timeWaitSince: 17, // f64, byte 136
  zeekBytes: 18, // f64, byte 144
  missedBytes: 19, // f64, byte 152
  syns: 40, // i32, byte 160
  synAcks: 41, // i32, byte 164
  fins: 42, // i32, byte 168
  rsts: 43, // i32, byte 172
  reached: 44, // i32, byte 176
  finSeq: 45, // u32, byte 180
  keepAlives: 46, // i32, byte 184
  zeroWindows: 47, // i32, byte 188
} as const;

/**
 * PAGE_SLOTS endpoint records in one ArrayBuffer, seen through typed views of
 * each element type, and their inline transitions (see PagedSlots).
 */
export class EndpointPage {
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
  /** Transitions, TR_INLINE per endpoint: the time, and frame * 256 + (from << 4 | to). */
  readonly trTs = new Float64Array(PAGE_SLOTS * TR_INLINE);
  readonly trX = new Float64Array(PAGE_SLOTS * TR_INLINE);

  constructor(readonly cols: EndpointColumns) {
    const buf = new ArrayBuffer(PAGE_SLOTS * EP_STRIDE);
    this.f64 = new Float64Array(buf);
    this.i32 = new Int32Array(buf);
    this.u32 = new Uint32Array(buf);
    this.u8 = new Uint8Array(buf);
    this.i8 = new Int8Array(buf);
  }
}

/**
 * The tracker's state of every live endpoint (what TrackedEndpoint reads and
 * writes): the RFC 793 state and counters listeners read, the observer's
 * bookkeeping and Wireshark's per-direction sequence analysis (packet-tcp.c
 * tcp_analyze_seq_info). One fixed-size record per endpoint slot (array of
 * structs, in pages): a packet touches its two endpoints' three cache lines
 * each instead of one line per field in some fifty separate columns, and the
 * garbage collector sees numbers, no objects. Slots come from a free list;
 * a new page is added when all are taken.
 */
export class EndpointColumns {
  private readonly slots = new PagedSlots(() => new EndpointPage(this));
  private readonly pages = this.slots.pages;
  /** Endpoints with more than TR_INLINE transitions, by slot: the rest, packed the same way (ts, x, ts, x ...). */
  readonly trMore = new Map<number, number[]>();
  /**
   * Ended flows' endpoints, each still viewing its slot, for the next flows
   * (takeEndpoint): a new object per endpoint was garbage in the old
   * generation by the time its flow ended, half a million at once.
   */
  readonly idle: TrackedEndpoint[] = [];

  /** A fresh endpoint slot, every field at its initial value. */
  alloc(): number {
    const s = this.slots.take();
    this.init(s);
    return s;
  }

  /** Sets every field of slot `s` to its initial value. */
  init(s: number): void {
    const p = this.pages[s >> PAGE_BITS]!;
    const e = s & (PAGE_SLOTS - 1);
    // A loop, not fill(): a builtin call per slot costs more than the 24 stores.
    for (let i = e * 24; i < e * 24 + 24; i++) p.f64[i] = 0;
    p.f64[e * 24 + 17] = -1; // timeWaitSince
    p.i32[e * 48 + 12] = -1; // wsWindow
    p.u8[e * 192 + 0] = TcpState.UNKNOWN; // state
    p.u8[e * 192 + 1] = TcpState.UNKNOWN; // prevState
    p.i8[e * 192 + 6] = -1; // windowScale
    p.i8[e * 192 + 10] = -1; // synWscale
  }

  /** The page holding slot `s`. */
  page(s: number): EndpointPage {
    return this.pages[s >> PAGE_BITS]!;
  }

  /** Slot `s`'s record is done with: its transitions past the inline ones go. */
  clearOverflow(s: number): void {
    const p = this.pages[s >> PAGE_BITS]!;
    if (p.u8[(s & (PAGE_SLOTS - 1)) * EP_STRIDE + EP_FIELD.trLen]! > TR_INLINE) this.trMore.delete(s);
  }
}
