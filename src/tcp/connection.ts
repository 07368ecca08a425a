import type { Flow } from '../model/flow.js';
import type { TrackedEndpoint } from './endpoint.js';
import { TIMES_STRIDE, type FlowTimes, type FlowTimesPage } from './flow-times.js';
import { PAGE_SLOTS } from './paged-slots.js';

/** Connection's flags (Connection.bits). */
const Bit = {
  PARTIAL: 1,
  KEPT: 2,
  CLIENT_IS_A: 4,
  GRACE_QUEUED: 8,
  SYN_SEEN: 16,
  RTT_PENDING: 32,
} as const;
/** Where Flow.explained's bits start in Connection.bits. */
const EXPLAINED_SHIFT = 8;

/**
 * One connection incarnation as the tracker keeps it: the model's Flow that
 * listeners read, plus the Zeek view of the same packets and the table entry.
 */
export class Connection implements Flow {
  id!: number;
  client!: TrackedEndpoint;
  server!: TrackedEndpoint;
  ipVersion!: number;
  vlanKey!: number;
  tunnelKey!: number;
  firstFrame!: number;
  lastFrame!: number;
  history = '';
  connState = '';

  /** Slot of the Zeek view in the tracker's ZeekConns; -1 once the flow left the table (its summary is in connState, history and the byte counts). */
  zeek!: number;
  /** Table entry; -1 once the flow left the table, -2 - its position there while in LingeringFlows. */
  entry = -1;
  /** Zeek role flips already mirrored on client/server. */
  flipsSeen = 0;
  /**
   * The flags below, in one small integer: each boolean field was a word of
   * every connection held (hundreds of thousands wait out TIME_WAIT at once).
   */
  private bits = 0;
  /**
   * The page of FlowTimes holding firstTs, lastTs and the RTT (the first
   * SYN's time while the RTT is pending) at `ti`, `ti + 1` and `ti + 2`.
   */
  private readonly tp: FlowTimesPage;
  /** -1 while the connection is released: nothing may read its times. */
  private ti!: number;
  /** The FlowTimes slot, the connection's for good (a released one is renewed with it). */
  private readonly timeSlot: number;
  /** Listeners following this flow packet by packet (TrackerListener.watchBit). */
  watch = 0;
  /** Flow.synDestination: declared here so every Connection has the same shape. */
  synDestination = 0;
  /** The flow's ParkedFlows record while every packet so far can be replayed from it (the flow can be parked); -1 after. */
  park = -1;

  constructor(
    id: number,
    client: TrackedEndpoint,
    server: TrackedEndpoint,
    clientIsA: boolean,
    ipVersion: number,
    vlanKey: number,
    tunnelKey: number,
    ts: number,
    frame: number,
    zeek: number,
    times: FlowTimes,
  ) {
    this.timeSlot = times.alloc();
    this.tp = times.page(this.timeSlot);
    this.renew(id, client, server, clientIsA, ipVersion, vlanKey, tunnelKey, ts, frame, zeek);
  }

  /**
   * Every field as for a new connection, the FlowTimes slot kept: a
   * released connection is renewed for the next flow, one object per
   * connection held at once instead of one per connection seen (each
   * garbage in the old generation by the time its flow ended).
   */
  renew(id: number, client: TrackedEndpoint, server: TrackedEndpoint, clientIsA: boolean, ipVersion: number, vlanKey: number, tunnelKey: number, ts: number, frame: number, zeek: number): void {
    this.id = id;
    this.client = client;
    this.server = server;
    this.bits = clientIsA ? Bit.CLIENT_IS_A : 0;
    this.ipVersion = ipVersion;
    this.vlanKey = vlanKey;
    this.tunnelKey = tunnelKey;
    this.ti = (this.timeSlot & (PAGE_SLOTS - 1)) * TIMES_STRIDE;
    this.tp.f64[this.ti] = ts;
    this.tp.f64[this.ti + 1] = ts;
    this.tp.f64[this.ti + 2] = 0;
    this.firstFrame = frame;
    this.lastFrame = frame;
    this.zeek = zeek;
    this.history = '';
    this.connState = '';
    this.entry = -1;
    this.flipsSeen = 0;
    this.watch = 0;
    this.synDestination = 0;
    this.park = -1;
  }

  get firstTs(): number {
    return this.tp.f64[this.ti]!;
  }

  get lastTs(): number {
    return this.tp.f64[this.ti + 1]!;
  }
  set lastTs(v: number) {
    this.tp.f64[this.ti + 1] = v;
  }

  private get rtt(): number {
    return this.tp.f64[this.ti + 2]!;
  }
  private set rtt(v: number) {
    this.tp.f64[this.ti + 2] = v;
  }

  get partial(): boolean {
    return this.has(Bit.PARTIAL);
  }
  set partial(v: boolean) {
    this.setBit(Bit.PARTIAL, v);
  }

  private has(bit: number): boolean {
    return (this.bits & bit) !== 0;
  }

  private setBit(bit: number, v: boolean): void {
    this.bits = v ? this.bits | bit : this.bits & ~bit;
  }

  /** Flow.kept. */
  get kept(): boolean {
    return this.has(Bit.KEPT);
  }
  set kept(v: boolean) {
    this.setBit(Bit.KEPT, v);
  }

  /** Flow.explained, in the bits above the flags' (cleared with them by renew). */
  get explained(): number {
    return this.bits >>> EXPLAINED_SHIFT;
  }
  set explained(v: number) {
    this.bits = (this.bits & ((1 << EXPLAINED_SHIFT) - 1)) | (v << EXPLAINED_SHIFT);
  }

  /** Whether the client is the first endpoint of the canonical key. */
  get clientIsA(): boolean {
    return this.has(Bit.CLIENT_IS_A);
  }

  /** In the close-grace queue. */
  get graceQueued(): boolean {
    return this.has(Bit.GRACE_QUEUED);
  }
  set graceQueued(v: boolean) {
    this.setBit(Bit.GRACE_QUEUED, v);
  }

  /** Whether a SYN without ACK was seen (its time starts the handshake RTT). */
  get synSeen(): boolean {
    return this.has(Bit.SYN_SEEN);
  }

  /** The SYN was seen and the RTT not measured yet: the next pure ACK measures it. */
  get rttPending(): boolean {
    return this.has(Bit.RTT_PENDING);
  }

  /** SYN to third-ACK time (Wireshark's ts_first_rtt), 0 until measured. */
  get firstRtt(): number {
    return (this.bits & (Bit.SYN_SEEN | Bit.RTT_PENDING)) === Bit.SYN_SEEN ? this.rtt : 0;
  }

  /** The first SYN without ACK, at `ts`. */
  synAt(ts: number): void {
    this.rtt = ts;
    this.bits |= Bit.SYN_SEEN | Bit.RTT_PENDING;
  }

  /** A pure ACK at `ts` after both ISNs: the RTT, unless it is 0 (then the next one measures again). */
  ackAt(ts: number): void {
    const rtt = ts - this.rtt;
    if (rtt === 0) return;
    this.rtt = rtt;
    this.bits &= ~Bit.RTT_PENDING;
  }

  /**
   * Keeps the final values for listeners that hold the flow: each side
   * becomes an EndpointRecord and its column slot is reused. The tracker
   * never touches an ended flow's sides again, so they keep their live type.
   */
  freeze(): void {
    this.client = this.client.freeze() as unknown as TrackedEndpoint;
    this.server = this.server.freeze() as unknown as TrackedEndpoint;
  }

  /**
   * Gives both sides back without a copy: nobody holds the ended flow, which
   * waits to be renewed. Its id becomes 0, which no flow has: a timer left
   * for it (TimerQueue tags) must not fire on sides another flow now uses.
   */
  release(): void {
    this.client.release();
    this.server.release();
    this.ti = -1;
    this.id = 0;
  }

  /** Follows a Zeek role flip: the originator is whoever Zeek now calls orig. */
  syncRoles(flips: number): void {
    while (this.flipsSeen < flips) {
      this.flipsSeen++;
      const c = this.client;
      this.client = this.server;
      this.server = c;
      this.bits ^= Bit.CLIENT_IS_A;
    }
  }
}
