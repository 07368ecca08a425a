import type { Endpoint, Transition } from '../model/flow.js';
import { EndpointRecord, lastPacked, unpackAll } from './endpoint-record.js';
import { TR_INLINE, type EndpointColumns } from './endpoint-columns.js';
import { TcpState } from './states.js';
import { nextState, type TcpEvent } from './transitions.js';

/**
 * One live side of a connection: the model's Endpoint (what listeners read)
 * as a view of slot `e` of the tracker's EndpointColumns (field indices are
 * EP_FIELD's, written as literals), plus the tracker's
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

  get ipBytes(): number {
    return this.c.f64[this.e * 24 + 0]!;
  }
  set ipBytes(v: number) {
    this.c.f64[this.e * 24 + 0] = v;
  }
  get payloadBytes(): number {
    return this.c.f64[this.e * 24 + 1]!;
  }
  set payloadBytes(v: number) {
    this.c.f64[this.e * 24 + 1] = v;
  }
  get firstTs(): number {
    return this.c.f64[this.e * 24 + 2]!;
  }
  set firstTs(v: number) {
    this.c.f64[this.e * 24 + 2] = v;
  }
  get lastTs(): number {
    return this.c.f64[this.e * 24 + 3]!;
  }
  set lastTs(v: number) {
    this.c.f64[this.e * 24 + 3] = v;
  }
  get lastFrame(): number {
    return this.c.f64[this.e * 24 + 4]!;
  }
  set lastFrame(v: number) {
    this.c.f64[this.e * 24 + 4] = v;
  }
  get wsNextSeqTime(): number {
    return this.c.f64[this.e * 24 + 5]!;
  }
  set wsNextSeqTime(v: number) {
    this.c.f64[this.e * 24 + 5] = v;
  }
  get wsLastAckTime(): number {
    return this.c.f64[this.e * 24 + 6]!;
  }
  set wsLastAckTime(v: number) {
    this.c.f64[this.e * 24 + 6] = v;
  }
  get timeWaitSince(): number {
    return this.c.f64[this.e * 24 + 7]!;
  }
  set timeWaitSince(v: number) {
    this.c.f64[this.e * 24 + 7] = v;
  }
  get zeekBytes(): number {
    return this.c.f64[this.e * 24 + 8]!;
  }
  set zeekBytes(v: number) {
    this.c.f64[this.e * 24 + 8] = v;
  }
  get missedBytes(): number {
    return this.c.f64[this.e * 24 + 9]!;
  }
  set missedBytes(v: number) {
    this.c.f64[this.e * 24 + 9] = v;
  }
  get packets(): number {
    return this.c.i32[this.e * 48 + 20]!;
  }
  set packets(v: number) {
    this.c.i32[this.e * 48 + 20] = v;
  }
  get isn(): number {
    return this.c.u32[this.e * 48 + 21]!;
  }
  set isn(v: number) {
    this.c.u32[this.e * 48 + 21] = v;
  }
  get nextSeq(): number {
    return this.c.u32[this.e * 48 + 22]!;
  }
  set nextSeq(v: number) {
    this.c.u32[this.e * 48 + 22] = v;
  }
  get lastAck(): number {
    return this.c.u32[this.e * 48 + 23]!;
  }
  set lastAck(v: number) {
    this.c.u32[this.e * 48 + 23] = v;
  }
  get window(): number {
    return this.c.i32[this.e * 48 + 24]!;
  }
  set window(v: number) {
    this.c.i32[this.e * 48 + 24] = v;
  }
  get wsNextSeq(): number {
    return this.c.u32[this.e * 48 + 25]!;
  }
  set wsNextSeq(v: number) {
    this.c.u32[this.e * 48 + 25] = v;
  }
  get wsMaxSeqToBeAcked(): number {
    return this.c.u32[this.e * 48 + 26]!;
  }
  set wsMaxSeqToBeAcked(v: number) {
    this.c.u32[this.e * 48 + 26] = v;
  }
  get wsLastAck(): number {
    return this.c.u32[this.e * 48 + 27]!;
  }
  set wsLastAck(v: number) {
    this.c.u32[this.e * 48 + 27] = v;
  }
  get wsWindow(): number {
    return this.c.i32[this.e * 48 + 28]!;
  }
  set wsWindow(v: number) {
    this.c.i32[this.e * 48 + 28] = v;
  }
  get wsDupAckNum(): number {
    return this.c.i32[this.e * 48 + 29]!;
  }
  set wsDupAckNum(v: number) {
    this.c.i32[this.e * 48 + 29] = v;
  }
  get wsLastSegmentFlags(): number {
    return this.c.i32[this.e * 48 + 30]!;
  }
  set wsLastSegmentFlags(v: number) {
    this.c.i32[this.e * 48 + 30] = v;
  }
  get syns(): number {
    return this.c.i32[this.e * 48 + 31]!;
  }
  set syns(v: number) {
    this.c.i32[this.e * 48 + 31] = v;
  }
  get synAcks(): number {
    return this.c.i32[this.e * 48 + 32]!;
  }
  set synAcks(v: number) {
    this.c.i32[this.e * 48 + 32] = v;
  }
  get fins(): number {
    return this.c.i32[this.e * 48 + 33]!;
  }
  set fins(v: number) {
    this.c.i32[this.e * 48 + 33] = v;
  }
  get rsts(): number {
    return this.c.i32[this.e * 48 + 34]!;
  }
  set rsts(v: number) {
    this.c.i32[this.e * 48 + 34] = v;
  }
  get reached(): number {
    return this.c.i32[this.e * 48 + 35]!;
  }
  get finSeq(): number {
    return this.c.u32[this.e * 48 + 36]!;
  }
  set finSeq(v: number) {
    this.c.u32[this.e * 48 + 36] = v;
  }
  get retransmissions(): number {
    return this.c.i32[this.e * 48 + 37]!;
  }
  set retransmissions(v: number) {
    this.c.i32[this.e * 48 + 37] = v;
  }
  get keepAlives(): number {
    return this.c.i32[this.e * 48 + 38]!;
  }
  set keepAlives(v: number) {
    this.c.i32[this.e * 48 + 38] = v;
  }
  get zeroWindows(): number {
    return this.c.i32[this.e * 48 + 39]!;
  }
  set zeroWindows(v: number) {
    this.c.i32[this.e * 48 + 39] = v;
  }
  get dupAcks(): number {
    return this.c.i32[this.e * 48 + 40]!;
  }
  set dupAcks(v: number) {
    this.c.i32[this.e * 48 + 40] = v;
  }
  get dataSegments(): number {
    return this.c.i32[this.e * 48 + 41]!;
  }
  set dataSegments(v: number) {
    this.c.i32[this.e * 48 + 41] = v;
  }
  get wsHoleStart(): number {
    return this.c.u32[this.e * 48 + 42]!;
  }
  set wsHoleStart(v: number) {
    this.c.u32[this.e * 48 + 42] = v;
  }
  get wsHoleEnd(): number {
    return this.c.u32[this.e * 48 + 43]!;
  }
  set wsHoleEnd(v: number) {
    this.c.u32[this.e * 48 + 43] = v;
  }
  get state(): TcpState {
    return this.c.u8[this.e * 192 + 176] as TcpState;
  }
  set state(v: TcpState) {
    this.c.u8[this.e * 192 + 176] = v;
  }
  get prevState(): TcpState {
    return this.c.u8[this.e * 192 + 177] as TcpState;
  }
  set prevState(v: TcpState) {
    this.c.u8[this.e * 192 + 177] = v;
  }
  get hasIsn(): boolean {
    return this.c.u8[this.e * 192 + 178] !== 0;
  }
  set hasIsn(v: boolean) {
    this.c.u8[this.e * 192 + 178] = v ? 1 : 0;
  }
  get finSeen(): boolean {
    return this.c.u8[this.e * 192 + 179] !== 0;
  }
  set finSeen(v: boolean) {
    this.c.u8[this.e * 192 + 179] = v ? 1 : 0;
  }
  get finAcked(): boolean {
    return this.c.u8[this.e * 192 + 180] !== 0;
  }
  set finAcked(v: boolean) {
    this.c.u8[this.e * 192 + 180] = v ? 1 : 0;
  }
  get ackSeen(): boolean {
    return this.c.u8[this.e * 192 + 181] !== 0;
  }
  set ackSeen(v: boolean) {
    this.c.u8[this.e * 192 + 181] = v ? 1 : 0;
  }
  get windowScale(): number {
    return this.c.i8[this.e * 192 + 182]!;
  }
  set windowScale(v: number) {
    this.c.i8[this.e * 192 + 182] = v;
  }
  get seen(): boolean {
    return this.c.u8[this.e * 192 + 183] !== 0;
  }
  set seen(v: boolean) {
    this.c.u8[this.e * 192 + 183] = v ? 1 : 0;
  }
  get seqKnown(): boolean {
    return this.c.u8[this.e * 192 + 184] !== 0;
  }
  set seqKnown(v: boolean) {
    this.c.u8[this.e * 192 + 184] = v ? 1 : 0;
  }
  get synAcked(): boolean {
    return this.c.u8[this.e * 192 + 185] !== 0;
  }
  set synAcked(v: boolean) {
    this.c.u8[this.e * 192 + 185] = v ? 1 : 0;
  }
  get synWscale(): number {
    return this.c.i8[this.e * 192 + 186]!;
  }
  set synWscale(v: number) {
    this.c.i8[this.e * 192 + 186] = v;
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
    const n = c.u8[e * 192 + 187]!;
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
    const n = c.u8[e * 192 + 187]!;
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
    if (n < 255) c.u8[e * 192 + 187] = n + 1;
    c.i32[e * 48 + 35]! |= 1 << to;
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
