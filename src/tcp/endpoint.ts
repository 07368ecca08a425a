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
  transitions: Transition[] = [];
  hasIsn = false;
  isn = 0;
  nextSeq = 0;
  finSeq = 0;
  finSeen = false;
  finAcked = false;
  lastAck = 0;
  ackSeen = false;
  window = 0;
  windowScale = -1;
  packets = 0;
  ipBytes = 0;
  payloadBytes = 0;
  syns = 0;
  fins = 0;
  rsts = 0;
  retransmissions = 0;
  keepAlives = 0;
  zeroWindows = 0;
  dupAcks = 0;
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
  wsNextSeq = 0;
  wsNextSeqTime = 0;
  wsMaxSeqToBeAcked = 0;
  wsLastAck = 0;
  wsLastAckTime = 0;
  /** Last window as sent (scaled); -1 until the first segment. */
  wsWindow = -1;
  wsDupAckNum = 0;
  wsLastSegmentFlags = 0;
  /** The last hole a lost-segment verdict opened, [start, end). */
  wsHoleStart = 0;
  wsHoleEnd = 0;

  constructor(ip: string, port: number) {
    this.ip = ip;
    this.port = port;
  }
}

/** The one place an endpoint's state changes: records the previous state and the proving packet. */
export function setState(ep: TrackedEndpoint, to: TcpState, ts: number, frame: number): void {
  if (ep.state === to) return;
  ep.transitions.push({ from: ep.state, to, ts, frame });
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
