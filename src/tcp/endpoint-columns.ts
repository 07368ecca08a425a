import { nextCapacity } from './column-growth.js';
import { TcpState } from './states.js';

/** Transitions kept in the columns per endpoint; more go to an overflow array. */
export const TR_INLINE = 6;

/** Bytes of one endpoint's record: 24 doubles' worth (3 cache lines). */
export const EP_STRIDE = 192;

/**
 * Where each field of an endpoint record lives, as an index into the view of
 * its type (f64: doubles, i32/u32: 32-bit words, u8/i8: bytes) relative to the
 * record's start in that view (e * 24, e * 48 or e * 192). TrackedEndpoint's
 * accessors use these numbers as literals.
 */
export const EP_FIELD = {
  ipBytes: 0, // f64, byte 0
  payloadBytes: 1, // f64, byte 8
  firstTs: 2, // f64, byte 16
  lastTs: 3, // f64, byte 24
  lastFrame: 4, // f64, byte 32
  wsNextSeqTime: 5, // f64, byte 40
  wsLastAckTime: 6, // f64, byte 48
  timeWaitSince: 7, // f64, byte 56
  zeekBytes: 8, // f64, byte 64
  missedBytes: 9, // f64, byte 72
  packets: 20, // i32, byte 80
  isn: 21, // u32, byte 84
  nextSeq: 22, // u32, byte 88
  lastAck: 23, // u32, byte 92
  window: 24, // i32, byte 96
  wsNextSeq: 25, // u32, byte 100
  wsMaxSeqToBeAcked: 26, // u32, byte 104
  wsLastAck: 27, // u32, byte 108
  wsWindow: 28, // i32, byte 112
  wsDupAckNum: 29, // i32, byte 116
  wsLastSegmentFlags: 30, // i32, byte 120
  syns: 31, // i32, byte 124
  synAcks: 32, // i32, byte 128
  fins: 33, // i32, byte 132
  rsts: 34, // i32, byte 136
  reached: 35, // i32, byte 140
  finSeq: 36, // u32, byte 144
  retransmissions: 37, // i32, byte 148
  keepAlives: 38, // i32, byte 152
  zeroWindows: 39, // i32, byte 156
  dupAcks: 40, // i32, byte 160
  dataSegments: 41, // i32, byte 164
  wsHoleStart: 42, // u32, byte 168
  wsHoleEnd: 43, // u32, byte 172
  state: 176, // u8, byte 176
  prevState: 177, // u8, byte 177
  hasIsn: 178, // u8, byte 178
  finSeen: 179, // u8, byte 179
  finAcked: 180, // u8, byte 180
  ackSeen: 181, // u8, byte 181
  windowScale: 182, // i8, byte 182
  seen: 183, // u8, byte 183
  seqKnown: 184, // u8, byte 184
  synAcked: 185, // u8, byte 185
  synWscale: 186, // i8, byte 186
  trLen: 187, // u8, byte 187
} as const;

/**
 * The tracker's state of every live endpoint (what TrackedEndpoint reads and
 * writes): the RFC 793 state and counters listeners read, the observer's
 * bookkeeping and Wireshark's per-direction sequence analysis (packet-tcp.c
 * tcp_analyze_seq_info). One fixed-size record per endpoint slot in a single
 * ArrayBuffer (array of structs, seen through typed views of each element
 * type): a packet touches its two endpoints' three cache lines each instead of
 * one line per field in some fifty separate columns, and the garbage collector
 * sees numbers, no objects. Slots come from a free list; the buffer grows by
 * one copy when full.
 */
export class EndpointColumns {
  private cap = 0;
  private nextSlot = 0;
  private readonly freeSlots: number[] = [];

  f64 = new Float64Array(0);
  i32 = new Int32Array(0);
  u32 = new Uint32Array(0);
  u8 = new Uint8Array(0);
  i8 = new Int8Array(0);
  /** Transitions, TR_INLINE per endpoint: the time, and frame * 256 + (from << 4 | to). */
  trTs = new Float64Array(0);
  trX = new Float64Array(0);
  /** Endpoints with more than TR_INLINE transitions: the rest, packed the same way (ts, x, ts, x ...). */
  readonly trMore = new Map<number, number[]>();

  /** A fresh endpoint slot, every field at its initial value. */
  alloc(): number {
    const e = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.nextSlot++;
    if (e >= this.cap) this.grow(nextCapacity(this.cap, 2048));
    this.f64.fill(0, e * 24, e * 24 + 24);
    this.f64[e * 24 + 7] = -1; // timeWaitSince
    this.i32[e * 48 + 28] = -1; // wsWindow
    this.u8[e * 192 + 176] = TcpState.UNKNOWN; // state
    this.u8[e * 192 + 177] = TcpState.UNKNOWN; // prevState
    this.i8[e * 192 + 182] = -1; // windowScale
    this.i8[e * 192 + 186] = -1; // synWscale
    return e;
  }

  release(e: number): void {
    if (this.u8[e * EP_STRIDE + EP_FIELD.trLen]! > TR_INLINE) this.trMore.delete(e);
    this.freeSlots.push(e);
  }

  private grow(n: number): void {
    this.cap = n;
    const buf = new ArrayBuffer(n * EP_STRIDE);
    const u8 = new Uint8Array(buf);
    u8.set(this.u8);
    this.u8 = u8;
    this.i8 = new Int8Array(buf);
    this.i32 = new Int32Array(buf);
    this.u32 = new Uint32Array(buf);
    this.f64 = new Float64Array(buf);
    const trTs = new Float64Array(n * TR_INLINE);
    trTs.set(this.trTs);
    this.trTs = trTs;
    const trX = new Float64Array(n * TR_INLINE);
    trX.set(this.trX);
    this.trX = trX;
  }
}
