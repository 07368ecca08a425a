import type { DecodedPacket } from '../model/decoded.js';
import { TcpFlag } from '../model/decoded.js';
import { PAGE_BITS, PAGE_SLOTS, PagedSlots } from './paged-slots.js';
import { TimerQueue } from './timer-queue.js';

/** Packets a parked flow may have had: a SYN and its SYN+ACK (or a simultaneous open's second SYN). */
export const PARKED_PACKETS = 2;

/*
 * Record layout, per slot r of a page (literal indices, as in endpoint-columns.ts):
 *   f64[r * 5 + i]: 0 expiresAt, then per packet k: 1 + 2k ts, 2 + 2k frame;
 *   i32[r * 8 + i]: 0 id (0 = free), 1 table entry, 2 watch, 3 synDestination,
 *     then per packet k: 4 + 2k seq, 5 + 2k ack (as int32);
 *   u16[r * 4 + i]: per packet k: 2k window, 2k + 1 ipTotalLen;
 *   u8/i8[r * 8 + i]: 0 packets recorded, then per packet k: 1 + 3k flags,
 *     2 + 3k source is the key's A side, 3 + 3k optWscale (i8); 7 queued.
 */

/** PAGE_SLOTS parked-flow records, 88 bytes each. */
class ParkedPage {
  readonly f64 = new Float64Array(PAGE_SLOTS * 5);
  readonly i32 = new Int32Array(PAGE_SLOTS * 8);
  readonly u16 = new Uint16Array(PAGE_SLOTS * 4);
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
  constructor() {
    const b = new ArrayBuffer(PAGE_SLOTS * 8);
    this.u8 = new Uint8Array(b);
    this.i8 = new Int8Array(b);
  }
}

/** Whether a packet can be replayed from a parked record: a SYN without FIN, RST or payload. */
export function replayable(p: DecodedPacket): boolean {
  return (p.flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) === TcpFlag.SYN && p.payloadLen === 0;
}

/**
 * The packets of young connections that are still only a handshake in
 * progress, so that one idle in that state can be parked: its Connection,
 * endpoint records and Zeek record dropped, and rebuilt when it is needed
 * again by replaying these packets. A spoofed SYN flood leaves a million
 * such connections waiting out Zeek's timers; parked, each costs this
 * record and its table entry instead of some 1.3 KB.
 *
 * A record also queues its flow to be looked at once it may have been idle
 * long enough to park.
 */
export class ParkedFlows {
  private readonly slots = new PagedSlots(() => new ParkedPage());
  private readonly pages = this.slots.pages;
  /**
   * Records to look at, as (slot, due time, flow id as the tag), first in
   * first out. A record put back when its flow was not idle yet is due later
   * than some behind it: those wait for it, a delay that changes nothing but memory.
   */
  private readonly due = new TimerQueue<number, null>();

  /** A record for flow `id` (at table entry `entry`), queued to be looked at from `due`. */
  begin(id: number, entry: number, due: number): number {
    const s = this.slots.take();
    const pg = this.pages[s >> PAGE_BITS]!;
    const r = s & (PAGE_SLOTS - 1);
    pg.i32[r * 8 + 0] = id;
    pg.i32[r * 8 + 1] = entry;
    pg.u8[r * 8 + 0] = 0;
    pg.u8[r * 8 + 7] = 0;
    this.queue(s, due);
    return s;
  }

  /** Records the flow's next packet; false (the record is then useless) if it cannot be replayed or there were enough. */
  record(s: number, p: DecodedPacket, ts: number, frame: number, srcIsA: boolean): boolean {
    const pg = this.pages[s >> PAGE_BITS]!;
    const r = s & (PAGE_SLOTS - 1);
    const k = pg.u8[r * 8 + 0]!;
    if (k >= PARKED_PACKETS || !replayable(p)) return false;
    pg.u8[r * 8 + 0] = k + 1;
    pg.f64[r * 5 + 1 + 2 * k] = ts;
    pg.f64[r * 5 + 2 + 2 * k] = frame;
    pg.i32[r * 8 + 4 + 2 * k] = p.seq | 0;
    pg.i32[r * 8 + 5 + 2 * k] = p.ack | 0;
    pg.u16[r * 4 + 2 * k] = p.window;
    pg.u16[r * 4 + 2 * k + 1] = p.ipTotalLen;
    pg.u8[r * 8 + 1 + 3 * k] = p.flags;
    pg.u8[r * 8 + 2 + 3 * k] = srcIsA ? 1 : 0;
    pg.i8[r * 8 + 3 + 3 * k] = p.optWscale;
    return true;
  }

  release(s: number): void {
    this.pages[s >> PAGE_BITS]!.i32[(s & (PAGE_SLOTS - 1)) * 8 + 0] = 0;
    this.slots.give(s);
  }

  id(s: number): number {
    return this.pages[s >> PAGE_BITS]!.i32[(s & (PAGE_SLOTS - 1)) * 8 + 0]!;
  }

  entry(s: number): number {
    return this.pages[s >> PAGE_BITS]!.i32[(s & (PAGE_SLOTS - 1)) * 8 + 1]!;
  }

  packets(s: number): number {
    return this.pages[s >> PAGE_BITS]!.u8[(s & (PAGE_SLOTS - 1)) * 8 + 0]!;
  }

  /** What listeners set on the flow (Flow.watch, Flow.synDestination), and when Zeek drops it unless a packet comes first. */
  keep(s: number, watch: number, synDestination: number, expiresAt: number): void {
    const pg = this.pages[s >> PAGE_BITS]!;
    const r = s & (PAGE_SLOTS - 1);
    pg.i32[r * 8 + 2] = watch;
    pg.i32[r * 8 + 3] = synDestination;
    pg.f64[r * 5 + 0] = expiresAt;
  }

  watch(s: number): number {
    return this.pages[s >> PAGE_BITS]!.i32[(s & (PAGE_SLOTS - 1)) * 8 + 2]!;
  }

  synDestination(s: number): number {
    return this.pages[s >> PAGE_BITS]!.i32[(s & (PAGE_SLOTS - 1)) * 8 + 3]!;
  }

  /** When Zeek drops the parked flow (ZeekConns.expiresAt when it was parked). */
  expiresAt(s: number): number {
    return this.pages[s >> PAGE_BITS]!.f64[(s & (PAGE_SLOTS - 1)) * 5 + 0]!;
  }

  ts(s: number, k: number): number {
    return this.pages[s >> PAGE_BITS]!.f64[(s & (PAGE_SLOTS - 1)) * 5 + 1 + 2 * k]!;
  }

  frame(s: number, k: number): number {
    return this.pages[s >> PAGE_BITS]!.f64[(s & (PAGE_SLOTS - 1)) * 5 + 2 + 2 * k]!;
  }

  sourceIsA(s: number, k: number): boolean {
    return this.pages[s >> PAGE_BITS]!.u8[(s & (PAGE_SLOTS - 1)) * 8 + 2 + 3 * k] === 1;
  }

  /** Writes packet k's TCP fields into p (its addresses and ports are the caller's to set). */
  load(s: number, k: number, p: DecodedPacket): void {
    const pg = this.pages[s >> PAGE_BITS]!;
    const r = s & (PAGE_SLOTS - 1);
    p.seq = pg.i32[r * 8 + 4 + 2 * k]! >>> 0;
    p.ack = pg.i32[r * 8 + 5 + 2 * k]! >>> 0;
    p.window = pg.u16[r * 4 + 2 * k]!;
    p.ipTotalLen = pg.u16[r * 4 + 2 * k + 1]!;
    p.flags = pg.u8[r * 8 + 1 + 3 * k]!;
    p.optWscale = pg.i8[r * 8 + 3 + 3 * k]!;
    p.payloadLen = 0;
  }

  /** The time from which the queue's first record is due, Infinity when it is empty. */
  get nextDue(): number {
    return this.due.nextAt;
  }

  /** Takes the queue's first record: its slot, or -1 if the slot has since been given to another flow. */
  dequeue(): number {
    const s = this.due.firstFlow;
    const id = this.due.firstTag;
    this.due.shift();
    if (this.id(s) !== id) return -1;
    this.pages[s >> PAGE_BITS]!.u8[(s & (PAGE_SLOTS - 1)) * 8 + 7] = 0;
    return s;
  }

  /** Queues the record to be looked at from `due`, unless it is in the queue already. */
  queue(s: number, due: number): void {
    const pg = this.pages[s >> PAGE_BITS]!;
    const r = s & (PAGE_SLOTS - 1);
    if (pg.u8[r * 8 + 7] !== 0) return;
    pg.u8[r * 8 + 7] = 1;
    this.due.push(s, null, due, pg.i32[r * 8 + 0]!);
  }
}
