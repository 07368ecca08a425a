import { TcpFlag } from '../model/decoded.js';
import { Hist, appendHistory, responderLetter } from './history.js';
import { seqDiff } from './seq.js';
import { ZeekState } from './states.js';
import { PAGE_SLOTS } from './paged-slots.js';
import { ZeekColumns, type ZeekPage } from './zeek-columns.js';
import { zeekConnState } from './conn-state.js';
import { gapHit, initSeqs, origOf, restart, rxmtHit, setZeekState, win0Hit, zeekSize } from './zeek-endpoint.js';

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
  /** Role flips of connection slot s so far (the originator is its endpoint 2c + (flips & 1)). */
  flips(s: number): number {
    return this.page(s).ci32[(s & (PAGE_SLOTS - 1)) * 14 + 10 /* flips */]!;
  }

  /** The history of connection slot s so far. */
  history(s: number): string {
    return this.page(s).histText[s & (PAGE_SLOTS - 1)]!;
  }

  /** Zeek's FlipRoles on connection slot s. */
  flip(s: number): void {
    flipOf(this.page(s), s & (PAGE_SLOTS - 1));
  }

  /** Zeek's conn_state of connection slot s. */
  connState(s: number): string {
    return zeekConnState(this.page(s), s & (PAGE_SLOTS - 1));
  }

  /** The originator's (or the responder's) payload bytes as conn.log counts them (orig_bytes / resp_bytes). */
  bytes(s: number, orig: boolean): number {
    const z = this.page(s);
    const o = origOf(z, s & (PAGE_SLOTS - 1));
    return orig ? zeekSize(z, o, o ^ 1) : zeekSize(z, o ^ 1, o);
  }

  /** The originator's (or the responder's) share of Zeek's missed_bytes. */
  missedBytes(s: number, orig: boolean): number {
    const z = this.page(s);
    const o = origOf(z, s & (PAGE_SLOTS - 1));
    return z.ef64[(orig ? o : o ^ 1) * 11 + 0 /* missedBytes */]!;
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
  deletedAfterClose(s: number, ts: number): boolean {
    return deletedAfterClose(this.page(s), s & (PAGE_SLOTS - 1), ts);
  }

  /**
   * Whether any of Zeek's timers for connection c is due at `ts`: when none
   * is, neither deletedAfterClose nor expired is true and expired changes
   * nothing, so a sweep need not look further.
   */
  timerDue(s: number, ts: number): boolean {
    const z = this.page(s);
    const c = s & (PAGE_SLOTS - 1);
    const attemptAt = z.cf64[c * 7 + 3 /* attemptAt */]!;
    const partialCloseAt = z.cf64[c * 7 + 4 /* partialCloseAt */]!;
    return (
      deletedAfterClose(z, c, ts) ||
      (attemptAt !== 0 && ts >= attemptAt) ||
      (partialCloseAt !== 0 && ts >= partialCloseAt) ||
      ts >= idleUntil(z, c)
    );
  }

  /**
   * The earliest `ts` at which expired(s, ts) is true if no packet comes
   * first. A timer whose condition is false now stays false: no packet
   * changes the endpoints' states meanwhile.
   */
  expiresAt(s: number): number {
    const z = this.page(s);
    const c = s & (PAGE_SLOTS - 1);
    let at = idleUntil(z, c);
    const deleteAt = z.cf64[c * 7 + 2 /* deleteAt */]!;
    if (deleteAt !== 0 && deleteAt < at) at = deleteAt;
    const attemptAt = z.cf64[c * 7 + 3 /* attemptAt */]!;
    if (attemptAt !== 0 && attemptAt < at && attemptGivenUp(z, c)) at = attemptAt;
    const partialCloseAt = z.cf64[c * 7 + 4 /* partialCloseAt */]!;
    if (partialCloseAt !== 0 && partialCloseAt < at && partialCloseOver(z, c)) at = partialCloseAt;
    return at;
  }

  /** Whether Zeek has already dropped this connection from its table before a packet at `ts`. */
  expired(s: number, ts: number): boolean {
    const z = this.page(s);
    const c = s & (PAGE_SLOTS - 1);
    if (deletedAfterClose(z, c, ts)) return true;
    const attemptAt = z.cf64[c * 7 + 3 /* attemptAt */]!;
    if (attemptAt !== 0 && ts >= attemptAt) {
      z.cf64[c * 7 + 3 /* attemptAt */] = 0;
      if (attemptGivenUp(z, c)) return true;
    }
    const partialCloseAt = z.cf64[c * 7 + 4 /* partialCloseAt */]!;
    if (partialCloseAt !== 0 && ts >= partialCloseAt) {
      z.cf64[c * 7 + 4 /* partialCloseAt */] = 0;
      if (partialCloseOver(z, c)) return true;
    }
    return ts >= idleUntil(z, c);
  }

  /** TCPSessionAdapter::IsReuse: does this SYN start a new connection on the same tuple? */
  isReuse(s: number, flags: number, seq: number): boolean {
    const z = this.page(s);
    const c = s & (PAGE_SLOTS - 1);
    if ((flags & SYN) === 0) return false;
    const o = origOf(z, c);
    const r = o ^ 1;
    let connOrig = o;
    if ((flags & ACK) !== 0) {
      if (z.eu8[o * 88 + 80 /* state */] !== Z.INACTIVE) return false;
      connOrig = r;
    }
    if (!(z.eu8[o * 88 + 83 /* didClose */] !== 0 || z.eu8[r * 88 + 83 /* didClose */] !== 0)) {
      if (seq >>> 0 === z.eu32[connOrig * 22 + 2 /* startSeq */]) return false;
      if ((flags & ACK) === 0 && z.eu8[connOrig * 88 + 80 /* state */] === Z.SYN_ACK_SENT && z.eu8[r * 88 + 80 /* state */] === Z.INACTIVE && seq >>> 0 === z.eu32[r * 22 + 2 /* startSeq */]) return false;
    }
    return true;
  }

  /** Adds `code` (cased for the direction) the first time `mask` is seen; true if it had been seen before. */
  private check(z: ZeekPage, c: number, isOrig: boolean, mask: number, code: string): boolean {
    const m = isOrig ? mask : mask << 16;
    if ((z.ci32[c * 14 + 11 /* histSeen */]! & m) === 0) {
      z.ci32[c * 14 + 11 /* histSeen */]! |= m;
      this.add(z, c, isOrig, code);
      return false;
    }
    return true;
  }

  private add(z: ZeekPage, c: number, isOrig: boolean, code: string): void {
    z.histText[c] = appendHistory(z.histText[c]!, isOrig ? code : responderLetter(code));
  }

  /**
   * One packet (TCPSessionAdapter::Process). `len` is the TCP payload length from the IP header.
   * seq and ack may come as int32 (a Smi, so no heap number per call) or uint32.
   */
  process(s: number, isOrig: boolean, flags: number, seqIn: number, ackIn: number, len: number, window: number, wscale: number, ts: number): void {
    const z = this.page(s);
    const c = s & (PAGE_SLOTS - 1);
    const seq = seqIn >>> 0;
    const ack = ackIn >>> 0;
    const ep = isOrig ? origOf(z, c) : respOf(z, c);
    const peer = ep ^ 1;
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const hasAck = (flags & ACK) !== 0;

    let segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
    if (rst) segLen -= len;
    const onePast = (seq + segLen) >>> 0;

    this.initEndpoint(z, ep, syn, seq, onePast);
    const relSeq = seqDiff(seq, z.eu32[ep * 22 + 2 /* startSeq */]!);
    this.updateHistory(z, c, ep, flags, relSeq, len);

    // update_window: zero windows are interesting unless RST or after the peer closed.
    if (window === 0 && !rst && z.eu8[peer * 88 + 80 /* state */] !== Z.CLOSED && z.eu8[ep * 88 + 80 /* state */] !== Z.RESET) {
      if (win0Hit(z, ep)) this.add(z, c, isOrigOf(z, ep), 'W');
    }

    if (!(z.eu8[ep * 88 + 83 /* didClose */] !== 0 && z.eu8[peer * 88 + 83 /* didClose */] !== 0)) z.cf64[c * 7 + 1 /* lastTime */] = ts;

    if (syn) {
      // init_window: a SYN without the option means no scaling; a SYN+ACK without it cancels both.
      if (wscale < 0) {
        z.ei8[ep * 88 + 84 /* windowScale */] = 0;
        if (hasAck) z.ei8[peer * 88 + 84 /* windowScale */] = 0;
      } else z.ei8[ep * 88 + 84 /* windowScale */] = Math.min(wscale, 14);
    }
    if (fin) z.ei32[ep * 22 + 15 /* finCnt */]!++;
    if (rst) z.ei32[ep * 22 + 16 /* rstCnt */]!++;

    if (hasAck) {
      if (z.eu8[peer * 88 + 80 /* state */] === Z.INACTIVE) {
        // init_peer: number the silent side as if its SYN had been seen.
        initSeqs(z, peer, (ack - 1) >>> 0, (ack - 1) >>> 0);
        z.eu32[peer * 22 + 6 /* contig */] = ack;
      } else if (!rst && seqDiff(ack, z.eu32[peer * 22 + 4 /* ackSeq */]!) > 0 && !(ack === 0 && seqDiff(ack, z.eu32[peer * 22 + 4 /* ackSeq */]!) > TOO_LARGE_SEQ_DELTA)) {
        z.eu32[peer * 22 + 4 /* ackSeq */] = ack;
      }
    }

    this.updateLastSeq(z, c, ep, onePast, syn, fin, rst, len);
    this.updateStateMachine(z, c, ep, peer, isOrig, flags, len, ts);
    // int32 forms: a uint32 from 2^31 up passed to a call is a heap number per packet.
    if (len > 0 && !rst) this.dataSent(z, ep, syn ? (seq + 1) | 0 : seq | 0, len);
    if (fin) z.eu32[ep * 22 + 5 /* finSeq */] = seq + len + (syn ? 1 : 0);
    if (hasAck && !rst && !fin) this.ackReceived(z, c, peer, ack | 0);
  }

  private initEndpoint(z: ZeekPage, ep: number, syn: boolean, seq: number, onePast: number): void {
    switch (z.eu8[ep * 88 + 80 /* state */]) {
      case Z.INACTIVE:
        if (syn) initSeqs(z, ep, seq, onePast);
        // A partial side is numbered as though a SYN preceded it; its first packet is not a duplicate.
        else initSeqs(z, ep, (seq - 1) >>> 0, seq);
        z.eu32[ep * 22 + 6 /* contig */] = z.eu32[ep * 22 + 2 /* startSeq */]! + 1;
        break;
      case Z.SYN_SENT:
      case Z.SYN_ACK_SENT:
        if (syn && seq >>> 0 !== z.eu32[ep * 22 + 2 /* startSeq */]) restart(z, ep, seq, onePast);
        break;
      case Z.ESTABLISHED:
      case Z.PARTIAL:
        if (syn) restart(z, ep, seq, onePast);
        break;
      case Z.RESET:
        if (syn && z.eu8[ep * 88 + 81 /* prevState */] === Z.INACTIVE) restart(z, ep, seq, onePast);
        break;
    }
  }

  /** update_history in TCPSessionAdapter.cc. */
  private updateHistory(z: ZeekPage, c: number, ep: number, flags: number, relSeq: number, len: number): void {
    const o = isOrigOf(z, ep);
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
    if (bits > 1) {
      if (fin && rst) this.check(z, c, o, Hist.FIN_RST_PKT, 'I');
      else this.check(z, c, o, Hist.MULTI_FLAG_PKT, 'Q');
    } else if (bits === 1) {
      if (syn) {
        const code = (flags & ACK) !== 0 ? 'H' : 'S';
        if (this.check(z, c, o, Hist.SYN_PKT, code) && relSeq !== z.ei32[ep * 22 + 17 /* histLastSyn */]) this.add(z, c, o, code);
        z.ei32[ep * 22 + 17 /* histLastSyn */] = relSeq;
      }
      if (fin) {
        // A FIN's sequence number is the one after its data.
        const s = (relSeq + len) | 0;
        if (this.check(z, c, o, Hist.FIN_PKT, 'F') && s !== z.ei32[ep * 22 + 18 /* histLastFin */]) this.add(z, c, o, 'F');
        z.ei32[ep * 22 + 18 /* histLastFin */] = s;
      }
      if (rst) {
        if (this.check(z, c, o, Hist.RST_PKT, 'R') && relSeq !== z.ei32[ep * 22 + 19 /* histLastRst */]) this.add(z, c, o, 'R');
        z.ei32[ep * 22 + 19 /* histLastRst */] = relSeq;
      }
    } else if (len > 0) this.check(z, c, o, Hist.DATA_PKT, 'D');
    else if ((flags & ACK) !== 0) this.check(z, c, o, Hist.ACK_PKT, 'A');
  }

  /** update_last_seq: advances this side's highest sequence; a non-advancing data segment is a retransmission ('t'). */
  private updateLastSeq(z: ZeekPage, c: number, ep: number, onePast: number, syn: boolean, fin: boolean, rst: boolean, len: number): void {
    const lastSeq = z.eu32[ep * 22 + 3 /* lastSeq */]!;
    const delta = seqDiff(onePast, lastSeq);
    if ((syn || rst) && (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA)) {
      // Outlandish SYN/RST sequence numbers are not trusted.
    } else if (fin && lastSeq === ((z.eu32[ep * 22 + 2 /* startSeq */]! + 1) >>> 0)) z.eu32[ep * 22 + 3 /* lastSeq */] = onePast;
    else if (z.eu8[ep * 88 + 80 /* state */] === Z.RESET) {
      // Nothing after a RST is trusted.
    } else if (delta > 0) z.eu32[ep * 22 + 3 /* lastSeq */] = onePast;
    else if (len > 0) {
      if (rxmtHit(z, ep)) this.add(z, c, isOrigOf(z, ep), 'T');
    }
  }

  /**
   * Zeek's reassembler, reduced to what content gaps need ('g' and
   * missed_bytes): how far this side's data is contiguous, plus one block
   * seen beyond a hole. seq may come as int32 or uint32.
   */
  private dataSent(z: ZeekPage, ep: number, seqIn: number, len: number): void {
    const seq = seqIn >>> 0;
    const end = (seq + len) >>> 0;
    if (seqDiff(seq, z.eu32[ep * 22 + 6 /* contig */]!) <= 0) {
      if (seqDiff(end, z.eu32[ep * 22 + 6 /* contig */]!) > 0) z.eu32[ep * 22 + 6 /* contig */] = end;
    } else if (z.eu8[ep * 88 + 82 /* hasAhead */] === 0) {
      z.eu8[ep * 88 + 82 /* hasAhead */] = 1;
      z.eu32[ep * 22 + 7 /* aheadStart */] = seq;
      z.eu32[ep * 22 + 8 /* aheadEnd */] = end;
    } else {
      if (seqDiff(seq, z.eu32[ep * 22 + 7 /* aheadStart */]!) < 0) z.eu32[ep * 22 + 7 /* aheadStart */] = seq;
      if (seqDiff(end, z.eu32[ep * 22 + 8 /* aheadEnd */]!) > 0) z.eu32[ep * 22 + 8 /* aheadEnd */] = end;
    }
    this.mergeAhead(z, ep);
  }

  private mergeAhead(z: ZeekPage, ep: number): void {
    if (z.eu8[ep * 88 + 82 /* hasAhead */] !== 0 && seqDiff(z.eu32[ep * 22 + 7 /* aheadStart */]!, z.eu32[ep * 22 + 6 /* contig */]!) <= 0) {
      if (seqDiff(z.eu32[ep * 22 + 8 /* aheadEnd */]!, z.eu32[ep * 22 + 6 /* contig */]!) > 0) z.eu32[ep * 22 + 6 /* contig */] = z.eu32[ep * 22 + 8 /* aheadEnd */]!;
      z.eu8[ep * 88 + 82 /* hasAhead */] = 0;
    }
  }

  /**
   * The peer acknowledged data of `ep` up to `ack`: any part the observer never
   * saw is a content gap. ACKs riding on a FIN or RST are not trusted for this
   * (TCPSessionAdapter::Process defers AckReceived for that reason), and a
   * side whose numbering was guessed (partial) has no reliable gaps. ack may
   * come as int32 or uint32.
   */
  private ackReceived(z: ZeekPage, c: number, ep: number, ack: number): void {
    const s = z.eu8[ep * 88 + 80 /* state */];
    if (s === Z.INACTIVE || s === Z.PARTIAL || s === Z.SYN_SENT || s === Z.SYN_ACK_SENT) return;
    let limit = ack >>> 0;
    if (z.ei32[ep * 22 + 15 /* finCnt */]! > 0 && seqDiff(limit, z.eu32[ep * 22 + 5 /* finSeq */]!) > 0) limit = z.eu32[ep * 22 + 5 /* finSeq */]!;
    const gap = seqDiff(limit, z.eu32[ep * 22 + 6 /* contig */]!);
    if (gap <= 0) return;
    z.ef64[ep * 11 + 0 /* missedBytes */]! += gap;
    z.eu32[ep * 22 + 6 /* contig */] = limit;
    this.mergeAhead(z, ep);
    if (gapHit(z, ep)) this.add(z, c, isOrigOf(z, ep), 'G');
  }

  private updateStateMachine(z: ZeekPage, c: number, ep: number, peer: number, isOrig: boolean, flags: number, len: number, ts: number): void {
    const syn = (flags & SYN) !== 0;
    const fin = (flags & FIN) !== 0;
    const rst = (flags & RST) !== 0;
    const hasAck = (flags & ACK) !== 0;
    let doClose = false;
    switch (z.eu8[ep * 88 + 80 /* state */]) {
      case Z.INACTIVE: {
        if (syn) {
          if (isOrig) {
            setZeekState(z, ep, hasAck ? Z.SYN_ACK_SENT : Z.SYN_SENT);
            z.cf64[c * 7 + 3 /* attemptAt */] = ts + ZeekTimers.attemptDelay;
          } else {
            if (!hasAck && z.eu8[peer * 88 + 80 /* state */] === Z.SYN_ACK_SENT) {
              // SYN/SYN-ACK reversal: flip the endpoints and establish.
              flipOf(z, c);
              setZeekState(z, peer, Z.ESTABLISHED);
            }
            if (z.eu8[peer * 88 + 80 /* state */] === Z.SYN_SENT) setZeekState(z, peer, Z.ESTABLISHED);
            setZeekState(z, ep, Z.ESTABLISHED);
          }
        }
        if (fin) {
          setZeekState(z, ep, Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          setZeekState(z, ep, Z.RESET);
          doClose = true;
        }
        if (z.eu8[ep * 88 + 80 /* state */] === Z.INACTIVE) {
          if (!isOrigOf(z, ep) && len === 0 && z.eu8[(origOf(z, c)) * 88 + 80 /* state */] === Z.SYN_SENT) {
            // Some stacks ack a SYN before answering it: not a partial connection.
          } else if (hasAck && z.eu8[peer * 88 + 80 /* state */] === Z.ESTABLISHED) setZeekState(z, ep, Z.ESTABLISHED);
          else setZeekState(z, ep, Z.PARTIAL);
        }
        break;
      }
      case Z.SYN_SENT:
      case Z.SYN_ACK_SENT:
        if (fin) {
          setZeekState(z, ep, Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          setZeekState(z, ep, Z.RESET);
          doClose = true;
        }
        break;
      case Z.ESTABLISHED:
      case Z.PARTIAL:
        if (syn && z.eu8[ep * 88 + 80 /* state */] === Z.PARTIAL && z.eu8[peer * 88 + 80 /* state */] === Z.INACTIVE && !hasAck) setZeekState(z, ep, Z.SYN_SENT);
        if (fin && !rst) {
          setZeekState(z, ep, Z.CLOSED);
          // A FIN followed by a RST from the peer was a normal close after all.
          if (z.eu8[peer * 88 + 80 /* state */] === Z.RESET && z.eu8[peer * 88 + 81 /* prevState */] === Z.CLOSED) setZeekState(z, peer, Z.CLOSED);
          doClose = true;
        }
        if (rst) {
          setZeekState(z, ep, Z.RESET);
          doClose = true;
        }
        break;
      case Z.CLOSED:
        if (rst && z.eu8[peer * 88 + 80 /* state */] !== Z.CLOSED) {
          setZeekState(z, ep, Z.RESET);
          if (z.eu8[ep * 88 + 83 /* didClose */] === 0) doClose = true;
        }
        break;
      case Z.RESET:
        break;
    }
    if (z.cu8[c * 56 + 48 /* handshakeDone */] === 0 && isSynchronized(z.eu8[ep * 88 + 80 /* state */] as ZeekState) && !isSynchronized(z.eu8[ep * 88 + 81 /* prevState */] as ZeekState)) z.cu8[c * 56 + 48 /* handshakeDone */] = 1;
    if (doClose) this.connectionClosed(z, c, ep, peer);
  }

  /** ConnectionClosed, without the reassembler's deferral. */
  private connectionClosed(z: ZeekPage, c: number, ep: number, peer: number): void {
    if (z.eu8[ep * 88 + 83 /* didClose */] !== 0) return;
    z.eu8[ep * 88 + 83 /* didClose */] = 1;
    const complete = z.eu8[ep * 88 + 80 /* state */] === Z.RESET || z.eu8[peer * 88 + 83 /* didClose */] !== 0 || z.eu8[peer * 88 + 80 /* state */] === Z.INACTIVE;
    if (complete) {
      z.cf64[c * 7 + 3 /* attemptAt */] = 0;
      z.cf64[c * 7 + 4 /* partialCloseAt */] = 0;
      z.cf64[c * 7 + 2 /* deleteAt */] = z.cf64[c * 7 + 1 /* lastTime */]! + ZeekTimers.closeDelay;
    } else if (z.eu8[ep * 88 + 81 /* prevState */] === Z.INACTIVE) {
      z.cf64[c * 7 + 4 /* partialCloseAt */] = z.cf64[c * 7 + 1 /* lastTime */]! + ZeekTimers.partialCloseDelay;
    }
  }
}

function respOf(z: ZeekPage, c: number): number {
  return (2 * c + (z.ci32[c * 14 + 10 /* flips */]! & 1)) ^ 1;
}

/** Whether endpoint e (of connection e >> 1) is the originator now. */
function isOrigOf(z: ZeekPage, e: number): boolean {
  return (e & 1) === (z.ci32[(e >> 1) * 14 + 10 /* flips */]! & 1);
}

/** Zeek's FlipRoles: swap originator and responder and note '^'. */
function flipOf(z: ZeekPage, c: number): void {
  z.ci32[c * 14 + 10 /* flips */]!++;
  z.histText[c] = appendHistory(z.histText[c]!, '^');
}

/** Zeek's AttemptTimer drops the connection: the originator's SYN (or SYN+ACK) got no answer. */
function attemptGivenUp(z: ZeekPage, c: number): boolean {
  const o = origOf(z, c);
  const os = z.eu8[o * 88 + 80 /* state */];
  return (os === Z.SYN_SENT || os === Z.SYN_ACK_SENT) && z.eu8[(o ^ 1) * 88 + 80 /* state */] === Z.INACTIVE;
}

/** Zeek's PartialCloseTimer drops the connection: both sides active, not both closed, neither reset. */
function partialCloseOver(z: ZeekPage, c: number): boolean {
  const o = origOf(z, c);
  const r = o ^ 1;
  return (
    z.eu8[o * 88 + 80 /* state */] !== Z.INACTIVE &&
    z.eu8[r * 88 + 80 /* state */] !== Z.INACTIVE &&
    !(z.eu8[o * 88 + 83 /* didClose */] !== 0 && z.eu8[r * 88 + 83 /* didClose */] !== 0) &&
    z.eu8[o * 88 + 80 /* state */] !== Z.RESET &&
    z.eu8[r * 88 + 80 /* state */] !== Z.RESET
  );
}

function deletedAfterClose(z: ZeekPage, c: number, ts: number): boolean {
  const at = z.cf64[c * 7 + 2 /* deleteAt */]!;
  return at !== 0 && ts >= at;
}

/** When connection c's inactivity timer fires: Zeek's idle limit, shorter before the handshake completes. */
function idleUntil(z: ZeekPage, c: number): number {
  return z.cf64[c * 7 + 1 /* lastTime */]! + (z.cu8[c * 56 + 48 /* handshakeDone */] !== 0 ? ZeekTimers.inactivity : ZeekTimers.handshakeInactivity);
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
