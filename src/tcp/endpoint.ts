import type { Endpoint, Transition } from '../model/flow.js';
import { EndpointRecord, lastPacked, unpack, unpackAll } from './endpoint-record.js';
import { TR_INLINE, type EndpointColumns, type EndpointPage } from './endpoint-columns.js';
import { PAGE_SLOTS } from './paged-slots.js';
import { TcpState } from './states.js';
import { nextState, type TcpEvent } from './transitions.js';

/**
 * One live side of a connection: the model's Endpoint (what listeners read)
 * as a view of slot `e` of the tracker's EndpointColumns (field indices are
 * EP_FIELD's, written as literals after the record's start in each view), plus the tracker's
 * private bookkeeping there. Valid until the flow ends: the tracker then hands
 * listeners that keep the flow an EndpointRecord copy (freeze), and the
 * endpoint, slot and all, goes to another flow.
 */
export class TrackedEndpoint implements Endpoint {
  ip: string;
  port: number;
  /** The page holding the record. */
  private readonly p: EndpointPage;
  /** The slot, the endpoint's for good: a released endpoint waits in its columns' idle list with it. */
  readonly e: number;
  // Where the record starts in its page's f64, 32-bit and byte views. Precomputed so
  // that every accessor stays within V8's small-function size (27 bytes of
  // bytecode), which it inlines in any caller whatever that caller's inlining
  // budget: a call would box each double and each uint32 from 2^31 up.
  private readonly f: number;
  private readonly w: number;
  private readonly b: number;

  constructor(c: EndpointColumns, ip: string, port: number) {
    const s = c.alloc();
    this.p = c.page(s);
    this.e = s;
    const e = s & (PAGE_SLOTS - 1);
    this.f = e * 24;
    this.w = e * 48;
    this.b = e * 192;
    this.ip = ip;
    this.port = port;
  }

  get ipBytes(): number {
    return this.p.f64[this.f + 10]!;
  }
  set ipBytes(v: number) {
    this.p.f64[this.f + 10] = v;
  }
  get payloadBytes(): number {
    return this.p.f64[this.f + 11]!;
  }
  set payloadBytes(v: number) {
    this.p.f64[this.f + 11] = v;
  }
  get firstTs(): number {
    return this.p.f64[this.f + 16]!;
  }
  set firstTs(v: number) {
    this.p.f64[this.f + 16] = v;
  }
  get lastTs(): number {
    return this.p.f64[this.f + 8]!;
  }
  set lastTs(v: number) {
    this.p.f64[this.f + 8] = v;
  }
  get lastFrame(): number {
    return this.p.f64[this.f + 9]!;
  }
  set lastFrame(v: number) {
    this.p.f64[this.f + 9] = v;
  }
  get wsNextSeqTime(): number {
    return this.p.f64[this.f + 12]!;
  }
  set wsNextSeqTime(v: number) {
    this.p.f64[this.f + 12] = v;
  }
  get wsLastAckTime(): number {
    return this.p.f64[this.f + 13]!;
  }
  set wsLastAckTime(v: number) {
    this.p.f64[this.f + 13] = v;
  }
  get timeWaitSince(): number {
    return this.p.f64[this.f + 17]!;
  }
  set timeWaitSince(v: number) {
    this.p.f64[this.f + 17] = v;
  }
  get zeekBytes(): number {
    return this.p.f64[this.f + 18]!;
  }
  set zeekBytes(v: number) {
    this.p.f64[this.f + 18] = v;
  }
  get missedBytes(): number {
    return this.p.f64[this.f + 19]!;
  }
  set missedBytes(v: number) {
    this.p.f64[this.f + 19] = v;
  }
  get packets(): number {
    return this.p.i32[this.w + 4]!;
  }
  set packets(v: number) {
    this.p.i32[this.w + 4] = v;
  }
  get isn(): number {
    return this.p.u32[this.w + 5]!;
  }
  set isn(v: number) {
    this.p.u32[this.w + 5] = v;
  }
  get nextSeq(): number {
    return this.p.u32[this.w + 6]!;
  }
  set nextSeq(v: number) {
    this.p.u32[this.w + 6] = v;
  }
  get lastAck(): number {
    return this.p.u32[this.w + 7]!;
  }
  set lastAck(v: number) {
    this.p.u32[this.w + 7] = v;
  }
  get window(): number {
    return this.p.i32[this.w + 8]!;
  }
  set window(v: number) {
    this.p.i32[this.w + 8] = v;
  }
  get wsNextSeq(): number {
    return this.p.u32[this.w + 9]!;
  }
  set wsNextSeq(v: number) {
    this.p.u32[this.w + 9] = v;
  }
  get wsMaxSeqToBeAcked(): number {
    return this.p.u32[this.w + 10]!;
  }
  set wsMaxSeqToBeAcked(v: number) {
    this.p.u32[this.w + 10] = v;
  }
  get wsLastAck(): number {
    return this.p.u32[this.w + 11]!;
  }
  set wsLastAck(v: number) {
    this.p.u32[this.w + 11] = v;
  }
  get wsWindow(): number {
    return this.p.i32[this.w + 12]!;
  }
  set wsWindow(v: number) {
    this.p.i32[this.w + 12] = v;
  }
  get wsDupAckNum(): number {
    return this.p.i32[this.w + 13]!;
  }
  set wsDupAckNum(v: number) {
    this.p.i32[this.w + 13] = v;
  }
  get wsLastSegmentFlags(): number {
    return this.p.i32[this.w + 14]!;
  }
  set wsLastSegmentFlags(v: number) {
    this.p.i32[this.w + 14] = v;
  }
  get syns(): number {
    return this.p.i32[this.w + 40]!;
  }
  set syns(v: number) {
    this.p.i32[this.w + 40] = v;
  }
  get synAcks(): number {
    return this.p.i32[this.w + 41]!;
  }
  set synAcks(v: number) {
    this.p.i32[this.w + 41] = v;
  }
  get fins(): number {
    return this.p.i32[this.w + 42]!;
  }
  set fins(v: number) {
    this.p.i32[this.w + 42] = v;
  }
  get rsts(): number {
    return this.p.i32[this.w + 43]!;
  }
  set rsts(v: number) {
    this.p.i32[this.w + 43] = v;
  }
  get reached(): number {
    return this.p.i32[this.w + 44]!;
  }
  get finSeq(): number {
    return this.p.u32[this.w + 45]!;
  }
  set finSeq(v: number) {
    this.p.u32[this.w + 45] = v;
  }
  get retransmissions(): number {
    return this.p.i32[this.w + 30]!;
  }
  set retransmissions(v: number) {
    this.p.i32[this.w + 30] = v;
  }
  get keepAlives(): number {
    return this.p.i32[this.w + 46]!;
  }
  set keepAlives(v: number) {
    this.p.i32[this.w + 46] = v;
  }
  get zeroWindows(): number {
    return this.p.i32[this.w + 47]!;
  }
  set zeroWindows(v: number) {
    this.p.i32[this.w + 47] = v;
  }
  get dupAcks(): number {
    return this.p.i32[this.w + 31]!;
  }
  set dupAcks(v: number) {
    this.p.i32[this.w + 31] = v;
  }
  get dataSegments(): number {
    return this.p.i32[this.w + 15]!;
  }
  set dataSegments(v: number) {
    this.p.i32[this.w + 15] = v;
  }
  get wsHoleStart(): number {
    return this.p.u32[this.w + 28]!;
  }
  set wsHoleStart(v: number) {
    this.p.u32[this.w + 28] = v;
  }
  get wsHoleEnd(): number {
    return this.p.u32[this.w + 29]!;
  }
  set wsHoleEnd(v: number) {
    this.p.u32[this.w + 29] = v;
  }
  get state(): TcpState {
    return this.p.u8[this.b + 0] as TcpState;
  }
  set state(v: TcpState) {
    this.p.u8[this.b + 0] = v;
  }
  get prevState(): TcpState {
    return this.p.u8[this.b + 1] as TcpState;
  }
  set prevState(v: TcpState) {
    this.p.u8[this.b + 1] = v;
  }
  get hasIsn(): boolean {
    return this.p.u8[this.b + 2] !== 0;
  }
  set hasIsn(v: boolean) {
    this.p.u8[this.b + 2] = v ? 1 : 0;
  }
  get finSeen(): boolean {
    return this.p.u8[this.b + 3] !== 0;
  }
  set finSeen(v: boolean) {
    this.p.u8[this.b + 3] = v ? 1 : 0;
  }
  get finAcked(): boolean {
    return this.p.u8[this.b + 4] !== 0;
  }
  set finAcked(v: boolean) {
    this.p.u8[this.b + 4] = v ? 1 : 0;
  }
  get ackSeen(): boolean {
    return this.p.u8[this.b + 5] !== 0;
  }
  set ackSeen(v: boolean) {
    this.p.u8[this.b + 5] = v ? 1 : 0;
  }
  get windowScale(): number {
    return this.p.i8[this.b + 6]!;
  }
  set windowScale(v: number) {
    this.p.i8[this.b + 6] = v;
  }
  get seen(): boolean {
    return this.p.u8[this.b + 7] !== 0;
  }
  set seen(v: boolean) {
    this.p.u8[this.b + 7] = v ? 1 : 0;
  }
  get seqKnown(): boolean {
    return this.p.u8[this.b + 8] !== 0;
  }
  set seqKnown(v: boolean) {
    this.p.u8[this.b + 8] = v ? 1 : 0;
  }
  get synAcked(): boolean {
    return this.p.u8[this.b + 9] !== 0;
  }
  set synAcked(v: boolean) {
    this.p.u8[this.b + 9] = v ? 1 : 0;
  }
  get synWscale(): number {
    return this.p.i8[this.b + 10]!;
  }
  set synWscale(v: number) {
    this.p.i8[this.b + 10] = v;
  }

  /** Every state change, in order (built on each read). */
  get transitions(): Transition[] {
    return unpackAll(this.packed());
  }

  /**
   * The last change into `to` (what lastTransitionTo finds), read in place:
   * close-wait-stuck asks at every passive close, and building the packed
   * list for it was most of what a close allocated.
   */
  lastTransitionTo(to: TcpState): Transition | undefined {
    const p = this.p;
    const n = p.u8[this.b + 11 /* trLen */]!;
    if (n > TR_INLINE) return lastPacked(this.packed(), to);
    const base = (this.b / 192) * TR_INLINE;
    for (let i = n - 1; i >= 0; i--) if (p.trX[base + i]! % 16 === to) return unpack(p.trTs[base + i]!, p.trX[base + i]!);
    return undefined;
  }

  /** The transitions packed two numbers each (ts, then frame * 256 + (from << 4 | to)). */
  private packed(): number[] {
    const p = this.p;
    const n = p.u8[this.b + 11 /* trLen */]!;
    const out: number[] = [];
    const base = (this.b / 192) * TR_INLINE;
    for (let i = 0; i < n && i < TR_INLINE; i++) out.push(p.trTs[base + i]!, p.trX[base + i]!);
    if (n > TR_INLINE) out.push(...p.cols.trMore.get(this.e)!);
    return out;
  }

  /** @internal setState's record of one change. */
  recordTransition(from: TcpState, to: TcpState, ts: number, frame: number): void {
    const p = this.p;
    const n = p.u8[this.b + 11 /* trLen */]!;
    const x = frame * 256 + ((from << 4) | to);
    if (n < TR_INLINE) {
      const at = (this.b / 192) * TR_INLINE + n;
      p.trTs[at] = ts;
      p.trX[at] = x;
    } else {
      const trMore = p.cols.trMore;
      let more = trMore.get(this.e);
      if (more === undefined) trMore.set(this.e, (more = []));
      more.push(ts, x);
    }
    // Saturates at 255: only "more than TR_INLINE" matters beyond the inline ones, and trMore has them all.
    if (n < 255) p.u8[this.b + 11 /* trLen */] = n + 1;
    p.i32[this.w + 44 /* reached */]! |= 1 << to;
  }

  /** The final values as a plain record listeners may keep; the slot goes back to the columns. */
  freeze(): EndpointRecord {
    const r = new EndpointRecord(this, this.packed());
    this.release();
    return r;
  }

  /** Done with: the endpoint and its slot wait in the columns' idle list for another flow (takeEndpoint). */
  release(): void {
    const c = this.p.cols;
    c.clearOverflow(this.e);
    c.idle.push(this);
  }

  /** @internal takeEndpoint's: a released endpoint as a new one. */
  renew(ip: string, port: number): void {
    this.p.cols.init(this.e);
    this.ip = ip;
    this.port = port;
  }
}

/** A new endpoint in `c`: a released one if there is one. */
export function takeEndpoint(c: EndpointColumns, ip: string, port: number): TrackedEndpoint {
  const ep = c.idle.pop();
  if (ep === undefined) return new TrackedEndpoint(c, ip, port);
  ep.renew(ip, port);
  return ep;
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
