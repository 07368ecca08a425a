import { grow, nextCapacity } from './column-growth.js';
import { TcpState } from './states.js';

/** Transitions kept in the columns per endpoint; more go to an overflow array. */
export const TR_INLINE = 6;

/**
 * The tracker's state of every live endpoint (what TrackedEndpoint reads and
 * writes), as typed-array columns indexed by an endpoint slot: the RFC 793
 * state and counters listeners read, the observer's bookkeeping and
 * Wireshark's per-direction sequence analysis (packet-tcp.c
 * tcp_analyze_seq_info). Numbers in columns are no objects for the garbage
 * collector to walk; slots come from a free list; columns double when full.
 */
export class EndpointColumns {
  private cap = 0;
  private nextSlot = 0;
  private readonly freeSlots: number[] = [];

  state = new Uint8Array(0);
  prevState = new Uint8Array(0);
  /** Bit (1 << state) of every state this side entered. */
  reached = new Int32Array(0);
  hasIsn = new Uint8Array(0);
  isn = new Uint32Array(0);
  nextSeq = new Uint32Array(0);
  finSeq = new Uint32Array(0);
  finSeen = new Uint8Array(0);
  finAcked = new Uint8Array(0);
  lastAck = new Uint32Array(0);
  ackSeen = new Uint8Array(0);
  window = new Int32Array(0);
  windowScale = new Int8Array(0);
  packets = new Int32Array(0);
  ipBytes = new Float64Array(0);
  payloadBytes = new Float64Array(0);
  syns = new Int32Array(0);
  synAcks = new Int32Array(0);
  fins = new Int32Array(0);
  rsts = new Int32Array(0);
  retransmissions = new Int32Array(0);
  keepAlives = new Int32Array(0);
  zeroWindows = new Int32Array(0);
  dupAcks = new Int32Array(0);
  dataSegments = new Int32Array(0);
  firstTs = new Float64Array(0);
  lastTs = new Float64Array(0);
  lastFrame = new Float64Array(0);
  zeekBytes = new Float64Array(0);
  missedBytes = new Float64Array(0);
  /** Capture time this side entered TIME_WAIT (-1 = not in it). */
  timeWaitSince = new Float64Array(0);
  /** Whether any packet from this side was captured. */
  seen = new Uint8Array(0);
  /** Whether nextSeq holds a real value. */
  seqKnown = new Uint8Array(0);
  /** The peer acknowledged this side's SYN. */
  synAcked = new Uint8Array(0);
  /** Window-scale option of this side's SYN (-1 = absent); applies only if the peer's SYN carried one too. */
  synWscale = new Int8Array(0);
  wsNextSeq = new Uint32Array(0);
  wsNextSeqTime = new Float64Array(0);
  wsMaxSeqToBeAcked = new Uint32Array(0);
  wsLastAck = new Uint32Array(0);
  wsLastAckTime = new Float64Array(0);
  /** Last window as sent (scaled); -1 until the first segment. */
  wsWindow = new Int32Array(0);
  wsDupAckNum = new Int32Array(0);
  wsLastSegmentFlags = new Int32Array(0);
  /** The last hole a lost-segment verdict opened, [start, end). */
  wsHoleStart = new Uint32Array(0);
  wsHoleEnd = new Uint32Array(0);
  /** Transitions recorded (see trTs / trX). */
  trLen = new Uint8Array(0);
  /** Transitions, TR_INLINE per endpoint: the time, and frame * 256 + (from << 4 | to). */
  trTs = new Float64Array(0);
  trX = new Float64Array(0);
  /** Endpoints with more than TR_INLINE transitions: the rest, packed the same way (ts, x, ts, x ...). */
  readonly trMore = new Map<number, number[]>();

  /** A fresh endpoint slot, every column at its initial value. */
  alloc(): number {
    const e = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.nextSlot++;
    if (e >= this.cap) this.grow(nextCapacity(this.cap, 2048));
    this.state[e] = TcpState.UNKNOWN;
    this.prevState[e] = TcpState.UNKNOWN;
    this.reached[e] = 0;
    this.hasIsn[e] = 0;
    this.isn[e] = 0;
    this.nextSeq[e] = 0;
    this.finSeq[e] = 0;
    this.finSeen[e] = 0;
    this.finAcked[e] = 0;
    this.lastAck[e] = 0;
    this.ackSeen[e] = 0;
    this.window[e] = 0;
    this.windowScale[e] = -1;
    this.packets[e] = 0;
    this.ipBytes[e] = 0;
    this.payloadBytes[e] = 0;
    this.syns[e] = 0;
    this.synAcks[e] = 0;
    this.fins[e] = 0;
    this.rsts[e] = 0;
    this.retransmissions[e] = 0;
    this.keepAlives[e] = 0;
    this.zeroWindows[e] = 0;
    this.dupAcks[e] = 0;
    this.dataSegments[e] = 0;
    this.firstTs[e] = 0;
    this.lastTs[e] = 0;
    this.lastFrame[e] = 0;
    this.zeekBytes[e] = 0;
    this.missedBytes[e] = 0;
    this.timeWaitSince[e] = -1;
    this.seen[e] = 0;
    this.seqKnown[e] = 0;
    this.synAcked[e] = 0;
    this.synWscale[e] = -1;
    this.wsNextSeq[e] = 0;
    this.wsNextSeqTime[e] = 0;
    this.wsMaxSeqToBeAcked[e] = 0;
    this.wsLastAck[e] = 0;
    this.wsLastAckTime[e] = 0;
    this.wsWindow[e] = -1;
    this.wsDupAckNum[e] = 0;
    this.wsLastSegmentFlags[e] = 0;
    this.wsHoleStart[e] = 0;
    this.wsHoleEnd[e] = 0;
    this.trLen[e] = 0;
    return e;
  }

  release(e: number): void {
    if (this.trLen[e]! > TR_INLINE) this.trMore.delete(e);
    this.freeSlots.push(e);
  }

  private grow(n: number): void {
    this.cap = n;
    this.state = grow(this.state, new Uint8Array(n));
    this.prevState = grow(this.prevState, new Uint8Array(n));
    this.reached = grow(this.reached, new Int32Array(n));
    this.hasIsn = grow(this.hasIsn, new Uint8Array(n));
    this.isn = grow(this.isn, new Uint32Array(n));
    this.nextSeq = grow(this.nextSeq, new Uint32Array(n));
    this.finSeq = grow(this.finSeq, new Uint32Array(n));
    this.finSeen = grow(this.finSeen, new Uint8Array(n));
    this.finAcked = grow(this.finAcked, new Uint8Array(n));
    this.lastAck = grow(this.lastAck, new Uint32Array(n));
    this.ackSeen = grow(this.ackSeen, new Uint8Array(n));
    this.window = grow(this.window, new Int32Array(n));
    this.windowScale = grow(this.windowScale, new Int8Array(n));
    this.packets = grow(this.packets, new Int32Array(n));
    this.ipBytes = grow(this.ipBytes, new Float64Array(n));
    this.payloadBytes = grow(this.payloadBytes, new Float64Array(n));
    this.syns = grow(this.syns, new Int32Array(n));
    this.synAcks = grow(this.synAcks, new Int32Array(n));
    this.fins = grow(this.fins, new Int32Array(n));
    this.rsts = grow(this.rsts, new Int32Array(n));
    this.retransmissions = grow(this.retransmissions, new Int32Array(n));
    this.keepAlives = grow(this.keepAlives, new Int32Array(n));
    this.zeroWindows = grow(this.zeroWindows, new Int32Array(n));
    this.dupAcks = grow(this.dupAcks, new Int32Array(n));
    this.dataSegments = grow(this.dataSegments, new Int32Array(n));
    this.firstTs = grow(this.firstTs, new Float64Array(n));
    this.lastTs = grow(this.lastTs, new Float64Array(n));
    this.lastFrame = grow(this.lastFrame, new Float64Array(n));
    this.zeekBytes = grow(this.zeekBytes, new Float64Array(n));
    this.missedBytes = grow(this.missedBytes, new Float64Array(n));
    this.timeWaitSince = grow(this.timeWaitSince, new Float64Array(n));
    this.seen = grow(this.seen, new Uint8Array(n));
    this.seqKnown = grow(this.seqKnown, new Uint8Array(n));
    this.synAcked = grow(this.synAcked, new Uint8Array(n));
    this.synWscale = grow(this.synWscale, new Int8Array(n));
    this.wsNextSeq = grow(this.wsNextSeq, new Uint32Array(n));
    this.wsNextSeqTime = grow(this.wsNextSeqTime, new Float64Array(n));
    this.wsMaxSeqToBeAcked = grow(this.wsMaxSeqToBeAcked, new Uint32Array(n));
    this.wsLastAck = grow(this.wsLastAck, new Uint32Array(n));
    this.wsLastAckTime = grow(this.wsLastAckTime, new Float64Array(n));
    this.wsWindow = grow(this.wsWindow, new Int32Array(n));
    this.wsDupAckNum = grow(this.wsDupAckNum, new Int32Array(n));
    this.wsLastSegmentFlags = grow(this.wsLastSegmentFlags, new Int32Array(n));
    this.wsHoleStart = grow(this.wsHoleStart, new Uint32Array(n));
    this.wsHoleEnd = grow(this.wsHoleEnd, new Uint32Array(n));
    this.trLen = grow(this.trLen, new Uint8Array(n));
    this.trTs = grow(this.trTs, new Float64Array(n * TR_INLINE));
    this.trX = grow(this.trX, new Float64Array(n * TR_INLINE));
  }
}
