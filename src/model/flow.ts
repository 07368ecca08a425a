import type { TcpState } from './tcp-state.js';

/** One state change of one endpoint, with the packet that proved it. */
export interface Transition {
  from: TcpState;
  to: TcpState;
  ts: number;
  /** Frame number (from 1, as Wireshark counts) of the packet that caused it. */
  frame: number;
}

/**
 * One side of a connection as the observer infers it (Zeek's TCP_Endpoint):
 * its state, the sequence space it has used and its counters. Owned and
 * mutated by the tracker; detectors and renderers only read it.
 */
export interface Endpoint {
  ip: string;
  port: number;
  state: TcpState;
  prevState: TcpState;
  /** Every state change, in order (a handful per connection). */
  transitions: Transition[];
  /** Bit (1 << state) of every state entered, when the tracker keeps it (else read transitions). */
  reached?: number;
  /** The last change into `to`, when the endpoint can find it without building `transitions`. */
  lastTransitionTo?(to: TcpState): Transition | undefined;

  /** Whether this side's SYN (and so its ISN) was seen. */
  hasIsn: boolean;
  isn: number;
  /** Highest sequence number sent + length: the next byte this side will send. */
  nextSeq: number;
  /** Sequence number of this side's FIN, valid when finSeen. */
  finSeq: number;
  finSeen: boolean;
  /** The peer's ACK covered this side's FIN (ack >= finSeq + 1). */
  finAcked: boolean;
  /** Highest acknowledgement number this side has sent (valid when ackSeen). */
  lastAck: number;
  ackSeen: boolean;
  /** Last advertised window, already scaled. */
  window: number;
  /** Window scale shift from this side's SYN, -1 if none. */
  windowScale: number;

  packets: number;
  /** IP-level bytes sent (header included), as Zeek's *_ip_bytes. */
  ipBytes: number;
  /** TCP payload bytes sent, retransmissions included. */
  payloadBytes: number;
  /** Segments with SYN set, SYN+ACKs included. */
  syns: number;
  /** Segments with SYN and ACK set. */
  synAcks: number;
  fins: number;
  rsts: number;
  retransmissions: number;
  keepAlives: number;
  zeroWindows: number;
  dupAcks: number;
  firstTs: number;
  lastTs: number;
  /** Frame of the last packet this side sent (0 if none). */
  lastFrame: number;
  /** Zeek's orig_bytes/resp_bytes: payload bytes by sequence space (TCP_Endpoint::Size), set when the flow ends. */
  zeekBytes?: number;
  /** Bytes the peer acknowledged that the capture never showed (Zeek's content gaps, missed_bytes share). */
  missedBytes?: number;
  /**
   * Data segments sent (payload > 0, keep-alives and zero-window probes left
   * out), as retransmission ratios count them; kept by the tracker (absent on
   * hand-built flows).
   */
  dataSegments?: number;
}

/**
 * What a finding names of an ended connection: its id and both sides'
 * addresses. Detectors that keep notes on many ended flows until findings()
 * keep this instead of the Flow, whose sides hold every counter.
 */
export interface FlowRef {
  id: number;
  client: { ip: string; port: number };
  server: { ip: string; port: number };
}

/** One connection incarnation: a 4-tuple (plus VLAN and tunnel) from its first packet to its end. */
export interface Flow {
  /** 1-based, in order of first packet; stable within one run. */
  id: number;
  /** The originator (Zeek's orig): sender of the first SYN, or the guessed client. */
  client: Endpoint;
  server: Endpoint;
  ipVersion: number;
  vlanKey: number;
  tunnelKey: number;
  firstTs: number;
  lastTs: number;
  firstFrame: number;
  lastFrame: number;
  /** The handshake was not seen; states were inferred from mid-stream traffic. */
  partial: boolean;
  /** Zeek's history string, built as packets arrive. */
  history: string;
  /** Zeek's conn_state, derived from both endpoints (valid after the flow ends or on demand). */
  connState: string;
  /** Listeners following this flow packet by packet (TrackerListener.watchBit bits; see watchFlow). */
  watch?: number;
  /**
   * A listener holds the flow past its flowEnd (keepFlow): its sides are then
   * kept as final copies. Without it, and with every listener marking the
   * flows it keeps (TrackerListener.marksKept), the flow is valid only
   * until flowEnd returns: its objects then serve later connections.
   */
  kept?: boolean;
  /**
   * syn-flood's note on the flow (the destination whose attempt it counted, 0
   * none) until the flow ends: a number on the flow instead of a Map entry
   * per connection. One owner; the tracker never reads it.
   */
  synDestination?: number;
  /**
   * Explained bits: what one detector reports of this connection, for the
   * others to leave out (registry.ts), set when the first learns it, at the
   * latest in its flowEnd; the tracker never reads it.
   */
  explained?: number;
}
