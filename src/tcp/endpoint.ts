import type { Endpoint, Transition } from '../model/flow.js';
import { EndpointRecord, lastPacked, unpackAll } from './endpoint-record.js';
import { TR_INLINE, type EndpointColumns } from './endpoint-columns.js';
import { TcpState } from './states.js';
import { nextState, type TcpEvent } from './transitions.js';

/**
 * One live side of a connection: the model's Endpoint (what listeners read)
 * as a view of slot `e` of the tracker's EndpointColumns, plus the tracker's
 * private bookkeeping there. Valid until the flow ends: the tracker then hands
 * listeners an EndpointRecord copy (freeze) and gives the slot back.
 */
export class TrackedEndpoint implements Endpoint {
  readonly ip: string;
  readonly port: number;
  private readonly c: EndpointColumns;
  /** The slot; -1 once frozen (the view must not be read any more). */
  e: number;

  constructor(c: EndpointColumns, ip: string, port: number) {
    this.c = c;
    this.e = c.alloc();
    this.ip = ip;
    this.port = port;
  }

  get state(): TcpState {
    return this.c.state[this.e] as TcpState;
  }
  set state(v: TcpState) {
    this.c.state[this.e] = v;
  }
  get prevState(): TcpState {
    return this.c.prevState[this.e] as TcpState;
  }
  set prevState(v: TcpState) {
    this.c.prevState[this.e] = v;
  }
  get reached(): number {
    return this.c.reached[this.e]!;
  }
  get hasIsn(): boolean {
    return this.c.hasIsn[this.e] !== 0;
  }
  set hasIsn(v: boolean) {
    this.c.hasIsn[this.e] = v ? 1 : 0;
  }
  get isn(): number {
    return this.c.isn[this.e]!;
  }
  set isn(v: number) {
    this.c.isn[this.e] = v;
  }
  get nextSeq(): number {
    return this.c.nextSeq[this.e]!;
  }
  set nextSeq(v: number) {
    this.c.nextSeq[this.e] = v;
  }
  get finSeq(): number {
    return this.c.finSeq[this.e]!;
  }
  set finSeq(v: number) {
    this.c.finSeq[this.e] = v;
  }
  get finSeen(): boolean {
    return this.c.finSeen[this.e] !== 0;
  }
  set finSeen(v: boolean) {
    this.c.finSeen[this.e] = v ? 1 : 0;
  }
  get finAcked(): boolean {
    return this.c.finAcked[this.e] !== 0;
  }
  set finAcked(v: boolean) {
    this.c.finAcked[this.e] = v ? 1 : 0;
  }
  get lastAck(): number {
    return this.c.lastAck[this.e]!;
  }
  set lastAck(v: number) {
    this.c.lastAck[this.e] = v;
  }
  get ackSeen(): boolean {
    return this.c.ackSeen[this.e] !== 0;
  }
  set ackSeen(v: boolean) {
    this.c.ackSeen[this.e] = v ? 1 : 0;
  }
  get window(): number {
    return this.c.window[this.e]!;
  }
  set window(v: number) {
    this.c.window[this.e] = v;
  }
  get windowScale(): number {
    return this.c.windowScale[this.e]!;
  }
  set windowScale(v: number) {
    this.c.windowScale[this.e] = v;
  }
  get packets(): number {
    return this.c.packets[this.e]!;
  }
  set packets(v: number) {
    this.c.packets[this.e] = v;
  }
  get ipBytes(): number {
    return this.c.ipBytes[this.e]!;
  }
  set ipBytes(v: number) {
    this.c.ipBytes[this.e] = v;
  }
  get payloadBytes(): number {
    return this.c.payloadBytes[this.e]!;
  }
  set payloadBytes(v: number) {
    this.c.payloadBytes[this.e] = v;
  }
  get syns(): number {
    return this.c.syns[this.e]!;
  }
  set syns(v: number) {
    this.c.syns[this.e] = v;
  }
  get synAcks(): number {
    return this.c.synAcks[this.e]!;
  }
  set synAcks(v: number) {
    this.c.synAcks[this.e] = v;
  }
  get fins(): number {
    return this.c.fins[this.e]!;
  }
  set fins(v: number) {
    this.c.fins[this.e] = v;
  }
  get rsts(): number {
    return this.c.rsts[this.e]!;
  }
  set rsts(v: number) {
    this.c.rsts[this.e] = v;
  }
  get retransmissions(): number {
    return this.c.retransmissions[this.e]!;
  }
  set retransmissions(v: number) {
    this.c.retransmissions[this.e] = v;
  }
  get keepAlives(): number {
    return this.c.keepAlives[this.e]!;
  }
  set keepAlives(v: number) {
    this.c.keepAlives[this.e] = v;
  }
  get zeroWindows(): number {
    return this.c.zeroWindows[this.e]!;
  }
  set zeroWindows(v: number) {
    this.c.zeroWindows[this.e] = v;
  }
  get dupAcks(): number {
    return this.c.dupAcks[this.e]!;
  }
  set dupAcks(v: number) {
    this.c.dupAcks[this.e] = v;
  }
  get dataSegments(): number {
    return this.c.dataSegments[this.e]!;
  }
  set dataSegments(v: number) {
    this.c.dataSegments[this.e] = v;
  }
  get firstTs(): number {
    return this.c.firstTs[this.e]!;
  }
  set firstTs(v: number) {
    this.c.firstTs[this.e] = v;
  }
  get lastTs(): number {
    return this.c.lastTs[this.e]!;
  }
  set lastTs(v: number) {
    this.c.lastTs[this.e] = v;
  }
  get lastFrame(): number {
    return this.c.lastFrame[this.e]!;
  }
  set lastFrame(v: number) {
    this.c.lastFrame[this.e] = v;
  }
  get zeekBytes(): number {
    return this.c.zeekBytes[this.e]!;
  }
  set zeekBytes(v: number) {
    this.c.zeekBytes[this.e] = v;
  }
  get missedBytes(): number {
    return this.c.missedBytes[this.e]!;
  }
  set missedBytes(v: number) {
    this.c.missedBytes[this.e] = v;
  }
  get timeWaitSince(): number {
    return this.c.timeWaitSince[this.e]!;
  }
  set timeWaitSince(v: number) {
    this.c.timeWaitSince[this.e] = v;
  }
  get seen(): boolean {
    return this.c.seen[this.e] !== 0;
  }
  set seen(v: boolean) {
    this.c.seen[this.e] = v ? 1 : 0;
  }
  get seqKnown(): boolean {
    return this.c.seqKnown[this.e] !== 0;
  }
  set seqKnown(v: boolean) {
    this.c.seqKnown[this.e] = v ? 1 : 0;
  }
  get synAcked(): boolean {
    return this.c.synAcked[this.e] !== 0;
  }
  set synAcked(v: boolean) {
    this.c.synAcked[this.e] = v ? 1 : 0;
  }
  get synWscale(): number {
    return this.c.synWscale[this.e]!;
  }
  set synWscale(v: number) {
    this.c.synWscale[this.e] = v;
  }
  get wsNextSeq(): number {
    return this.c.wsNextSeq[this.e]!;
  }
  set wsNextSeq(v: number) {
    this.c.wsNextSeq[this.e] = v;
  }
  get wsNextSeqTime(): number {
    return this.c.wsNextSeqTime[this.e]!;
  }
  set wsNextSeqTime(v: number) {
    this.c.wsNextSeqTime[this.e] = v;
  }
  get wsMaxSeqToBeAcked(): number {
    return this.c.wsMaxSeqToBeAcked[this.e]!;
  }
  set wsMaxSeqToBeAcked(v: number) {
    this.c.wsMaxSeqToBeAcked[this.e] = v;
  }
  get wsLastAck(): number {
    return this.c.wsLastAck[this.e]!;
  }
  set wsLastAck(v: number) {
    this.c.wsLastAck[this.e] = v;
  }
  get wsLastAckTime(): number {
    return this.c.wsLastAckTime[this.e]!;
  }
  set wsLastAckTime(v: number) {
    this.c.wsLastAckTime[this.e] = v;
  }
  get wsWindow(): number {
    return this.c.wsWindow[this.e]!;
  }
  set wsWindow(v: number) {
    this.c.wsWindow[this.e] = v;
  }
  get wsDupAckNum(): number {
    return this.c.wsDupAckNum[this.e]!;
  }
  set wsDupAckNum(v: number) {
    this.c.wsDupAckNum[this.e] = v;
  }
  get wsLastSegmentFlags(): number {
    return this.c.wsLastSegmentFlags[this.e]!;
  }
  set wsLastSegmentFlags(v: number) {
    this.c.wsLastSegmentFlags[this.e] = v;
  }
  get wsHoleStart(): number {
    return this.c.wsHoleStart[this.e]!;
  }
  set wsHoleStart(v: number) {
    this.c.wsHoleStart[this.e] = v;
  }
  get wsHoleEnd(): number {
    return this.c.wsHoleEnd[this.e]!;
  }
  set wsHoleEnd(v: number) {
    this.c.wsHoleEnd[this.e] = v;
  }

  /** Every state change, in order (built on each read). */
  get transitions(): Transition[] {
    return unpackAll(this.packed());
  }

  /** The last change into `to` (what lastTransitionTo finds), without building the whole list. */
  lastTransitionTo(to: TcpState): Transition | undefined {
    return lastPacked(this.packed(), to);
  }

  /** The transitions packed two numbers each (ts, then frame * 256 + (from << 4 | to)). */
  private packed(): number[] {
    const c = this.c;
    const e = this.e;
    const n = c.trLen[e]!;
    const out: number[] = [];
    const base = e * TR_INLINE;
    for (let i = 0; i < n && i < TR_INLINE; i++) out.push(c.trTs[base + i]!, c.trX[base + i]!);
    if (n > TR_INLINE) out.push(...c.trMore.get(e)!);
    return out;
  }

  /** @internal setState's record of one change. */
  recordTransition(from: TcpState, to: TcpState, ts: number, frame: number): void {
    const c = this.c;
    const e = this.e;
    const n = c.trLen[e]!;
    const x = frame * 256 + ((from << 4) | to);
    if (n < TR_INLINE) {
      c.trTs[e * TR_INLINE + n] = ts;
      c.trX[e * TR_INLINE + n] = x;
    } else {
      let more = c.trMore.get(e);
      if (more === undefined) c.trMore.set(e, (more = []));
      more.push(ts, x);
    }
    // Saturates at 255: only "more than TR_INLINE" matters beyond the inline ones, and trMore has them all.
    if (n < 255) c.trLen[e] = n + 1;
    c.reached[e]! |= 1 << to;
  }

  /** The final values as a plain record listeners may keep; the slot goes back to the columns. */
  freeze(): EndpointRecord {
    const r = new EndpointRecord(this, this.packed());
    this.c.release(this.e);
    this.e = -1;
    return r;
  }
}

/** The one place an endpoint's state changes: records the previous state and the proving packet. */
export function setState(ep: TrackedEndpoint, to: TcpState, ts: number, frame: number): void {
  if (ep.state === to) return;
  ep.recordTransition(ep.state, to, ts, frame);
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
