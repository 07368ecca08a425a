import { TcpFlag } from '../model/decoded.js';
import { Hist, History } from './history.js';
import { seqDiff } from './seq.js';
import { ZeekState } from './states.js';
import { ZeekEndpoint } from './zeek-endpoint.js';

const Z = ZeekState;
const SYN = TcpFlag.SYN;
const FIN = TcpFlag.FIN;
const RST = TcpFlag.RST;
const ACK = TcpFlag.ACK;

/** Zeek's TOO_LARGE_SEQ_DELTA: sequence jumps beyond this on SYN/RST are not trusted. */
const TOO_LARGE_SEQ_DELTA = 1048576;

/** Zeek's default timers (scripts/base/init-bare.zeek), seconds. */
export const ZeekTimers = {
  /** tcp_close_delay: a fully closed or reset connection is dropped this long after its last packet. */
  closeDelay: 5,
  /** tcp_attempt_delay: an unanswered SYN is given up after this. */
  attemptDelay: 5,
  /** tcp_partial_close_delay. */
  partialCloseDelay: 3,
  /** udp_inactivity_timeout, which Zeek applies to TCP until the handshake is over. */
  handshakeInactivity: 60,
  /** tcp_inactivity_timeout. */
  inactivity: 300,
} as const;

/**
 * One connection as Zeek's TCP analyzer sees it (TCPSessionAdapter::Process
 * and UpdateStateMachine, packet_analysis/protocol/tcp/TCPSessionAdapter.cc),
 * reduced to what conn.log's conn_state, history and byte counts need. Kept
 * beside the RFC tracker because Zeek's rules differ from RFC 793 on purpose.
 */
export class ZeekConn extends History {
  orig = new ZeekEndpoint(true);
  resp = new ZeekEndpoint(false);
  /** The connection's history string and seen mask: ZeekConn is its own History (one object fewer per connection). */
  get history(): History {
    return this;
  }
  /** How many times the roles were flipped (the tracker swaps client and server to follow). */
  flips = 0;
  startTime: number;
  lastTime: number;
  /** When Zeek's delete timer removes the connection (0 = not scheduled). */
  private deleteAt = 0;
  private attemptAt = 0;
  private partialCloseAt = 0;
  private handshakeDone = false;

  constructor(ts: number) {
    super();
    this.startTime = ts;
    this.lastTime = ts;
  }

  /** Zeek's FlipRoles: swap originator and responder and note '^'. */
  flip(): void {
    this.flips++;
    const o = this.orig;
    this.orig = this.resp;
    this.resp = o;
    this.orig.isOrig = true;
    this.resp.isOrig = false;
    this.history.flipped();
  }

  /**
   * TCPAnalyzer::WantConnection for the first packet of a connection: whether
   * Zeek takes its receiver as the originator. A SYN+ACK first means the SYN
   * was missed (Zeek 7 flips it); otherwise the likely_server_ports heuristic.
   */
  static flipsFirstPacket(flags: number, srcPort: number, dstPort: number): boolean {
    if ((flags & SYN) !== 0) return (flags & ACK) !== 0;
    if (!isLikelyServerPort(srcPort)) return false;
    if (isLikelyServerPort(dstPort)) return srcPort < dstPort;
    return true;
  }

  /** Zeek dropped the connection after it closed (both FINs, a RST, or a one-sided close). */
  deletedAfterClose(ts: number): boolean {
    return this.deleteAt !== 0 && ts >= this.deleteAt;
  }

  /** Whether Zeek has already dropped this connection from its table before a packet at `ts`. */
  expired(ts: number): boolean {
    if (this.deletedAfterClose(ts)) return true;
    if (this.attemptAt !== 0 && ts >= this.attemptAt) {
      this.attemptAt = 0;
      if ((this.orig.state === Z.SYN_SENT || this.orig.state === Z.SYN_ACK_SENT) && this.resp.state === Z.INACTIVE)
        return true;
    }
    if (this.partialCloseAt !== 0 && ts >= this.partialCloseAt) {
      this.partialCloseAt = 0;
      if (
        this.orig.state !== Z.INACTIVE &&
        this.resp.state !== Z.INACTIVE &&
        !(this.orig.didClose && this.resp.didClose) &&
        this.orig.state !== Z.RESET &&
        this.resp.state !== Z.RESET
      )
        return true;
    }
    const idle = this.handshakeDone ? ZeekTimers.inactivity : ZeekTimers.handshakeInactivity;
    return ts >= this.lastTime + idle;
  }

  /** TCPSessionAdapter::IsReuse: does this SYN start a new connection on the same tuple? */
  isReuse(flags: number, seq: number): boolean {
    if ((flags & SYN) === 0) return false;
    let connOrig = this.orig;
    if ((flags & ACK) !== 0) {
      if (this.orig.state !== Z.INACTIVE) return false;
      connOrig = this.resp;
    }
    if (!(this.orig.didClose || this.resp.didClose)) {
      if (seq >>> 0 === connOrig.startSeq) return false;
      if (
        (flags & ACK) === 0 &&
        connOrig.state === Z.SYN_ACK_SENT &&
        this.resp.state === Z.INACTIVE &&
        seq >>> 0 === this.resp.startSeq
      )
        return false;
    }
    return true;
  }

  /** One packet (TCPSessionAdapter::Process). `len` is the TCP payload length from the IP header. */
  process(isOrig: boolean, flags: number, seq: number, ack: number, len: number, window: number, wscale: number, ts: number): void {
    const ep = isOrig ? this.orig : this.resp;
    const peer = isOrig ? this.resp : this.orig;
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const hasAck = (flags & ACK) !== 0;

    let segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
    if (rst) segLen -= len;
    const onePast = (seq + segLen) >>> 0;

    this.initEndpoint(ep, syn, seq, onePast);
    const relSeq = seqDiff(seq, ep.startSeq);
    this.updateHistory(ep, flags, relSeq, len);

    // update_window: zero windows are interesting unless RST or after the peer closed.
    if (window === 0 && !rst && peer.state !== Z.CLOSED && ep.state !== Z.RESET) {
      if (ep.win0Hit()) this.history.add(ep.isOrig, 'W');
    }

    if (!(this.orig.didClose && this.resp.didClose)) this.lastTime = ts;

    if (syn) {
      // init_window: a SYN without the option means no scaling; a SYN+ACK without it cancels both.
      if (wscale < 0) {
        ep.windowScale = 0;
        if (hasAck) peer.windowScale = 0;
      } else ep.windowScale = Math.min(wscale, 14);
    }
    if (fin) ep.finCnt++;
    if (rst) ep.rstCnt++;

    if (hasAck) {
      if (peer.state === Z.INACTIVE) {
        // init_peer: number the silent side as if its SYN had been seen.
        peer.initSeqs((ack - 1) >>> 0, (ack - 1) >>> 0);
        peer.contig = ack >>> 0;
      } else if (!rst && seqDiff(ack, peer.ackSeq) > 0 && !(ack === 0 && seqDiff(ack, peer.ackSeq) > TOO_LARGE_SEQ_DELTA)) {
        peer.ackSeq = ack >>> 0;
      }
    }

    const deltaLast = this.updateLastSeq(ep, onePast, syn, fin, rst, len);
    this.updateStateMachine(ep, peer, isOrig, flags, seq, ack, len, deltaLast, ts);
    if (len > 0 && !rst) this.dataSent(ep, syn ? (seq + 1) >>> 0 : seq, len);
    if (fin) ep.finSeq = (seq + len + (syn ? 1 : 0)) >>> 0;
    if (hasAck && !rst && !fin) this.ackReceived(peer, ack);
  }

  private initEndpoint(ep: ZeekEndpoint, syn: boolean, seq: number, onePast: number): void {
    switch (ep.state) {
      case Z.INACTIVE:
        if (syn) ep.initSeqs(seq, onePast);
        // A partial side is numbered as though a SYN preceded it; its first packet is not a duplicate.
        else ep.initSeqs((seq - 1) >>> 0, seq);
        ep.contig = (ep.startSeq + 1) >>> 0;
        break;
      case Z.SYN_SENT:
      case Z.SYN_ACK_SENT:
        if (syn && seq >>> 0 !== ep.startSeq) ep.restart(seq, onePast);
        break;
      case Z.ESTABLISHED:
      case Z.PARTIAL:
        if (syn) ep.restart(seq, onePast);
        break;
      case Z.RESET:
        if (syn && ep.prevState === Z.INACTIVE) ep.restart(seq, onePast);
        break;
    }
  }

  /** update_history in TCPSessionAdapter.cc. */
  private updateHistory(ep: ZeekEndpoint, flags: number, relSeq: number, len: number): void {
    const h = this.history;
    const o = ep.isOrig;
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
    if (bits > 1) {
      if (fin && rst) h.check(o, Hist.FIN_RST_PKT, 'I');
      else h.check(o, Hist.MULTI_FLAG_PKT, 'Q');
    } else if (bits === 1) {
      if (syn) {
        const code = (flags & ACK) !== 0 ? 'H' : 'S';
        if (h.check(o, Hist.SYN_PKT, code) && relSeq !== ep.histLastSyn) h.add(o, code);
        ep.histLastSyn = relSeq;
      }
      if (fin) {
        // A FIN's sequence number is the one after its data.
        const s = (relSeq + len) | 0;
        if (h.check(o, Hist.FIN_PKT, 'F') && s !== ep.histLastFin) h.add(o, 'F');
        ep.histLastFin = s;
      }
      if (rst) {
        if (h.check(o, Hist.RST_PKT, 'R') && relSeq !== ep.histLastRst) h.add(o, 'R');
        ep.histLastRst = relSeq;
      }
    } else if (len > 0) h.check(o, Hist.DATA_PKT, 'D');
    else if ((flags & ACK) !== 0) h.check(o, Hist.ACK_PKT, 'A');
  }

  /** update_last_seq: advances this side's highest sequence; a non-advancing data segment is a retransmission ('t'). */
  private updateLastSeq(ep: ZeekEndpoint, onePast: number, syn: boolean, fin: boolean, rst: boolean, len: number): number {
    const delta = seqDiff(onePast, ep.lastSeq);
    if ((syn || rst) && (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA)) {
      // Outlandish SYN/RST sequence numbers are not trusted.
    } else if (fin && ep.lastSeq === ((ep.startSeq + 1) >>> 0)) ep.lastSeq = onePast;
    else if (ep.state === Z.RESET) {
      // Nothing after a RST is trusted.
    } else if (delta > 0) ep.lastSeq = onePast;
    else if (len > 0) {
      if (ep.rxmtHit()) this.history.add(ep.isOrig, 'T');
    }
    return delta;
  }

  /**
   * Zeek's reassembler, reduced to what content gaps need ('g' and
   * missed_bytes): how far this side's data is contiguous, plus one block
   * seen beyond a hole.
   */
  private dataSent(ep: ZeekEndpoint, seq: number, len: number): void {
    const end = (seq + len) >>> 0;
    if (seqDiff(seq, ep.contig) <= 0) {
      if (seqDiff(end, ep.contig) > 0) ep.contig = end;
    } else if (!ep.hasAhead) {
      ep.hasAhead = true;
      ep.aheadStart = seq >>> 0;
      ep.aheadEnd = end;
    } else {
      if (seqDiff(seq, ep.aheadStart) < 0) ep.aheadStart = seq >>> 0;
      if (seqDiff(end, ep.aheadEnd) > 0) ep.aheadEnd = end;
    }
    this.mergeAhead(ep);
  }

  private mergeAhead(ep: ZeekEndpoint): void {
    if (ep.hasAhead && seqDiff(ep.aheadStart, ep.contig) <= 0) {
      if (seqDiff(ep.aheadEnd, ep.contig) > 0) ep.contig = ep.aheadEnd;
      ep.hasAhead = false;
    }
  }

  /**
   * The peer acknowledged data of `ep` up to `ack`: any part the observer never
   * saw is a content gap. ACKs riding on a FIN or RST are not trusted for this
   * (TCPSessionAdapter::Process defers AckReceived for that reason), and a
   * side whose numbering was guessed (partial) has no reliable gaps.
   */
  private ackReceived(ep: ZeekEndpoint, ack: number): void {
    if (ep.state === Z.INACTIVE || ep.state === Z.PARTIAL || ep.state === Z.SYN_SENT || ep.state === Z.SYN_ACK_SENT) return;
    let limit = ack >>> 0;
    if (ep.finCnt > 0 && seqDiff(limit, ep.finSeq) > 0) limit = ep.finSeq;
    const gap = seqDiff(limit, ep.contig);
    if (gap <= 0) return;
    ep.missedBytes += gap;
    ep.contig = limit;
    this.mergeAhead(ep);
    if (ep.gapHit()) this.history.add(ep.isOrig, 'G');
  }

  private updateStateMachine(
    ep: ZeekEndpoint,
    peer: ZeekEndpoint,
    isOrig: boolean,
    flags: number,
    seq: number,
    ack: number,
    len: number,
    deltaLast: number,
    ts: number,
  ): void {
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const hasAck = (flags & ACK) !== 0;
    let doClose = false;
    switch (ep.state) {
      case Z.INACTIVE: {
        if (syn) {
          if (isOrig) {
            ep.setState(hasAck ? Z.SYN_ACK_SENT : Z.SYN_SENT);
            this.attemptAt = ts + ZeekTimers.attemptDelay;
          } else {
            if (!hasAck && peer.state === Z.SYN_ACK_SENT) {
              // SYN/SYN-ACK reversal: flip the endpoints and establish.
              this.flip();
              peer.setState(Z.ESTABLISHED);
            }
            if (peer.state === Z.SYN_SENT) peer.setState(Z.ESTABLISHED);
            ep.setState(Z.ESTABLISHED);
          }
        }
        if (fin) {
          ep.setState(Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          ep.setState(Z.RESET);
          doClose = true;
        }
        if (ep.state === Z.INACTIVE) {
          if (!ep.isOrig && len === 0 && this.orig.state === Z.SYN_SENT) {
            // Some stacks ack a SYN before answering it: not a partial connection.
          } else if (hasAck && peer.state === Z.ESTABLISHED) ep.setState(Z.ESTABLISHED);
          else ep.setState(Z.PARTIAL);
        }
        break;
      }
      case Z.SYN_SENT:
      case Z.SYN_ACK_SENT:
        if (fin) {
          ep.setState(Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          ep.setState(Z.RESET);
          doClose = true;
        }
        break;
      case Z.ESTABLISHED:
      case Z.PARTIAL:
        if (syn && ep.state === Z.PARTIAL && peer.state === Z.INACTIVE && !hasAck) ep.setState(Z.SYN_SENT);
        if (fin && !rst) {
          ep.setState(Z.CLOSED);
          // A FIN followed by a RST from the peer was a normal close after all.
          if (peer.state === Z.RESET && peer.prevState === Z.CLOSED) peer.setState(Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          ep.setState(Z.RESET);
          doClose = true;
        }
        break;
      case Z.CLOSED:
        if (rst && peer.state !== Z.CLOSED) {
          ep.setState(Z.RESET);
          if (!ep.didClose) doClose = true;
        }
        break;
      case Z.RESET:
        break;
    }
    void seq;
    void ack;
    void deltaLast;
    if (!this.handshakeDone && isSynchronized(ep.state) && !isSynchronized(ep.prevState)) this.handshakeDone = true;
    if (doClose) this.connectionClosed(ep, peer);
  }

  /** ConnectionClosed, without the reassembler's deferral. */
  private connectionClosed(ep: ZeekEndpoint, peer: ZeekEndpoint): void {
    if (ep.didClose) return;
    ep.didClose = true;
    const complete = ep.state === Z.RESET || peer.didClose || peer.state === Z.INACTIVE;
    if (complete) {
      this.attemptAt = 0;
      this.partialCloseAt = 0;
      this.deleteAt = this.lastTime + ZeekTimers.closeDelay;
    } else if (ep.prevState === Z.INACTIVE) {
      this.partialCloseAt = this.lastTime + ZeekTimers.partialCloseDelay;
    }
  }
}

function isSynchronized(s: ZeekState): boolean {
  return s !== Z.INACTIVE && s !== Z.SYN_SENT && s !== Z.SYN_ACK_SENT;
}

/**
 * Zeek's likely_server_ports for TCP: the ports its default protocol analyzers
 * register (each base/protocols/<proto>/main.zeek adds its ports).
 */
const LIKELY_SERVER_PORTS = new Set<number>([
  21, 22, 23, 25, 53, 80, 81, 88, 110, 111, 123, 135, 139, 143, 389, 443, 445, 465, 502, 513, 514, 543, 544,
  563, 585, 587, 614, 631, 636, 989, 990, 992, 993, 995, 1080, 1153, 1883, 2049, 2811, 3128, 3268, 3306, 3389,
  5222, 5223, 5269, 5432, 5900, 6379, 6666, 6667, 6668, 6669, 8000, 8080, 8888, 20000,
]);

export function isLikelyServerPort(port: number): boolean {
  return LIKELY_SERVER_PORTS.has(port);
}
