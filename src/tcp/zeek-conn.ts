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
    return 2 * c + (this.ci32[c * 14 + 10 /* flips */]! & 1);
  }

  resp(c: number): number {
    return (2 * c + (this.ci32[c * 14 + 10 /* flips */]! & 1)) ^ 1;
  }

  /** Whether endpoint e (of connection e >> 1) is the originator now. */
  isOrig(e: number): boolean {
    return (e & 1) === (this.ci32[(e >> 1) * 14 + 10 /* flips */]! & 1);
  }

  /** Zeek's FlipRoles: swap originator and responder and note '^'. */
  flip(c: number): void {
    this.ci32[c * 14 + 10 /* flips */]!++;
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
    const at = this.cf64[c * 7 + 2 /* deleteAt */]!;
    return at !== 0 && ts >= at;
  }

  /**
   * Whether any of Zeek's timers for connection c is due at `ts`: when none
   * is, neither deletedAfterClose nor expired is true and expired changes
   * nothing, so a sweep need not look further.
   */
  timerDue(c: number, ts: number): boolean {
    const deleteAt = this.cf64[c * 7 + 2 /* deleteAt */]!;
    const attemptAt = this.cf64[c * 7 + 3 /* attemptAt */]!;
    const partialCloseAt = this.cf64[c * 7 + 4 /* partialCloseAt */]!;
    return (
      (deleteAt !== 0 && ts >= deleteAt) ||
      (attemptAt !== 0 && ts >= attemptAt) ||
      (partialCloseAt !== 0 && ts >= partialCloseAt) ||
      ts >= this.cf64[c * 7 + 1 /* lastTime */]! + (this.cu8[c * 56 + 48 /* handshakeDone */] !== 0 ? ZeekTimers.inactivity : ZeekTimers.handshakeInactivity)
    );
  }

  /** Whether Zeek has already dropped this connection from its table before a packet at `ts`. */
  expired(c: number, ts: number): boolean {
    if (this.deletedAfterClose(c, ts)) return true;
    const o = this.orig(c);
    const r = o ^ 1;
    const attemptAt = this.cf64[c * 7 + 3 /* attemptAt */]!;
    if (attemptAt !== 0 && ts >= attemptAt) {
      this.cf64[c * 7 + 3 /* attemptAt */] = 0;
      if ((this.eu8[o * 88 + 80 /* state */] === Z.SYN_SENT || this.eu8[o * 88 + 80 /* state */] === Z.SYN_ACK_SENT) && this.eu8[r * 88 + 80 /* state */] === Z.INACTIVE) return true;
    }
    const partialCloseAt = this.cf64[c * 7 + 4 /* partialCloseAt */]!;
    if (partialCloseAt !== 0 && ts >= partialCloseAt) {
      this.cf64[c * 7 + 4 /* partialCloseAt */] = 0;
      if (
        this.eu8[o * 88 + 80 /* state */] !== Z.INACTIVE &&
        this.eu8[r * 88 + 80 /* state */] !== Z.INACTIVE &&
        !(this.eu8[o * 88 + 83 /* didClose */] !== 0 && this.eu8[r * 88 + 83 /* didClose */] !== 0) &&
        this.eu8[o * 88 + 80 /* state */] !== Z.RESET &&
        this.eu8[r * 88 + 80 /* state */] !== Z.RESET
      )
        return true;
    }
    const idle = this.cu8[c * 56 + 48 /* handshakeDone */] !== 0 ? ZeekTimers.inactivity : ZeekTimers.handshakeInactivity;
    return ts >= this.cf64[c * 7 + 1 /* lastTime */]! + idle;
  }

  /** TCPSessionAdapter::IsReuse: does this SYN start a new connection on the same tuple? */
  isReuse(c: number, flags: number, seq: number): boolean {
    if ((flags & SYN) === 0) return false;
    const o = this.orig(c);
    const r = o ^ 1;
    let connOrig = o;
    if ((flags & ACK) !== 0) {
      if (this.eu8[o * 88 + 80 /* state */] !== Z.INACTIVE) return false;
      connOrig = r;
    }
    if (!(this.eu8[o * 88 + 83 /* didClose */] !== 0 || this.eu8[r * 88 + 83 /* didClose */] !== 0)) {
      if (seq >>> 0 === this.eu32[connOrig * 22 + 2 /* startSeq */]) return false;
      if ((flags & ACK) === 0 && this.eu8[connOrig * 88 + 80 /* state */] === Z.SYN_ACK_SENT && this.eu8[r * 88 + 80 /* state */] === Z.INACTIVE && seq >>> 0 === this.eu32[r * 22 + 2 /* startSeq */]) return false;
    }
    return true;
  }

  /** Adds `code` (cased for the direction) the first time `mask` is seen; true if it had been seen before. */
  private check(c: number, isOrig: boolean, mask: number, code: string): boolean {
    const m = isOrig ? mask : mask << 16;
    if ((this.ci32[c * 14 + 11 /* histSeen */]! & m) === 0) {
      this.ci32[c * 14 + 11 /* histSeen */]! |= m;
      this.histText[c] += isOrig ? code : code.toLowerCase();
      return false;
    }
    return true;
  }

  private add(c: number, isOrig: boolean, code: string): void {
    this.histText[c] += isOrig ? code : code.toLowerCase();
  }

  /**
   * One packet (TCPSessionAdapter::Process). `len` is the TCP payload length from the IP header.
   * seq and ack may come as int32 (a Smi, so no heap number per call) or uint32.
   */
  process(c: number, isOrig: boolean, flags: number, seqIn: number, ackIn: number, len: number, window: number, wscale: number, ts: number): void {
    const seq = seqIn >>> 0;
    const ack = ackIn >>> 0;
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
    const relSeq = seqDiff(seq, this.eu32[ep * 22 + 2 /* startSeq */]!);
    this.updateHistory(c, ep, flags, relSeq, len);

    // update_window: zero windows are interesting unless RST or after the peer closed.
    if (window === 0 && !rst && this.eu8[peer * 88 + 80 /* state */] !== Z.CLOSED && this.eu8[ep * 88 + 80 /* state */] !== Z.RESET) {
      if (win0Hit(this, ep)) this.add(c, this.isOrig(ep), 'W');
    }

    if (!(this.eu8[ep * 88 + 83 /* didClose */] !== 0 && this.eu8[peer * 88 + 83 /* didClose */] !== 0)) this.cf64[c * 7 + 1 /* lastTime */] = ts;

    if (syn) {
      // init_window: a SYN without the option means no scaling; a SYN+ACK without it cancels both.
      if (wscale < 0) {
        this.ei8[ep * 88 + 84 /* windowScale */] = 0;
        if (hasAck) this.ei8[peer * 88 + 84 /* windowScale */] = 0;
      } else this.ei8[ep * 88 + 84 /* windowScale */] = Math.min(wscale, 14);
    }
    if (fin) this.ei32[ep * 22 + 15 /* finCnt */]!++;
    if (rst) this.ei32[ep * 22 + 16 /* rstCnt */]!++;

    if (hasAck) {
      if (this.eu8[peer * 88 + 80 /* state */] === Z.INACTIVE) {
        // init_peer: number the silent side as if its SYN had been seen.
        initSeqs(this, peer, (ack - 1) >>> 0, (ack - 1) >>> 0);
        this.eu32[peer * 22 + 6 /* contig */] = ack;
      } else if (!rst && seqDiff(ack, this.eu32[peer * 22 + 4 /* ackSeq */]!) > 0 && !(ack === 0 && seqDiff(ack, this.eu32[peer * 22 + 4 /* ackSeq */]!) > TOO_LARGE_SEQ_DELTA)) {
        this.eu32[peer * 22 + 4 /* ackSeq */] = ack;
      }
    }

    this.updateLastSeq(c, ep, onePast, syn, fin, rst, len);
    this.updateStateMachine(c, ep, peer, isOrig, flags, len, ts);
    // int32 forms: a uint32 from 2^31 up passed to a call is a heap number per packet.
    if (len > 0 && !rst) this.dataSent(ep, syn ? (seq + 1) | 0 : seq | 0, len);
    if (fin) this.eu32[ep * 22 + 5 /* finSeq */] = seq + len + (syn ? 1 : 0);
    if (hasAck && !rst && !fin) this.ackReceived(c, peer, ack | 0);
  }

  private initEndpoint(ep: number, syn: boolean, seq: number, onePast: number): void {
    switch (this.eu8[ep * 88 + 80 /* state */]) {
      case Z.INACTIVE:
        if (syn) initSeqs(this, ep, seq, onePast);
        // A partial side is numbered as though a SYN preceded it; its first packet is not a duplicate.
        else initSeqs(this, ep, (seq - 1) >>> 0, seq);
        this.eu32[ep * 22 + 6 /* contig */] = this.eu32[ep * 22 + 2 /* startSeq */]! + 1;
        break;
      case Z.SYN_SENT:
      case Z.SYN_ACK_SENT:
        if (syn && seq >>> 0 !== this.eu32[ep * 22 + 2 /* startSeq */]) restart(this, ep, seq, onePast);
        break;
      case Z.ESTABLISHED:
      case Z.PARTIAL:
        if (syn) restart(this, ep, seq, onePast);
        break;
      case Z.RESET:
        if (syn && this.eu8[ep * 88 + 81 /* prevState */] === Z.INACTIVE) restart(this, ep, seq, onePast);
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
        if (this.check(c, o, Hist.SYN_PKT, code) && relSeq !== this.ei32[ep * 22 + 17 /* histLastSyn */]) this.add(c, o, code);
        this.ei32[ep * 22 + 17 /* histLastSyn */] = relSeq;
      }
      if (fin) {
        // A FIN's sequence number is the one after its data.
        const s = (relSeq + len) | 0;
        if (this.check(c, o, Hist.FIN_PKT, 'F') && s !== this.ei32[ep * 22 + 18 /* histLastFin */]) this.add(c, o, 'F');
        this.ei32[ep * 22 + 18 /* histLastFin */] = s;
      }
      if (rst) {
        if (this.check(c, o, Hist.RST_PKT, 'R') && relSeq !== this.ei32[ep * 22 + 19 /* histLastRst */]) this.add(c, o, 'R');
        this.ei32[ep * 22 + 19 /* histLastRst */] = relSeq;
      }
    } else if (len > 0) this.check(c, o, Hist.DATA_PKT, 'D');
    else if ((flags & ACK) !== 0) this.check(c, o, Hist.ACK_PKT, 'A');
  }

  /** update_last_seq: advances this side's highest sequence; a non-advancing data segment is a retransmission ('t'). */
  private updateLastSeq(c: number, ep: number, onePast: number, syn: boolean, fin: boolean, rst: boolean, len: number): void {
    const lastSeq = this.eu32[ep * 22 + 3 /* lastSeq */]!;
    const delta = seqDiff(onePast, lastSeq);
    if ((syn || rst) && (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA)) {
      // Outlandish SYN/RST sequence numbers are not trusted.
    } else if (fin && lastSeq === ((this.eu32[ep * 22 + 2 /* startSeq */]! + 1) >>> 0)) this.eu32[ep * 22 + 3 /* lastSeq */] = onePast;
    else if (this.eu8[ep * 88 + 80 /* state */] === Z.RESET) {
      // Nothing after a RST is trusted.
    } else if (delta > 0) this.eu32[ep * 22 + 3 /* lastSeq */] = onePast;
    else if (len > 0) {
      if (rxmtHit(this, ep)) this.add(c, this.isOrig(ep), 'T');
    }
  }

  /**
   * Zeek's reassembler, reduced to what content gaps need ('g' and
   * missed_bytes): how far this side's data is contiguous, plus one block
   * seen beyond a hole. seq may come as int32 or uint32.
   */
  private dataSent(ep: number, seqIn: number, len: number): void {
    const seq = seqIn >>> 0;
    const end = (seq + len) >>> 0;
    if (seqDiff(seq, this.eu32[ep * 22 + 6 /* contig */]!) <= 0) {
      if (seqDiff(end, this.eu32[ep * 22 + 6 /* contig */]!) > 0) this.eu32[ep * 22 + 6 /* contig */] = end;
    } else if (this.eu8[ep * 88 + 82 /* hasAhead */] === 0) {
      this.eu8[ep * 88 + 82 /* hasAhead */] = 1;
      this.eu32[ep * 22 + 7 /* aheadStart */] = seq;
      this.eu32[ep * 22 + 8 /* aheadEnd */] = end;
    } else {
      if (seqDiff(seq, this.eu32[ep * 22 + 7 /* aheadStart */]!) < 0) this.eu32[ep * 22 + 7 /* aheadStart */] = seq;
      if (seqDiff(end, this.eu32[ep * 22 + 8 /* aheadEnd */]!) > 0) this.eu32[ep * 22 + 8 /* aheadEnd */] = end;
    }
    this.mergeAhead(ep);
  }

  private mergeAhead(ep: number): void {
    if (this.eu8[ep * 88 + 82 /* hasAhead */] !== 0 && seqDiff(this.eu32[ep * 22 + 7 /* aheadStart */]!, this.eu32[ep * 22 + 6 /* contig */]!) <= 0) {
      if (seqDiff(this.eu32[ep * 22 + 8 /* aheadEnd */]!, this.eu32[ep * 22 + 6 /* contig */]!) > 0) this.eu32[ep * 22 + 6 /* contig */] = this.eu32[ep * 22 + 8 /* aheadEnd */]!;
      this.eu8[ep * 88 + 82 /* hasAhead */] = 0;
    }
  }

  /**
   * The peer acknowledged data of `ep` up to `ack`: any part the observer never
   * saw is a content gap. ACKs riding on a FIN or RST are not trusted for this
   * (TCPSessionAdapter::Process defers AckReceived for that reason), and a
   * side whose numbering was guessed (partial) has no reliable gaps. ack may
   * come as int32 or uint32.
   */
  private ackReceived(c: number, ep: number, ack: number): void {
    const s = this.eu8[ep * 88 + 80 /* state */];
    if (s === Z.INACTIVE || s === Z.PARTIAL || s === Z.SYN_SENT || s === Z.SYN_ACK_SENT) return;
    let limit = ack >>> 0;
    if (this.ei32[ep * 22 + 15 /* finCnt */]! > 0 && seqDiff(limit, this.eu32[ep * 22 + 5 /* finSeq */]!) > 0) limit = this.eu32[ep * 22 + 5 /* finSeq */]!;
    const gap = seqDiff(limit, this.eu32[ep * 22 + 6 /* contig */]!);
    if (gap <= 0) return;
    this.ef64[ep * 11 + 0 /* missedBytes */]! += gap;
    this.eu32[ep * 22 + 6 /* contig */] = limit;
    this.mergeAhead(ep);
    if (gapHit(this, ep)) this.add(c, this.isOrig(ep), 'G');
  }

  private updateStateMachine(c: number, ep: number, peer: number, isOrig: boolean, flags: number, len: number, ts: number): void {
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const hasAck = (flags & ACK) !== 0;
    let doClose = false;
    switch (this.eu8[ep * 88 + 80 /* state */]) {
      case Z.INACTIVE: {
        if (syn) {
          if (isOrig) {
            setZeekState(this, ep, hasAck ? Z.SYN_ACK_SENT : Z.SYN_SENT);
            this.cf64[c * 7 + 3 /* attemptAt */] = ts + ZeekTimers.attemptDelay;
          } else {
            if (!hasAck && this.eu8[peer * 88 + 80 /* state */] === Z.SYN_ACK_SENT) {
              // SYN/SYN-ACK reversal: flip the endpoints and establish.
              this.flip(c);
              setZeekState(this, peer, Z.ESTABLISHED);
            }
            if (this.eu8[peer * 88 + 80 /* state */] === Z.SYN_SENT) setZeekState(this, peer, Z.ESTABLISHED);
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
        if (this.eu8[ep * 88 + 80 /* state */] === Z.INACTIVE) {
          if (!this.isOrig(ep) && len === 0 && this.eu8[(this.orig(c)) * 88 + 80 /* state */] === Z.SYN_SENT) {
            // Some stacks ack a SYN before answering it: not a partial connection.
          } else if (hasAck && this.eu8[peer * 88 + 80 /* state */] === Z.ESTABLISHED) setZeekState(this, ep, Z.ESTABLISHED);
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
        if (syn && this.eu8[ep * 88 + 80 /* state */] === Z.PARTIAL && this.eu8[peer * 88 + 80 /* state */] === Z.INACTIVE && !hasAck) setZeekState(this, ep, Z.SYN_SENT);
        if (fin && !rst) {
          setZeekState(this, ep, Z.CLOSED);
          // A FIN followed by a RST from the peer was a normal close after all.
          if (this.eu8[peer * 88 + 80 /* state */] === Z.RESET && this.eu8[peer * 88 + 81 /* prevState */] === Z.CLOSED) setZeekState(this, peer, Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          setZeekState(this, ep, Z.RESET);
          doClose = true;
        }
        break;
      case Z.CLOSED:
        if (rst && this.eu8[peer * 88 + 80 /* state */] !== Z.CLOSED) {
          setZeekState(this, ep, Z.RESET);
          if (this.eu8[ep * 88 + 83 /* didClose */] === 0) doClose = true;
        }
        break;
      case Z.RESET:
        break;
    }
    if (this.cu8[c * 56 + 48 /* handshakeDone */] === 0 && isSynchronized(this.eu8[ep * 88 + 80 /* state */] as ZeekState) && !isSynchronized(this.eu8[ep * 88 + 81 /* prevState */] as ZeekState)) this.cu8[c * 56 + 48 /* handshakeDone */] = 1;
    if (doClose) this.connectionClosed(c, ep, peer);
  }

  /** ConnectionClosed, without the reassembler's deferral. */
  private connectionClosed(c: number, ep: number, peer: number): void {
    if (this.eu8[ep * 88 + 83 /* didClose */] !== 0) return;
    this.eu8[ep * 88 + 83 /* didClose */] = 1;
    const complete = this.eu8[ep * 88 + 80 /* state */] === Z.RESET || this.eu8[peer * 88 + 83 /* didClose */] !== 0 || this.eu8[peer * 88 + 80 /* state */] === Z.INACTIVE;
    if (complete) {
      this.cf64[c * 7 + 3 /* attemptAt */] = 0;
      this.cf64[c * 7 + 4 /* partialCloseAt */] = 0;
      this.cf64[c * 7 + 2 /* deleteAt */] = this.cf64[c * 7 + 1 /* lastTime */]! + ZeekTimers.closeDelay;
    } else if (this.eu8[ep * 88 + 81 /* prevState */] === Z.INACTIVE) {
      this.cf64[c * 7 + 4 /* partialCloseAt */] = this.cf64[c * 7 + 1 /* lastTime */]! + ZeekTimers.partialCloseDelay;
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
