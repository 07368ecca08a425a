import { TcpFlag } from '../model/decoded.js';
import { Hist } from './history.js';
import { seqDiff } from './seq.js';
import { ZeekState } from './states.js';
import { ZeekColumns } from './zeek-columns.js';
import { gapHit, initSeqs, restart, rxmtHit, setZeekState, win0Hit } from './zeek-endpoint.js';

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
 * Every open connection as Zeek's TCP analyzer sees it (TCPSessionAdapter::Process
 * and UpdateStateMachine, packet_analysis/protocol/tcp/TCPSessionAdapter.cc),
 * reduced to what conn.log's conn_state, history and byte counts need; one
 * connection is a slot `c` of the columns. Kept beside the RFC tracker because
 * Zeek's rules differ from RFC 793 on purpose.
 */
export class ZeekConns extends ZeekColumns {
  /** The originator's endpoint of connection c. */
  orig(c: number): number {
    return 2 * c + (this.flips[c]! & 1);
  }

  resp(c: number): number {
    return (2 * c + (this.flips[c]! & 1)) ^ 1;
  }

  /** Whether endpoint e (of connection e >> 1) is the originator now. */
  isOrig(e: number): boolean {
    return (e & 1) === (this.flips[e >> 1]! & 1);
  }

  /** Zeek's FlipRoles: swap originator and responder and note '^'. */
  flip(c: number): void {
    this.flips[c]!++;
    this.histText[c] += '^';
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
  deletedAfterClose(c: number, ts: number): boolean {
    const at = this.deleteAt[c]!;
    return at !== 0 && ts >= at;
  }

  /** Whether Zeek has already dropped this connection from its table before a packet at `ts`. */
  expired(c: number, ts: number): boolean {
    if (this.deletedAfterClose(c, ts)) return true;
    const st = this.state;
    const o = this.orig(c);
    const r = o ^ 1;
    const attemptAt = this.attemptAt[c]!;
    if (attemptAt !== 0 && ts >= attemptAt) {
      this.attemptAt[c] = 0;
      if ((st[o] === Z.SYN_SENT || st[o] === Z.SYN_ACK_SENT) && st[r] === Z.INACTIVE) return true;
    }
    const partialCloseAt = this.partialCloseAt[c]!;
    if (partialCloseAt !== 0 && ts >= partialCloseAt) {
      this.partialCloseAt[c] = 0;
      if (
        st[o] !== Z.INACTIVE &&
        st[r] !== Z.INACTIVE &&
        !(this.didClose[o] !== 0 && this.didClose[r] !== 0) &&
        st[o] !== Z.RESET &&
        st[r] !== Z.RESET
      )
        return true;
    }
    const idle = this.handshakeDone[c] !== 0 ? ZeekTimers.inactivity : ZeekTimers.handshakeInactivity;
    return ts >= this.lastTime[c]! + idle;
  }

  /** TCPSessionAdapter::IsReuse: does this SYN start a new connection on the same tuple? */
  isReuse(c: number, flags: number, seq: number): boolean {
    if ((flags & SYN) === 0) return false;
    const st = this.state;
    const o = this.orig(c);
    const r = o ^ 1;
    let connOrig = o;
    if ((flags & ACK) !== 0) {
      if (st[o] !== Z.INACTIVE) return false;
      connOrig = r;
    }
    if (!(this.didClose[o] !== 0 || this.didClose[r] !== 0)) {
      if (seq >>> 0 === this.startSeq[connOrig]) return false;
      if ((flags & ACK) === 0 && st[connOrig] === Z.SYN_ACK_SENT && st[r] === Z.INACTIVE && seq >>> 0 === this.startSeq[r]) return false;
    }
    return true;
  }

  /** Adds `code` (cased for the direction) the first time `mask` is seen; true if it had been seen before. */
  private check(c: number, isOrig: boolean, mask: number, code: string): boolean {
    const m = isOrig ? mask : mask << 16;
    if ((this.histSeen[c]! & m) === 0) {
      this.histSeen[c]! |= m;
      this.histText[c] += isOrig ? code : code.toLowerCase();
      return false;
    }
    return true;
  }

  private add(c: number, isOrig: boolean, code: string): void {
    this.histText[c] += isOrig ? code : code.toLowerCase();
  }

  /** One packet (TCPSessionAdapter::Process). `len` is the TCP payload length from the IP header. */
  process(c: number, isOrig: boolean, flags: number, seq: number, ack: number, len: number, window: number, wscale: number, ts: number): void {
    const ep = isOrig ? this.orig(c) : this.resp(c);
    const peer = ep ^ 1;
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const hasAck = (flags & ACK) !== 0;

    let segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
    if (rst) segLen -= len;
    const onePast = (seq + segLen) >>> 0;

    this.initEndpoint(ep, syn, seq, onePast);
    const relSeq = seqDiff(seq, this.startSeq[ep]!);
    this.updateHistory(c, ep, flags, relSeq, len);

    // update_window: zero windows are interesting unless RST or after the peer closed.
    if (window === 0 && !rst && this.state[peer] !== Z.CLOSED && this.state[ep] !== Z.RESET) {
      if (win0Hit(this, ep)) this.add(c, this.isOrig(ep), 'W');
    }

    if (!(this.didClose[ep] !== 0 && this.didClose[peer] !== 0)) this.lastTime[c] = ts;

    if (syn) {
      // init_window: a SYN without the option means no scaling; a SYN+ACK without it cancels both.
      if (wscale < 0) {
        this.windowScale[ep] = 0;
        if (hasAck) this.windowScale[peer] = 0;
      } else this.windowScale[ep] = Math.min(wscale, 14);
    }
    if (fin) this.finCnt[ep]!++;
    if (rst) this.rstCnt[ep]!++;

    if (hasAck) {
      if (this.state[peer] === Z.INACTIVE) {
        // init_peer: number the silent side as if its SYN had been seen.
        initSeqs(this, peer, (ack - 1) >>> 0, (ack - 1) >>> 0);
        this.contig[peer] = ack;
      } else if (!rst && seqDiff(ack, this.ackSeq[peer]!) > 0 && !(ack === 0 && seqDiff(ack, this.ackSeq[peer]!) > TOO_LARGE_SEQ_DELTA)) {
        this.ackSeq[peer] = ack;
      }
    }

    this.updateLastSeq(c, ep, onePast, syn, fin, rst, len);
    this.updateStateMachine(c, ep, peer, isOrig, flags, len, ts);
    if (len > 0 && !rst) this.dataSent(ep, syn ? (seq + 1) >>> 0 : seq, len);
    if (fin) this.finSeq[ep] = seq + len + (syn ? 1 : 0);
    if (hasAck && !rst && !fin) this.ackReceived(c, peer, ack);
  }

  private initEndpoint(ep: number, syn: boolean, seq: number, onePast: number): void {
    switch (this.state[ep]) {
      case Z.INACTIVE:
        if (syn) initSeqs(this, ep, seq, onePast);
        // A partial side is numbered as though a SYN preceded it; its first packet is not a duplicate.
        else initSeqs(this, ep, (seq - 1) >>> 0, seq);
        this.contig[ep] = this.startSeq[ep]! + 1;
        break;
      case Z.SYN_SENT:
      case Z.SYN_ACK_SENT:
        if (syn && seq >>> 0 !== this.startSeq[ep]) restart(this, ep, seq, onePast);
        break;
      case Z.ESTABLISHED:
      case Z.PARTIAL:
        if (syn) restart(this, ep, seq, onePast);
        break;
      case Z.RESET:
        if (syn && this.prevState[ep] === Z.INACTIVE) restart(this, ep, seq, onePast);
        break;
    }
  }

  /** update_history in TCPSessionAdapter.cc. */
  private updateHistory(c: number, ep: number, flags: number, relSeq: number, len: number): void {
    const o = this.isOrig(ep);
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
    if (bits > 1) {
      if (fin && rst) this.check(c, o, Hist.FIN_RST_PKT, 'I');
      else this.check(c, o, Hist.MULTI_FLAG_PKT, 'Q');
    } else if (bits === 1) {
      if (syn) {
        const code = (flags & ACK) !== 0 ? 'H' : 'S';
        if (this.check(c, o, Hist.SYN_PKT, code) && relSeq !== this.histLastSyn[ep]) this.add(c, o, code);
        this.histLastSyn[ep] = relSeq;
      }
      if (fin) {
        // A FIN's sequence number is the one after its data.
        const s = (relSeq + len) | 0;
        if (this.check(c, o, Hist.FIN_PKT, 'F') && s !== this.histLastFin[ep]) this.add(c, o, 'F');
        this.histLastFin[ep] = s;
      }
      if (rst) {
        if (this.check(c, o, Hist.RST_PKT, 'R') && relSeq !== this.histLastRst[ep]) this.add(c, o, 'R');
        this.histLastRst[ep] = relSeq;
      }
    } else if (len > 0) this.check(c, o, Hist.DATA_PKT, 'D');
    else if ((flags & ACK) !== 0) this.check(c, o, Hist.ACK_PKT, 'A');
  }

  /** update_last_seq: advances this side's highest sequence; a non-advancing data segment is a retransmission ('t'). */
  private updateLastSeq(c: number, ep: number, onePast: number, syn: boolean, fin: boolean, rst: boolean, len: number): void {
    const lastSeq = this.lastSeq[ep]!;
    const delta = seqDiff(onePast, lastSeq);
    if ((syn || rst) && (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA)) {
      // Outlandish SYN/RST sequence numbers are not trusted.
    } else if (fin && lastSeq === ((this.startSeq[ep]! + 1) >>> 0)) this.lastSeq[ep] = onePast;
    else if (this.state[ep] === Z.RESET) {
      // Nothing after a RST is trusted.
    } else if (delta > 0) this.lastSeq[ep] = onePast;
    else if (len > 0) {
      if (rxmtHit(this, ep)) this.add(c, this.isOrig(ep), 'T');
    }
  }

  /**
   * Zeek's reassembler, reduced to what content gaps need ('g' and
   * missed_bytes): how far this side's data is contiguous, plus one block
   * seen beyond a hole.
   */
  private dataSent(ep: number, seq: number, len: number): void {
    const end = (seq + len) >>> 0;
    if (seqDiff(seq, this.contig[ep]!) <= 0) {
      if (seqDiff(end, this.contig[ep]!) > 0) this.contig[ep] = end;
    } else if (this.hasAhead[ep] === 0) {
      this.hasAhead[ep] = 1;
      this.aheadStart[ep] = seq;
      this.aheadEnd[ep] = end;
    } else {
      if (seqDiff(seq, this.aheadStart[ep]!) < 0) this.aheadStart[ep] = seq;
      if (seqDiff(end, this.aheadEnd[ep]!) > 0) this.aheadEnd[ep] = end;
    }
    this.mergeAhead(ep);
  }

  private mergeAhead(ep: number): void {
    if (this.hasAhead[ep] !== 0 && seqDiff(this.aheadStart[ep]!, this.contig[ep]!) <= 0) {
      if (seqDiff(this.aheadEnd[ep]!, this.contig[ep]!) > 0) this.contig[ep] = this.aheadEnd[ep]!;
      this.hasAhead[ep] = 0;
    }
  }

  /**
   * The peer acknowledged data of `ep` up to `ack`: any part the observer never
   * saw is a content gap. ACKs riding on a FIN or RST are not trusted for this
   * (TCPSessionAdapter::Process defers AckReceived for that reason), and a
   * side whose numbering was guessed (partial) has no reliable gaps.
   */
  private ackReceived(c: number, ep: number, ack: number): void {
    const s = this.state[ep];
    if (s === Z.INACTIVE || s === Z.PARTIAL || s === Z.SYN_SENT || s === Z.SYN_ACK_SENT) return;
    let limit = ack >>> 0;
    if (this.finCnt[ep]! > 0 && seqDiff(limit, this.finSeq[ep]!) > 0) limit = this.finSeq[ep]!;
    const gap = seqDiff(limit, this.contig[ep]!);
    if (gap <= 0) return;
    this.missedBytes[ep]! += gap;
    this.contig[ep] = limit;
    this.mergeAhead(ep);
    if (gapHit(this, ep)) this.add(c, this.isOrig(ep), 'G');
  }

  private updateStateMachine(c: number, ep: number, peer: number, isOrig: boolean, flags: number, len: number, ts: number): void {
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const hasAck = (flags & ACK) !== 0;
    const st = this.state;
    let doClose = false;
    switch (st[ep]) {
      case Z.INACTIVE: {
        if (syn) {
          if (isOrig) {
            setZeekState(this, ep, hasAck ? Z.SYN_ACK_SENT : Z.SYN_SENT);
            this.attemptAt[c] = ts + ZeekTimers.attemptDelay;
          } else {
            if (!hasAck && st[peer] === Z.SYN_ACK_SENT) {
              // SYN/SYN-ACK reversal: flip the endpoints and establish.
              this.flip(c);
              setZeekState(this, peer, Z.ESTABLISHED);
            }
            if (st[peer] === Z.SYN_SENT) setZeekState(this, peer, Z.ESTABLISHED);
            setZeekState(this, ep, Z.ESTABLISHED);
          }
        }
        if (fin) {
          setZeekState(this, ep, Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          setZeekState(this, ep, Z.RESET);
          doClose = true;
        }
        if (st[ep] === Z.INACTIVE) {
          if (!this.isOrig(ep) && len === 0 && st[this.orig(c)] === Z.SYN_SENT) {
            // Some stacks ack a SYN before answering it: not a partial connection.
          } else if (hasAck && st[peer] === Z.ESTABLISHED) setZeekState(this, ep, Z.ESTABLISHED);
          else setZeekState(this, ep, Z.PARTIAL);
        }
        break;
      }
      case Z.SYN_SENT:
      case Z.SYN_ACK_SENT:
        if (fin) {
          setZeekState(this, ep, Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          setZeekState(this, ep, Z.RESET);
          doClose = true;
        }
        break;
      case Z.ESTABLISHED:
      case Z.PARTIAL:
        if (syn && st[ep] === Z.PARTIAL && st[peer] === Z.INACTIVE && !hasAck) setZeekState(this, ep, Z.SYN_SENT);
        if (fin && !rst) {
          setZeekState(this, ep, Z.CLOSED);
          // A FIN followed by a RST from the peer was a normal close after all.
          if (st[peer] === Z.RESET && this.prevState[peer] === Z.CLOSED) setZeekState(this, peer, Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          setZeekState(this, ep, Z.RESET);
          doClose = true;
        }
        break;
      case Z.CLOSED:
        if (rst && st[peer] !== Z.CLOSED) {
          setZeekState(this, ep, Z.RESET);
          if (this.didClose[ep] === 0) doClose = true;
        }
        break;
      case Z.RESET:
        break;
    }
    if (this.handshakeDone[c] === 0 && isSynchronized(st[ep] as ZeekState) && !isSynchronized(this.prevState[ep] as ZeekState)) this.handshakeDone[c] = 1;
    if (doClose) this.connectionClosed(c, ep, peer);
  }

  /** ConnectionClosed, without the reassembler's deferral. */
  private connectionClosed(c: number, ep: number, peer: number): void {
    if (this.didClose[ep] !== 0) return;
    this.didClose[ep] = 1;
    const complete = this.state[ep] === Z.RESET || this.didClose[peer] !== 0 || this.state[peer] === Z.INACTIVE;
    if (complete) {
      this.attemptAt[c] = 0;
      this.partialCloseAt[c] = 0;
      this.deleteAt[c] = this.lastTime[c]! + ZeekTimers.closeDelay;
    } else if (this.prevState[ep] === Z.INACTIVE) {
      this.partialCloseAt[c] = this.lastTime[c]! + ZeekTimers.partialCloseDelay;
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
