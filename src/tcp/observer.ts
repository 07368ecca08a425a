import { Analysis } from '../model/events.js';
import { TcpFlag } from '../model/decoded.js';
import { TcpState } from './states.js';
import { apply, type TrackedEndpoint } from './endpoint.js';
import { TcpEvent } from './transitions.js';
import { seqGeq, seqGt, seqInWindow } from './seq.js';

const S = TcpState;

/**
 * Moves both endpoints' RFC 793 states for one segment from `snd` to `rcv`,
 * following the observer's rules (DESIGN.md §2): the sender's own packet is
 * proof of what it did; the receiver moves only when its ACK of the sender's
 * SYN or FIN is what was seen (except where the design accepts the peer's
 * evidence, e.g. a FIN being acked). `analysis` holds the Wireshark bits
 * already computed; returns extra bits (RST_OUT_OF_WINDOW) and whether the
 * segment started a mid-stream side (via `midstream`). seq and ack may come
 * as int32 (a Smi, so no heap number per call) or uint32.
 */
export function observeSegment(
  snd: TrackedEndpoint,
  rcv: TrackedEndpoint,
  flags: number,
  seqIn: number,
  ackIn: number,
  payloadLen: number,
  analysis: number,
  ts: number,
  frame: number,
): number {
  const seq = seqIn >>> 0;
  const ack = ackIn >>> 0;
  const syn = (flags & TcpFlag.SYN) !== 0;
  const fin = (flags & TcpFlag.FIN) !== 0;
  const rst = (flags & TcpFlag.RST) !== 0;
  const hasAck = (flags & TcpFlag.ACK) !== 0;
  const firstFromSender = !snd.seen;
  // Boolean setters are past V8's small-function size: written only when they change.
  if (firstFromSender) snd.seen = true;
  let extra = 0;

  if (rst) {
    if (rstAcceptable(snd, rcv, flags, seq, ack)) {
      apply(snd, TcpEvent.RST, ts, frame);
      // The receiver of an acceptable RST drops its connection; a side never seen stays UNKNOWN.
      if (rcv.seen) apply(rcv, TcpEvent.RST, ts, frame);
    } else extra |= Analysis.RST_OUT_OF_WINDOW;
    if (!snd.seqKnown) {
      snd.nextSeq = seq >>> 0;
      snd.seqKnown = true;
    }
    return extra;
  }

  const keepAlive = (analysis & Analysis.KEEP_ALIVE) !== 0;
  if (syn) {
    const retransmitted = snd.hasIsn && (seq >>> 0) === snd.isn;
    if (!retransmitted) {
      snd.hasIsn = true;
      snd.isn = seq >>> 0;
      snd.nextSeq = (seq + 1) >>> 0;
      snd.seqKnown = true;
      snd.finSeen = false;
      snd.finAcked = false;
      apply(snd, hasAck ? TcpEvent.SEND_SYN_ACK : TcpEvent.SEND_SYN, ts, frame);
    }
  } else if (firstFromSender || snd.state === S.UNKNOWN) {
    // No SYN from this side: the connection was open before the capture.
    apply(snd, TcpEvent.MIDSTREAM, ts, frame);
  }

  if (!keepAlive) {
    const end = (seq + payloadLen + (syn ? 1 : 0) + (fin ? 1 : 0)) >>> 0;
    if (!snd.seqKnown || seqGt(end, snd.nextSeq)) {
      snd.nextSeq = end;
      snd.seqKnown = true;
    }
  }

  if (hasAck) {
    snd.lastAck = ack >>> 0;
    if (!snd.ackSeen) snd.ackSeen = true;
    // The sender acknowledges the receiver's SYN.
    if (rcv.hasIsn && seqGt(ack, rcv.isn)) {
      if (!syn) apply(snd, TcpEvent.SEND_ACK_OF_SYN, ts, frame);
      if (!rcv.synAcked) {
        rcv.synAcked = true;
        apply(rcv, TcpEvent.SYN_ACKED, ts, frame);
      }
    }
    // The sender's ACK covers the receiver's FIN (a FIN consumes one sequence number).
    if (rcv.finSeen && !rcv.finAcked && seqGeq(ack, (rcv.finSeq + 1) >>> 0)) {
      rcv.finAcked = true;
      apply(rcv, TcpEvent.FIN_ACKED, ts, frame);
      apply(snd, TcpEvent.SEND_ACK_OF_FIN, ts, frame);
    }
  }

  if (fin && !keepAlive) {
    const finSeq = (seq + payloadLen + (syn ? 1 : 0)) >>> 0;
    // A FIN at the same place again is a retransmission, not a new close.
    if (!(snd.finSeen && finSeq === snd.finSeq)) {
      snd.finSeen = true;
      snd.finSeq = finSeq;
      apply(snd, TcpEvent.SEND_FIN, ts, frame);
      // A FIN covered by an ACK seen earlier (capture reordering) is acked at once.
      if (rcv.ackSeen && seqGt(rcv.lastAck, finSeq) && !snd.finAcked) {
        snd.finAcked = true;
        apply(snd, TcpEvent.FIN_ACKED, ts, frame);
      }
    }
  }
  return extra;
}

/**
 * RFC 793 p.37 / RFC 5961: a RST is obeyed when its sequence number is in the
 * receiver's window (or exactly the next expected); in SYN_SENT, when its ACK
 * acknowledges the SYN. With nothing known about the receiver, it is obeyed.
 */
function rstAcceptable(snd: TrackedEndpoint, rcv: TrackedEndpoint, flags: number, seq: number, ack: number): boolean {
  if (rcv.state === S.SYN_SENT) {
    return (flags & TcpFlag.ACK) !== 0 && rcv.hasIsn && (ack >>> 0) === ((rcv.isn + 1) >>> 0);
  }
  // What the receiver expects next: its last ACK, else the sender's highest sequence seen.
  let expected: number;
  if (rcv.ackSeen) expected = rcv.lastAck;
  else if (snd.seqKnown) expected = snd.nextSeq;
  else return true;
  if ((seq >>> 0) === expected) return true;
  if (snd.seqKnown && (seq >>> 0) === snd.nextSeq) return true;
  const win = Math.max(rcv.window, 1);
  return seqInWindow(seq >>> 0, expected, win);
}
