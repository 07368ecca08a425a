import type { Endpoint, Transition } from '../model/flow.js';
import { TcpState } from './states.js';
import { nextState, type TcpEvent } from './transitions.js';

/**
 * One side of a connection: the model's Endpoint (what listeners read) plus
 * the tracker's private bookkeeping, including Wireshark's per-direction
 * sequence analysis state (packet-tcp.c tcp_analyze_seq_info).
 */
export class TrackedEndpoint implements Endpoint {
  ip: string;
  port: number;
  state: TcpState = TcpState.UNKNOWN;
  prevState: TcpState = TcpState.UNKNOWN;
  /**
   * Every state change, two numbers each: ts, then frame * 256 + (from << 4 | to)
   * (exact for frames below 2^45); `trLen` numbers are used. Allocated at the
   * first change with room for four, doubled when full (see `transitions`).
   */
  private tr: number[] | null = null;
  private trLen = 0;
  /** Bit (1 << state) of every state this side entered. */
  reached = 0;
  hasIsn = false;
  private s_isn = 0;
  private s_nextSeq = 0;
  private s_finSeq = 0;
  finSeen = false;
  finAcked = false;
  private s_lastAck = 0;
  ackSeen = false;
  window = 0;
  windowScale = -1;
  packets = 0;
  ipBytes = 0;
  payloadBytes = 0;
  syns = 0;
  synAcks = 0;
  fins = 0;
  rsts = 0;
  retransmissions = 0;
  keepAlives = 0;
  zeroWindows = 0;
  dupAcks = 0;
  dataSegments = 0;
  firstTs = 0;
  lastTs = 0;
  lastFrame = 0;
  zeekBytes = 0;
  missedBytes = 0;

  /** Capture time this side entered TIME_WAIT (-1 = not in it). */
  timeWaitSince = -1;
  /** Whether any packet from this side was captured. */
  seen = false;
  /** Whether nextSeq holds a real value. */
  seqKnown = false;
  /** The peer acknowledged this side's SYN. */
  synAcked = false;
  /** Window-scale option of this side's SYN (-1 = absent); applies only if the peer's SYN carried one too. */
  synWscale = -1;

  // Wireshark's tcp_analyze_seq_info for the direction this side sends in.
  private s_wsNextSeq = 0;
  wsNextSeqTime = 0;
  private s_wsMaxSeqToBeAcked = 0;
  private s_wsLastAck = 0;
  wsLastAckTime = 0;
  /** Last window as sent (scaled); -1 until the first segment. */
  wsWindow = -1;
  wsDupAckNum = 0;
  wsLastSegmentFlags = 0;
  /** The last hole a lost-segment verdict opened, [start, end). */
  private s_wsHoleStart = 0;
  private s_wsHoleEnd = 0;

  constructor(ip: string, port: number) {
    this.ip = ip;
    this.port = port;
  }

  // Sequence numbers are kept as signed 32-bit integers (small integers, never boxed
  // heap numbers) and read back as the unsigned values callers always saw.
  get isn(): number {
    return this.s_isn >>> 0;
  }
  set isn(v: number) {
    this.s_isn = v | 0;
  }
  get nextSeq(): number {
    return this.s_nextSeq >>> 0;
  }
  set nextSeq(v: number) {
    this.s_nextSeq = v | 0;
  }
  get finSeq(): number {
    return this.s_finSeq >>> 0;
  }
  set finSeq(v: number) {
    this.s_finSeq = v | 0;
  }
  get lastAck(): number {
    return this.s_lastAck >>> 0;
  }
  set lastAck(v: number) {
    this.s_lastAck = v | 0;
  }
  get wsNextSeq(): number {
    return this.s_wsNextSeq >>> 0;
  }
  set wsNextSeq(v: number) {
    this.s_wsNextSeq = v | 0;
  }
  get wsMaxSeqToBeAcked(): number {
    return this.s_wsMaxSeqToBeAcked >>> 0;
  }
  set wsMaxSeqToBeAcked(v: number) {
    this.s_wsMaxSeqToBeAcked = v | 0;
  }
  get wsLastAck(): number {
    return this.s_wsLastAck >>> 0;
  }
  set wsLastAck(v: number) {
    this.s_wsLastAck = v | 0;
  }
  get wsHoleStart(): number {
    return this.s_wsHoleStart >>> 0;
  }
  set wsHoleStart(v: number) {
    this.s_wsHoleStart = v | 0;
  }
  get wsHoleEnd(): number {
    return this.s_wsHoleEnd >>> 0;
  }
  set wsHoleEnd(v: number) {
    this.s_wsHoleEnd = v | 0;
  }

  /** Every state change, in order: built on each read from the packed record (one array instead of an object per change). */
  get transitions(): Transition[] {
    const t = this.tr;
    const out: Transition[] = [];
    for (let i = 0; t !== null && i < this.trLen; i += 2) out.push(unpack(t[i]!, t[i + 1]!));
    return out;
  }

  /** The last change into `to` (what lastTransitionTo finds), without building the whole list. */
  lastTransitionTo(to: TcpState): Transition | undefined {
    const t = this.tr;
    if (t === null) return undefined;
    for (let i = this.trLen - 2; i >= 0; i -= 2) if (t[i + 1]! % 16 === to) return unpack(t[i]!, t[i + 1]!);
    return undefined;
  }

  /** @internal setState's record of one change. */
  recordTransition(from: TcpState, to: TcpState, ts: number, frame: number): void {
    let t = this.tr;
    // A literal of doubles: the array is born with unboxed double elements and no spare capacity.
    if (t === null) t = this.tr = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    else if (this.trLen === t.length) t = this.tr = t.concat(t);
    t[this.trLen] = ts;
    t[this.trLen + 1] = frame * 256 + ((from << 4) | to);
    this.trLen += 2;
    this.reached |= 1 << to;
  }
}

function unpack(ts: number, x: number): Transition {
  const ft = x % 256;
  return { from: (ft >> 4) as TcpState, to: (ft & 15) as TcpState, ts, frame: Math.floor(x / 256) };
}

/** The one place an endpoint's state changes: records the previous state and the proving packet. */
export function setState(ep: TrackedEndpoint, to: TcpState, ts: number, frame: number): void {
  if (ep.state === to) return;
  ep.recordTransition(ep.state, to, ts, frame);
  ep.prevState = ep.state;
  ep.state = to;
}

/** Applies `event` through the transition table; returns whether the state changed. */
export function apply(ep: TrackedEndpoint, event: TcpEvent, ts: number, frame: number): boolean {
  const to = nextState(ep.state, event);
  if (to < 0 || to === ep.state) return false;
  setState(ep, to as TcpState, ts, frame);
  return true;
}
