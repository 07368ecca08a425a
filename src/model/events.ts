import type { PacketClock } from './clock.js';
import type { Flow } from './flow.js';
import type { TcpState } from './tcp-state.js';

/**
 * Wireshark's tcp.analysis.* verdicts for one segment (tshark's definitions,
 * doc/wsug_src/wsug_advanced.adoc "TCP Analysis"), as bits.
 */
export const Analysis = {
  RETRANSMISSION: 1 << 0,
  FAST_RETRANSMISSION: 1 << 1,
  SPURIOUS_RETRANSMISSION: 1 << 2,
  OUT_OF_ORDER: 1 << 3,
  /** Previous segment not captured: a gap in this side's sequence space. */
  LOST_SEGMENT: 1 << 4,
  /** ACKed segment that wasn't captured. */
  ACK_LOST_SEGMENT: 1 << 5,
  DUP_ACK: 1 << 6,
  ZERO_WINDOW: 1 << 7,
  ZERO_WINDOW_PROBE: 1 << 8,
  ZERO_WINDOW_PROBE_ACK: 1 << 9,
  WINDOW_FULL: 1 << 10,
  WINDOW_UPDATE: 1 << 11,
  KEEP_ALIVE: 1 << 12,
  KEEP_ALIVE_ACK: 1 << 13,
  /** A SYN on a 4-tuple whose previous connection is still in TIME_WAIT. */
  REUSED_PORTS: 1 << 14,
  /** An RST outside the receiver's window: recorded, not obeyed. */
  RST_OUT_OF_WINDOW: 1 << 15,
} as const;

/**
 * One TCP segment as the tracker saw it, after both endpoints were updated.
 * The tracker reuses one instance for every packet: copy what you keep.
 */
export interface SegmentEvent {
  flow: Flow;
  /** Sent by the flow's client (originator). */
  fromClient: boolean;
  frame: number;
  ts: number;
  /** TcpFlag bits. */
  flags: number;
  /** Sequence and acknowledgement numbers relative to each side's ISN (raw if the ISN was not seen). */
  relSeq: number;
  relAck: number;
  payloadLen: number;
  /** Advertised window, scaled. */
  window: number;
  /** Analysis bits. */
  analysis: number;
  /** Both sides' states before and after this segment. */
  clientBefore: TcpState;
  serverBefore: TcpState;
  clientAfter: TcpState;
  serverAfter: TcpState;
}

/**
 * What a segment is "about", beyond its analysis bits (which take the low 16
 * bits of the same mask): the tracker computes this mask once per segment and
 * calls a listener's segment() only when it intersects the listener's
 * `interest` (see TrackerListener). Most packets are plain data or ACKs with
 * none of these bits: they reach no detector.
 */
export const Interest = {
  /** No segment by itself: for a listener that asks through `states`, `enters` or `watchBit` alone. */
  NONE: 0,
  /** Any Analysis bit: Analysis.* values are used as they are. */
  ANALYSIS: 0xffff,
  SYN: 1 << 16,
  FIN: 1 << 17,
  RST: 1 << 18,
  /** Either side's state changed on this segment. */
  STATE_CHANGE: 1 << 19,
  /** Advertised window 0. */
  ZERO_WINDOW: 1 << 20,
  /** Payload bytes > 0. */
  DATA: 1 << 21,
  /** Set on every segment. */
  ANY: 1 << 30,
  /** Everything: a listener without `interest` gets every segment. */
  ALL: -1,
} as const;

/** Bit of a TcpState in `TrackerListener.states` and `enters` masks. */
export function stateBit(s: TcpState): number {
  return 1 << s;
}

/** What detectors and collectors receive from the tracker. */
export interface TrackerListener {
  /**
   * Which segments segment() needs (Interest/Analysis bits); absent = all.
   * A filter only: segment() must do nothing on a segment outside it, so that
   * calling it on every segment (as tests do) gives the same result.
   */
  readonly interest?: number;
  /** Also every segment on which either side was, before it, in one of these states (stateBit masks). */
  readonly states?: number;
  /**
   * Also every segment on which a side entered one of these states (stateBit
   * masks): narrower than Interest.STATE_CHANGE, which every handshake and
   * close sets several times per connection.
   */
  readonly enters?: number;
  /**
   * Also every segment of a flow whose `watch` mask has this bit: a detector
   * with notes on a flow sets the bit (watchFlow) to see all its segments
   * and clears it (unwatchFlow) when the notes go. One distinct bit per listener.
   */
  readonly watchBit?: number;
  /**
   * The listener calls keepFlow on every flow it holds or reads after that
   * flow's flowEnd returns: when every listener marks its flows, a flow none
   * kept gives its objects to a later connection (another id, other sides).
   * Without it the tracker assumes any listener may keep any flow, and
   * copies both sides of every ending flow for it.
   */
  readonly marksKept?: boolean;
  /**
   * A packet of a flow, in capture order. Until its flowEnd a flow is known
   * by its id, not by the object: one that is only a handshake so far (SYNs
   * and SYN+ACKs without payload, no analysis bit) is parked when idle and
   * rebuilt later as another object with the same id, state, watch and
   * synDestination. A listener that holds the object itself before flowEnd
   * calls keepFlow on it first: kept flows are never parked.
   */
  segment?(ev: SegmentEvent): void;
  /** A new connection incarnation (its first packet follows as a segment). */
  flowStart?(flow: Flow): void;
  /**
   * A connection left the table: closed and past TIME_WAIT, evicted, or the
   * capture ended (`atCaptureEnd`). The flow is final; listeners may keep it
   * (with marksKept, only the flows they keepFlow).
   */
  flowEnd?(flow: Flow, atCaptureEnd: boolean): void;
  /**
   * The flow left the table with a side still in TIME_WAIT: no segment of it
   * follows, and its flowEnd comes when that TIME_WAIT ends (2·MSL of capture
   * time) or the capture does. Until then only a timer changes it (TIME_WAIT →
   * CLOSED): notes that only a segment could still change may be settled now
   * rather than held for a minute.
   */
  flowLingers?(flow: Flow): void;
  /** Capture time advanced to `ts` (called once per packet, before segment): lets timers fire on packet time. */
  tick?(ts: number): void;
  /**
   * The tracker's clock, handed over once when the tracker is built: for a
   * listener that needs the packet time only now and then, at no cost per packet.
   */
  useClock?(clock: PacketClock): void;
}

/** Watch bits of the detectors that follow particular flows packet by packet (TrackerListener.watchBit). */
export const WatchBit = {
  HALF_OPEN: 1 << 0,
  SYN_UNANSWERED: 1 << 1,
  ZERO_WINDOW_STALL: 1 << 2,
  KEEPALIVE_DEAD_PEER: 1 << 3,
} as const;

/**
 * Flow.explained: a side kept retransmitting to a peer that vanished
 * (half-open), a side's RST was it giving up on a dead peer (half-open,
 * keepalive-dead-peer), a side's CLOSE_WAIT is reported (close-wait-stuck).
 * Per side: the client's bit, shifted left once for the server.
 */
export const Explained = {
  GAVE_UP_ON_PEER: 1 << 0,
  RST_FOR_DEAD_PEER: 1 << 2,
  CLOSE_WAIT_REPORTED: 1 << 4,
} as const;

/** Marks what a detector reports of `client`'s (or the server's) side of the flow. */
export function explain(flow: Flow, bit: number, client: boolean): void {
  flow.explained = (flow.explained ?? 0) | (client ? bit : bit << 1);
}

/** Whether `explain(flow, bit, client)` was called. */
export function explained(flow: Flow, bit: number, client: boolean): boolean {
  return ((flow.explained ?? 0) & (client ? bit : bit << 1)) !== 0;
}

/** Makes the tracker deliver every segment of `flow` to the listener owning `bit`. */
export function watchFlow(flow: Flow, bit: number): void {
  flow.watch = (flow.watch ?? 0) | bit;
}

/** Tells the tracker that a listener holds `flow` after it ends (TrackerListener.marksKept): call it before flowEnd returns. */
export function keepFlow(flow: Flow): void {
  flow.kept = true;
}

export function unwatchFlow(flow: Flow, bit: number): void {
  if (flow.watch !== undefined) flow.watch &= ~bit;
}
