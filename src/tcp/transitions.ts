import { TcpState } from './states.js';

/**
 * What the observer saw that may move one endpoint ("this side"), named from
 * that endpoint's point of view. The tracker turns each packet into at most a
 * few of these, for the sender and for the receiver.
 */
export const TcpEvent = {
  /** This side sent a SYN without ACK (not a retransmission). */
  SEND_SYN: 0,
  /** This side sent a SYN+ACK (not a retransmission). */
  SEND_SYN_ACK: 1,
  /** This side sent a non-SYN segment whose ACK covers the peer's SYN. */
  SEND_ACK_OF_SYN: 2,
  /** The peer acknowledged this side's SYN. */
  SYN_ACKED: 3,
  /** This side sent a FIN (not a retransmission). */
  SEND_FIN: 4,
  /** This side's ACK covers the peer's FIN: its own reply proves it received the FIN. */
  SEND_ACK_OF_FIN: 5,
  /** The peer's ACK covers this side's FIN. */
  FIN_ACKED: 6,
  /** An acceptable (in-window) RST, sent or received by this side. */
  RST: 7,
  /** 2·MSL of capture time passed in TIME_WAIT. */
  TIMEOUT: 8,
  /** First packet from this side carries no SYN: the capture began mid-connection. */
  MIDSTREAM: 9,
} as const;
export type TcpEvent = (typeof TcpEvent)[keyof typeof TcpEvent];

export const EVENT_NAMES = [
  'SEND_SYN',
  'SEND_SYN_ACK',
  'SEND_ACK_OF_SYN',
  'SYN_ACKED',
  'SEND_FIN',
  'SEND_ACK_OF_FIN',
  'FIN_ACKED',
  'RST',
  'TIMEOUT',
  'MIDSTREAM',
] as const;

export interface TransitionRule {
  from: TcpState;
  on: TcpEvent;
  to: TcpState;
  rule: string;
}

const S = TcpState;
const E = TcpEvent;

/**
 * Every RFC 793 transition the observer can prove, in one place. A (state,
 * event) pair absent from this table changes nothing (e.g. a SYN_SENT side
 * whose SYN was acked stays SYN_SENT until its own ACK shows it received the
 * SYN+ACK).
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  // Active open: a bare SYN from a side with no connection.
  { from: S.UNKNOWN, on: E.SEND_SYN, to: S.SYN_SENT, rule: 'a bare SYN opens actively' },
  { from: S.CLOSED, on: E.SEND_SYN, to: S.SYN_SENT, rule: 'a closed socket reconnects with a new SYN' },
  { from: S.LISTEN, on: E.SEND_SYN, to: S.SYN_SENT, rule: 'a listener may connect out (RFC 793 p.54)' },
  { from: S.TIME_WAIT, on: E.SEND_SYN, to: S.SYN_SENT, rule: 'a SYN in TIME_WAIT reuses the 4-tuple' },
  // Passive open: the SYN+ACK proves the SYN arrived.
  { from: S.UNKNOWN, on: E.SEND_SYN_ACK, to: S.SYN_RCVD, rule: 'a SYN+ACK answers a received SYN' },
  { from: S.LISTEN, on: E.SEND_SYN_ACK, to: S.SYN_RCVD, rule: 'a listener answers a SYN' },
  { from: S.CLOSED, on: E.SEND_SYN_ACK, to: S.SYN_RCVD, rule: 'a SYN+ACK after a reset answers a new SYN' },
  // Simultaneous open: a side that sent a SYN answers the peer's SYN.
  { from: S.SYN_SENT, on: E.SEND_SYN_ACK, to: S.SYN_RCVD, rule: 'simultaneous open: SYN_SENT receives a SYN' },
  // Handshake completion.
  { from: S.SYN_SENT, on: E.SEND_ACK_OF_SYN, to: S.ESTABLISHED, rule: 'the active opener acks the SYN+ACK' },
  { from: S.SYN_RCVD, on: E.SEND_ACK_OF_SYN, to: S.ESTABLISHED, rule: 'a SYN_RCVD side acking again has its handshake done' },
  { from: S.SYN_RCVD, on: E.SYN_ACKED, to: S.ESTABLISHED, rule: 'the ACK of its SYN completes the passive open' },
  { from: S.UNKNOWN, on: E.MIDSTREAM, to: S.ESTABLISHED, rule: 'traffic without a handshake: assume ESTABLISHED (partial)' },
  // Closing, active side.
  { from: S.ESTABLISHED, on: E.SEND_FIN, to: S.FIN_WAIT_1, rule: 'close() on an established connection' },
  { from: S.SYN_RCVD, on: E.SEND_FIN, to: S.FIN_WAIT_1, rule: 'close() before the handshake completed (RFC 793 p.60)' },
  { from: S.FIN_WAIT_1, on: E.FIN_ACKED, to: S.FIN_WAIT_2, rule: 'its FIN acked, the peer has not closed' },
  { from: S.FIN_WAIT_1, on: E.SEND_ACK_OF_FIN, to: S.CLOSING, rule: 'simultaneous close: the peer FIN came before the ACK of ours' },
  { from: S.FIN_WAIT_2, on: E.SEND_ACK_OF_FIN, to: S.TIME_WAIT, rule: 'acks the peer FIN after its own FIN was acked' },
  { from: S.CLOSING, on: E.FIN_ACKED, to: S.TIME_WAIT, rule: 'simultaneous close: its FIN finally acked' },
  { from: S.TIME_WAIT, on: E.TIMEOUT, to: S.CLOSED, rule: '2·MSL elapsed' },
  // Closing, passive side.
  { from: S.ESTABLISHED, on: E.SEND_ACK_OF_FIN, to: S.CLOSE_WAIT, rule: 'its ACK proves the peer FIN arrived' },
  { from: S.SYN_RCVD, on: E.SEND_ACK_OF_FIN, to: S.CLOSE_WAIT, rule: 'a FIN right after the handshake' },
  { from: S.CLOSE_WAIT, on: E.SEND_FIN, to: S.LAST_ACK, rule: 'the application closed after the peer did' },
  { from: S.LAST_ACK, on: E.FIN_ACKED, to: S.CLOSED, rule: 'the last ACK arrived' },
  // Abort: an acceptable RST closes from any synchronized or opening state.
  { from: S.UNKNOWN, on: E.RST, to: S.CLOSED, rule: 'a RST from a side seen for the first time: no socket' },
  { from: S.LISTEN, on: E.RST, to: S.CLOSED, rule: 'RST in LISTEN (leaves no connection)' },
  { from: S.SYN_SENT, on: E.RST, to: S.CLOSED, rule: 'connection refused or connect aborted' },
  { from: S.SYN_RCVD, on: E.RST, to: S.CLOSED, rule: 'RST during the handshake' },
  { from: S.ESTABLISHED, on: E.RST, to: S.CLOSED, rule: 'connection reset' },
  { from: S.FIN_WAIT_1, on: E.RST, to: S.CLOSED, rule: 'reset while closing' },
  { from: S.FIN_WAIT_2, on: E.RST, to: S.CLOSED, rule: 'reset while waiting for the peer FIN' },
  { from: S.CLOSE_WAIT, on: E.RST, to: S.CLOSED, rule: 'reset instead of close()' },
  { from: S.CLOSING, on: E.RST, to: S.CLOSED, rule: 'reset during simultaneous close' },
  { from: S.LAST_ACK, on: E.RST, to: S.CLOSED, rule: 'reset while waiting for the last ACK' },
  { from: S.TIME_WAIT, on: E.RST, to: S.CLOSED, rule: 'TIME_WAIT assassination (RFC 1337)' },
];

/** (from * EVENTS + on) → to, or -1: built once from TRANSITIONS. */
const EVENT_COUNT = EVENT_NAMES.length;
const LOOKUP = new Int8Array(12 * EVENT_COUNT).fill(-1);
for (const t of TRANSITIONS) {
  if (LOOKUP[t.from * EVENT_COUNT + t.on] !== -1) throw new Error(`duplicate transition ${t.from}/${t.on}`);
  LOOKUP[t.from * EVENT_COUNT + t.on] = t.to;
}

/** The state `event` moves `from` to, or -1 when the table has no such row. */
export function nextState(from: TcpState, event: TcpEvent): number {
  return LOOKUP[from * EVENT_COUNT + event]!;
}
