import { Analysis } from '../model/events.js';
import { TcpFlag } from '../model/decoded.js';
import type { TrackedEndpoint } from './endpoint.js';
import { seqGt, seqInWindow, seqLeq, seqLt } from './seq.js';

function seqGeqLt(s: number, lo: number, hi: number): boolean {
  return seqInWindow(s, lo, (hi - lo) >>> 0);
}

const SFR = TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST;
/** Wireshark's out-of-order threshold when the handshake RTT is unknown (3 ms), and its fast-retransmission window (20 ms). */
export const OOO_THRESHOLD_S = 0.003;
const FAST_RETRANSMISSION_S = 0.02;

/**
 * Wireshark's tcp.analysis.* verdicts for one segment, in the order and with
 * the definitions of packet-tcp.c tcp_analyze_sequence_number (4.0), so that
 * counts match tshark. `fwd` is the sender, `rev` the receiver; `window` is
 * the advertised window already scaled; `conn.firstRtt` is the handshake RTT,
 * 0 until known (Wireshark's ts_first_rtt): read here, only when needed, as a
 * double passed per call would be a heap number per packet. Updates fwd's
 * analysis state.
 * Sequence numbers are absolute; Wireshark's "0 = not yet known" convention
 * is kept (an ISN of exactly 0 loses a check, as in Wireshark). seq and ack
 * may come as int32 (a Smi, so no heap number per call) or uint32.
 */
export function analyzeSegment(
  fwd: TrackedEndpoint,
  rev: TrackedEndpoint,
  flags: number,
  seqIn: number,
  ackIn: number,
  seglen: number,
  window: number,
  ts: number,
  conn: { readonly firstRtt: number },
): number {
  const seq = seqIn >>> 0;
  const ack = ackIn >>> 0;
  let a = 0;
  const nextseq = fwd.wsNextSeq;
  const control = flags & SFR;
  fwd_checks: {
    if (seglen === 1 && seq === nextseq && rev.wsWindow === 0) {
      a |= Analysis.ZERO_WINDOW_PROBE;
      break fwd_checks;
    }
    if (window === 0 && control === 0) a |= Analysis.ZERO_WINDOW;
    if (nextseq !== 0 && seqGt(seq, nextseq) && (flags & TcpFlag.RST) === 0) {
      a |= Analysis.LOST_SEGMENT;
      fwd.wsHoleStart = nextseq;
      fwd.wsHoleEnd = seq >>> 0;
    }
    if ((seglen === 0 || seglen === 1) && seq === ((nextseq - 1) >>> 0) && control === 0) a |= Analysis.KEEP_ALIVE;
    const sameAsLast = seglen === 0 && seq === nextseq && ack === fwd.wsLastAck && control === 0;
    if (sameAsLast && window !== 0 && window !== fwd.wsWindow) a |= Analysis.WINDOW_UPDATE;
    if (
      seglen > 0 &&
      rev.wsWindow > 0 &&
      control === 0 &&
      ((seq + seglen) >>> 0) === ((rev.wsLastAck + rev.wsWindow) >>> 0)
    )
      a |= Analysis.WINDOW_FULL;
    if (sameAsLast && window !== 0 && window === fwd.wsWindow && (rev.wsLastSegmentFlags & Analysis.KEEP_ALIVE) !== 0) {
      a |= Analysis.KEEP_ALIVE_ACK;
      break fwd_checks;
    }
    if (sameAsLast && window === 0 && fwd.wsWindow === 0 && (rev.wsLastSegmentFlags & Analysis.ZERO_WINDOW_PROBE) !== 0) {
      a |= Analysis.ZERO_WINDOW_PROBE_ACK;
      break fwd_checks;
    }
    if (sameAsLast && window !== 0 && window === fwd.wsWindow) {
      fwd.wsDupAckNum++;
      a |= Analysis.DUP_ACK;
    }
    if (rev.wsMaxSeqToBeAcked !== 0 && seqGt(ack, rev.wsMaxSeqToBeAcked) && (flags & TcpFlag.ACK) !== 0) {
      a |= Analysis.ACK_LOST_SEGMENT;
      rev.wsMaxSeqToBeAcked = rev.wsNextSeq;
    }
  }
  if ((a & Analysis.DUP_ACK) === 0) fwd.wsDupAckNum = 0;

  if ((seglen > 0 || (flags & (TcpFlag.SYN | TcpFlag.FIN)) !== 0) && (a & Analysis.KEEP_ALIVE) === 0) {
    let notAdvanced = nextseq !== 0 && seqLt(seq, nextseq);
    // More than one byte starting just before nextseq adds new data: not a retransmission.
    if (seglen > 1 && ((nextseq - 1) >>> 0) === seq) notAdvanced = false;
    // Out of order only when it fills the hole a lost-segment verdict left (tshark otherwise calls it a retransmission).
    const inHole = fwd.wsHoleEnd !== fwd.wsHoleStart && seqGeqLt(seq, fwd.wsHoleStart, fwd.wsHoleEnd);
    if (notAdvanced && inHole && ts - fwd.wsNextSeqTime < (conn.firstRtt > 0 ? conn.firstRtt : OOO_THRESHOLD_S) && nextseq !== ((seq + seglen) >>> 0)) {
      a |= Analysis.OUT_OF_ORDER;
    } else if (seglen > 0 && rev.wsLastAck !== 0 && seqLeq((seq + seglen) >>> 0, rev.wsLastAck)) {
      a |= Analysis.SPURIOUS_RETRANSMISSION;
    } else if (
      notAdvanced &&
      rev.wsDupAckNum >= 2 &&
      rev.wsLastAck === seq &&
      ts - rev.wsLastAckTime < FAST_RETRANSMISSION_S
    ) {
      a |= Analysis.FAST_RETRANSMISSION;
    } else if (notAdvanced) {
      a |= Analysis.RETRANSMISSION;
    }
  }

  let end = (seq + seglen) >>> 0;
  if ((flags & (TcpFlag.SYN | TcpFlag.FIN)) !== 0) end = (end + 1) >>> 0;
  if ((nextseq === 0 || seqGt(end, nextseq)) && (a & Analysis.ZERO_WINDOW_PROBE) === 0) {
    fwd.wsNextSeq = end;
    fwd.wsNextSeqTime = ts;
  }
  if (
    (fwd.wsMaxSeqToBeAcked === 0 || seqGt(fwd.wsNextSeq, fwd.wsMaxSeqToBeAcked)) &&
    (a & Analysis.ZERO_WINDOW_PROBE) === 0
  )
    fwd.wsMaxSeqToBeAcked = fwd.wsNextSeq;
  fwd.wsWindow = window;
  if ((flags & TcpFlag.ACK) !== 0) {
    fwd.wsLastAck = ack >>> 0;
    fwd.wsLastAckTime = ts;
  }
  fwd.wsLastSegmentFlags = a;
  return a;
}
