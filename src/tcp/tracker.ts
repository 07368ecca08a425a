import { PacketClock } from '../model/clock.js';
import { Analysis, Interest, type SegmentEvent, type TrackerListener } from '../model/events.js';
import { TcpFlag, newDecodedPacket, type DecodedPacket } from '../model/decoded.js';
import { FlowTable } from '../flow/table.js';
import { ipTextShared } from '../flow/ip-text.js';
import { Connection } from './connection.js';
import { TrackedEndpoint, apply, takeEndpoint } from './endpoint.js';
import { EndpointColumns } from './endpoint-columns.js';
import { FlowTimes } from './flow-times.js';
import { analyzeSegment } from './analysis.js';
import { observeSegment } from './observer.js';
import { TcpState } from './states.js';
import { TcpEvent } from './transitions.js';
import { ZeekConns, ZeekTimers } from './zeek-conn.js';
import { LingeringFlows } from './lingering.js';
import { TimerQueue } from './timer-queue.js';
import { ParkedFlows, replayable } from './parked-flows.js';

export interface TrackerOptions {
  /** 2·MSL, default 60 (Linux); TIME_WAIT → CLOSED after this much capture time. */
  timeWaitSeconds?: number;
  /** How long (capture seconds) a flow still in its handshake stays idle before it is parked (default PARK_IDLE_SECONDS; Infinity: never). */
  parkIdleSeconds?: number | undefined;
  listeners?: TrackerListener[];
}

/** A fully closed connection stays this long for stray retransmissions (Zeek's tcp_close_delay). */
const CLOSE_GRACE_SECONDS = ZeekTimers.closeDelay;
/** How often (capture seconds) flows Zeek would have dropped are swept out of the table. */
const SWEEP_INTERVAL_SECONDS = 10;
/**
 * A flow still in its handshake is parked after this long without a packet.
 * Parking is exact whatever the value: a handshake slower than this costs a
 * replay of one or two packets. Sooner saves memory under a flood twice
 * over: each attempt's objects die before a scavenge copies them to the old
 * generation (1 M spoofed SYNs: 710 MB peak at 0.5 s, 612 MB at 0.1 s).
 */
const PARK_IDLE_SECONDS = 0.1;

const S = TcpState;

/** States in which a flow must stay one flow whatever Zeek's timers say: the close is in progress. */
function holdsFlow(s: TcpState): boolean {
  // FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK and TIME_WAIT are numbered in a row.
  return s >= S.FIN_WAIT_1 && s <= S.TIME_WAIT;
}

function inTimeWait(f: Connection): boolean {
  return f.client.state === S.TIME_WAIT || f.server.state === S.TIME_WAIT;
}

function bothClosed(f: Connection): boolean {
  return closedPair(f.client.state, f.server.state);
}

function closedPair(c: TcpState, s: TcpState): boolean {
  return (c === S.CLOSED || c === S.UNKNOWN) && (s === S.CLOSED || s === S.UNKNOWN) && (c === S.CLOSED || s === S.CLOSED);
}

/**
 * Rebuilds connections from decoded TCP packets: finds the flow (a new
 * incarnation where Zeek would start one), runs Wireshark's segment analysis,
 * Zeek's endpoint model and the RFC 793 observer on both endpoints, and tells
 * listeners. Timers run on packet time.
 */
export class ConnectionTracker {
  private readonly timeWait: number;
  private readonly parkIdle: number;
  private readonly listeners: TrackerListener[];
  // Per-hook listener arrays, built once: no optional-call check per packet.
  private readonly segL: TrackerListener[];
  private readonly segInterest: Int32Array;
  private readonly segStates: Int32Array;
  private readonly segWatch: Int32Array;
  private readonly segEnters: Int32Array;
  /** The four masks above, each OR-ed over every listener: 41 % of the bench's segments meet none of them. */
  private readonly anyInterest: number;
  private readonly anyStates: number;
  private readonly anyWatch: number;
  private readonly anyEnters: number;
  private readonly tickL: TrackerListener[];
  private readonly startL: TrackerListener[];
  private readonly endL: TrackerListener[];
  private readonly lingerL: TrackerListener[];
  /** Some listener does not mark the flows it keeps (TrackerListener.marksKept): every ending flow is copied. */
  private readonly keepAll: boolean;
  /** Each open flow, or the slot of its ParkedFlows record while it is parked. */
  private table = new FlowTable<Connection | number>();
  private zeek = new ZeekConns();
  private eps = new EndpointColumns();
  private readonly times = new FlowTimes();
  private nextId = 1;
  /** Latest packet time: timers run on it. */
  private now = -Infinity;
  /** The current packet's time, as listeners read it (TrackerListener.useClock). */
  private readonly clock = new PacketClock();
  private nextSweep = -Infinity;
  private readonly ev: SegmentEvent;
  /** Each TIME_WAIT's end (2·MSL after it began), for its endpoint. */
  private tw = new TimerQueue<Connection, TrackedEndpoint>();
  /** Each fully closed flow's removal, CLOSE_GRACE_SECONDS after its last packet. */
  private grace = new TimerQueue<Connection, null>();
  private readonly lingering = new LingeringFlows();
  /** Released connections, for create() to renew: nobody holds them (TrackerListener.marksKept). */
  private idle: Connection[] = [];
  private readonly parked = new ParkedFlows();
  /** Where an unparked flow's packets are rebuilt for their replay. */
  private readonly replay = newDecodedPacket();

  constructor(opts: TrackerOptions = {}) {
    this.timeWait = opts.timeWaitSeconds ?? 60;
    this.parkIdle = opts.parkIdleSeconds ?? PARK_IDLE_SECONDS;
    this.listeners = opts.listeners ?? [];
    const ls = this.listeners;
    this.segL = ls.filter((l) => l.segment !== undefined);
    this.segInterest = Int32Array.from(this.segL, (l) => l.interest ?? Interest.ALL);
    this.segStates = Int32Array.from(this.segL, (l) => l.states ?? 0);
    this.segWatch = Int32Array.from(this.segL, (l) => l.watchBit ?? 0);
    this.segEnters = Int32Array.from(this.segL, (l) => l.enters ?? 0);
    const union = (masks: Int32Array): number => masks.reduce((a, m) => a | m, 0);
    this.anyInterest = union(this.segInterest);
    this.anyStates = union(this.segStates);
    this.anyWatch = union(this.segWatch);
    this.anyEnters = union(this.segEnters);
    this.tickL = ls.filter((l) => l.tick !== undefined);
    this.startL = ls.filter((l) => l.flowStart !== undefined);
    this.endL = ls.filter((l) => l.flowEnd !== undefined);
    this.lingerL = ls.filter((l) => l.flowLingers !== undefined);
    this.keepAll = ls.some((l) => l.marksKept !== true);
    for (const l of ls) l.useClock?.(this.clock);
    this.ev = {
      flow: undefined as unknown as Connection,
      fromClient: true,
      frame: 0,
      ts: 0,
      flags: 0,
      relSeq: 0,
      relAck: 0,
      payloadLen: 0,
      window: 0,
      analysis: 0,
      clientBefore: S.UNKNOWN,
      serverBefore: S.UNKNOWN,
      clientAfter: S.UNKNOWN,
      serverAfter: S.UNKNOWN,
    };
  }

  /** Flows currently in the table. */
  get openFlows(): number {
    return this.table.size;
  }

  /** One decoded packet with status TCP, its epoch-seconds time and 1-based frame number. */
  packet(p: DecodedPacket, ts: number, frame: number): void {
    this.advance(ts);

    const flags = p.flags;
    const seq32 = p.seq | 0;
    const entry = this.table.lookup(p);
    const srcIsA = this.table.lastSourceIsA;
    let flow: Connection;
    let reused = false;
    if (entry < 0) flow = this.open(p, ts, frame, srcIsA);
    else {
      const v = this.table.get(entry);
      flow = typeof v === 'number' ? this.unpark(entry, v) : v;
      const zc = flow.zeek;
      if ((flags & TcpFlag.SYN) !== 0 && this.zeek.isReuse(zc, flags, seq32)) {
        reused = inTimeWait(flow);
        flow = this.reopen(flow, p, ts, frame, srcIsA);
      } else if (this.droppedByZeek(flow, ts)) {
        this.end(flow, false);
        this.table.lookup(p);
        flow = this.open(p, ts, frame, srcIsA);
      }
    }

    let analysis = this.update(flow, p, ts, frame, srcIsA);
    if (reused) analysis |= Analysis.REUSED_PORTS;
    if (flow.park >= 0) this.recordYoung(flow, p, ts, frame, srcIsA, analysis);

    const ev = this.ev;
    const snd = ev.fromClient ? flow.client : flow.server;
    const rcv = ev.fromClient ? flow.server : flow.client;
    const clientAfter = flow.client.state;
    const serverAfter = flow.server.state;
    if (clientAfter === S.TIME_WAIT || serverAfter === S.TIME_WAIT || (!flow.graceQueued && closedPair(clientAfter, serverAfter))) {
      this.queueTimers(flow, snd, ts);
      this.queueTimers(flow, rcv, ts);
    }

    ev.flow = flow;
    ev.frame = frame;
    ev.ts = ts;
    ev.flags = flags;
    ev.relSeq = snd.hasIsn ? (p.seq - snd.isn) >>> 0 : p.seq >>> 0;
    ev.relAck = rcv.hasIsn ? (p.ack - rcv.isn) >>> 0 : p.ack >>> 0;
    ev.payloadLen = p.payloadLen;
    ev.analysis = analysis;
    ev.clientAfter = clientAfter;
    ev.serverAfter = serverAfter;

    // What this segment is about: a listener sees it only if it asked (TrackerListener.interest).
    let bits = Interest.ANY | (analysis & 0xffff);
    if ((flags & TcpFlag.SYN) !== 0) bits |= Interest.SYN;
    if ((flags & TcpFlag.FIN) !== 0) bits |= Interest.FIN;
    if ((flags & TcpFlag.RST) !== 0) bits |= Interest.RST;
    if (ev.clientBefore !== clientAfter || ev.serverBefore !== serverAfter) bits |= Interest.STATE_CHANGE;
    if (ev.window === 0) bits |= Interest.ZERO_WINDOW;
    if (p.payloadLen > 0) bits |= Interest.DATA;
    const states = (1 << ev.clientBefore) | (1 << ev.serverBefore);
    const entered = (ev.clientBefore !== clientAfter ? 1 << clientAfter : 0) | (ev.serverBefore !== serverAfter ? 1 << serverAfter : 0);
    const watch = flow.watch;
    if (((bits & this.anyInterest) | (states & this.anyStates) | (watch & this.anyWatch) | (entered & this.anyEnters)) !== 0) {
      const sl = this.segL;
      const si = this.segInterest;
      const ss = this.segStates;
      const sw = this.segWatch;
      const se = this.segEnters;
      for (let i = 0; i < sl.length; i++) {
        if (((bits & si[i]!) | (states & ss[i]!) | (watch & sw[i]!) | (entered & se[i]!)) !== 0) sl[i]!.segment!(ev);
      }
    }

    if (ts >= this.nextSweep) this.sweepAt(ts);
  }

  /**
   * What a packet does to its flow: counters, Wireshark's segment analysis,
   * Zeek's and the RFC observer's models. Nothing here is seen by listeners,
   * so a parked flow is rebuilt by running its packets through this again.
   * Returns the analysis bits; sets ev.fromClient, ev.window and the "before"
   * states, which packet() passes on.
   */
  private update(flow: Connection, p: DecodedPacket, ts: number, frame: number, srcIsA: boolean): number {
    const flags = p.flags;
    // int32 forms: Smis, where the unsigned values from 2^31 up would be a heap number at each call.
    const seq32 = p.seq | 0;
    const ack32 = p.ack | 0;
    const fromClient = srcIsA === flow.clientIsA;
    const snd = fromClient ? flow.client : flow.server;
    const rcv = fromClient ? flow.server : flow.client;
    const sndBefore = snd.state;
    const rcvBefore = rcv.state;

    // Counters.
    if (snd.packets === 0) snd.firstTs = ts;
    snd.packets++;
    snd.ipBytes += p.ipTotalLen;
    snd.payloadBytes += p.payloadLen;
    snd.lastTs = ts;
    snd.lastFrame = frame;
    if ((flags & TcpFlag.SYN) !== 0) {
      snd.syns++;
      if ((flags & TcpFlag.ACK) !== 0) snd.synAcks++;
    }
    if ((flags & TcpFlag.FIN) !== 0) snd.fins++;
    if ((flags & TcpFlag.RST) !== 0) snd.rsts++;
    if (ts > flow.lastTs) flow.lastTs = ts;
    flow.lastFrame = frame;

    // Window scaling counts only when both SYNs offered it (RFC 7323 §2.2).
    if ((flags & TcpFlag.SYN) !== 0) {
      snd.synWscale = p.optWscale;
      if ((flags & TcpFlag.ACK) !== 0) {
        const both = snd.synWscale >= 0 && rcv.synWscale >= 0;
        snd.windowScale = both ? Math.min(snd.synWscale, 14) : 0;
        rcv.windowScale = both ? Math.min(rcv.synWscale, 14) : 0;
      }
    }
    const window = (flags & TcpFlag.SYN) !== 0 || snd.windowScale <= 0 ? p.window : p.window * (1 << snd.windowScale);

    if ((flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN && !flow.synSeen) flow.synAt(ts);
    else if (flow.rttPending && (flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.ACK && rcv.hasIsn && snd.hasIsn) flow.ackAt(ts);
    let analysis = analyzeSegment(snd, rcv, flags, seq32, ack32, p.payloadLen, window, ts, flow);
    snd.window = window;

    const zc = flow.zeek;
    this.zeek.process(zc, fromClient, flags, seq32, ack32, p.payloadLen, p.window, p.optWscale, ts);
    const wasPartial = !snd.seen && (flags & TcpFlag.SYN) === 0;
    analysis |= observeSegment(snd, rcv, flags, seq32, ack32, p.payloadLen, analysis, ts, frame);
    if (wasPartial && (flags & TcpFlag.RST) === 0 && !snd.hasIsn) flow.partial = true;
    flow.syncRoles(this.zeek.flips(zc));
    // Stored only when it changed: most segments add no letter, and a store of a young string into an old flow costs a write barrier.
    const history = this.zeek.history(zc);
    if (flow.history !== history) flow.history = history;

    // tshark's tcp.analysis.retransmission is also set on fast and spurious retransmissions.
    if ((analysis & (Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION)) !== 0) snd.retransmissions++;
    if ((analysis & Analysis.KEEP_ALIVE) !== 0) snd.keepAlives++;
    if ((analysis & Analysis.ZERO_WINDOW) !== 0) snd.zeroWindows++;
    if ((analysis & Analysis.DUP_ACK) !== 0) snd.dupAcks++;
    if (p.payloadLen > 0 && (analysis & (Analysis.KEEP_ALIVE | Analysis.ZERO_WINDOW_PROBE)) === 0) snd.dataSegments++;

    const ev = this.ev;
    ev.fromClient = snd === flow.client;
    ev.window = window;
    // After a role flip the "before" states follow the endpoints, not the old roles.
    ev.clientBefore = flow.client === snd ? sndBefore : rcvBefore;
    ev.serverBefore = flow.client === snd ? rcvBefore : sndBefore;
    return analysis;
  }

  /**
   * TCP packets this tracker does not track (another worker's shard), their
   * times at times[first .. first + count): capture time still advances, so
   * timers, sweeps and listeners' clocks run at the same packets as in a
   * tracker that sees every packet. One call a run, each time read in place:
   * a call a packet boxed every time (half the packets of a two-worker run).
   */
  skipRun(times: Float64Array, first: number, count: number): void {
    const end = first + count;
    for (let i = first; i < end; i++) {
      const ts = times[i]!;
      this.advance(ts);
      if (ts >= this.nextSweep) this.sweepAt(ts);
    }
  }

  private advance(ts: number): void {
    if (ts > this.now) this.now = ts;
    // Most packets fire no timer: two reads of the queues' next deadlines, and no call.
    if (this.now >= this.tw.nextAt || this.now >= this.grace.nextAt) this.runTimers();
    if (this.now >= this.parked.nextDue) this.parkIdleFlows();
    // After the timers: flows they end see the previous packet's time, as with tick.
    this.clock.ts = ts;
    const tl = this.tickL;
    for (let i = 0; i < tl.length; i++) tl[i]!.tick!(ts);
  }

  private sweepAt(ts: number): void {
    this.nextSweep = ts + SWEEP_INTERVAL_SECONDS;
    this.sweep(ts);
  }

  /**
   * End of capture: every open flow gets flowEnd(flow, true) with its
   * connState computed, in order of id. A parked flow is rebuilt only for
   * its flowEnd and let go (or copied, if kept) right after: rebuilt all at
   * once, a flood's parked flows would take the memory parking saved.
   */
  finish(): void {
    const now = this.now;
    if (now !== -Infinity) this.runTimers();
    const ending: (Connection | number)[] = this.lingering.takeAll();
    this.table.forEachEntry((v, e) => ending.push(typeof v === 'number' ? e : v));
    ending.sort((a, b) => this.idOf(a) - this.idOf(b));
    const open: Connection[] = [];
    for (const x of ending) {
      if (typeof x === 'number') {
        const u = this.unpark(x, this.table.get(x) as number);
        this.detach(u);
        this.notifyEnd(u, true);
        // The next rebuilt flow takes its slots: what listeners keep must be copied now.
        this.letGo(u);
        continue;
      }
      open.push(x);
      this.endTimeWaitBy(x.client, now);
      this.endTimeWaitBy(x.server, now);
      if (x.entry >= 0) this.detach(x);
      this.notifyEnd(x, true);
    }
    if (!this.keepAll) this.dropEndpointPages(open);
    // The last segment's flow: its live sides would hold every endpoint page.
    this.ev.flow = undefined as unknown as Connection;
    // Nothing is tracked past the capture's end: the table, the Zeek records and the pending timers (which
    // hold the flows that waited out TIME_WAIT) are left to the collector before the report is built.
    this.table = new FlowTable<Connection | number>();
    this.zeek = new ZeekConns();
    this.tw = new TimerQueue<Connection, TrackedEndpoint>();
    this.grace = new TimerQueue<Connection, null>();
    this.idle = [];
  }

  /**
   * The flows held at the capture's end keep their live sides (notifyEnd): when
   * listeners keep few of them (the findings' flows, not --flows all), those
   * few are copied and the endpoint pages, about 600 bytes per flow held, are
   * left to the collector before the report is built.
   */
  private dropEndpointPages(ended: Connection[]): void {
    let kept = 0;
    for (let i = 0; i < ended.length; i++) if (ended[i]!.kept) kept++;
    // A copy (an EndpointRecord pair) takes about twice the bytes of the two slots it frees: worth it while few are kept.
    if (kept * 4 > ended.length) return;
    for (let i = 0; i < ended.length; i++) if (ended[i]!.kept) ended[i]!.freeze();
    this.eps = new EndpointColumns();
  }

  /** A TIME_WAIT older than 2·MSL at `now` (the capture's last timestamp) is over. */
  private endTimeWaitBy(ep: TrackedEndpoint, now: number): void {
    if (ep.state === S.TIME_WAIT && ep.timeWaitSince >= 0 && ep.timeWaitSince + this.timeWait <= now) {
      apply(ep, TcpEvent.TIMEOUT, ep.timeWaitSince + this.timeWait, 0);
    }
  }

  /** A SYN that starts a new incarnation of `old`'s tuple: the new flow replaces it in the table. */
  private reopen(old: Connection, p: DecodedPacket, ts: number, frame: number, srcIsA: boolean): Connection {
    // Ended only after the new incarnation starts, so listeners see the reuse while the old one is still in TIME_WAIT.
    this.detach(old);
    this.table.lookup(p);
    const flow = this.open(p, ts, frame, srcIsA);
    // The kernel recycles a TIME_WAIT socket that accepts a new SYN (RFC 6191): that socket is gone.
    for (const ep of [old.client, old.server]) if (ep.state === S.TIME_WAIT) apply(ep, TcpEvent.TIMEOUT, ts, frame);
    this.notifyEnd(old, false);
    return flow;
  }

  private open(p: DecodedPacket, ts: number, frame: number, srcIsA: boolean): Connection {
    const flow = this.create(this.nextId++, p, ts, frame, srcIsA);
    flow.entry = this.table.insertLast(flow);
    if (this.parkIdle !== Infinity && replayable(p)) flow.park = this.parked.begin(flow.id, flow.entry, ts + this.parkIdle);
    const ls = this.startL;
    for (let i = 0; i < ls.length; i++) ls[i]!.flowStart!(flow);
    return flow;
  }

  /** A new Connection for the flow whose first packet is p (its table entry is the caller's to set). */
  private create(id: number, p: DecodedPacket, ts: number, frame: number, srcIsA: boolean): Connection {
    const src = takeEndpoint(this.eps, ipTextShared(p.ipVersion, p.src), p.srcPort);
    const dst = takeEndpoint(this.eps, ipTextShared(p.ipVersion, p.dst), p.dstPort);
    const zc = this.zeek.alloc(ts);
    let flow = this.idle.pop();
    if (flow === undefined) flow = new Connection(id, src, dst, srcIsA, p.ipVersion, p.vlanKey, p.tunnelKey, ts, frame, zc, this.times);
    else flow.renew(id, src, dst, srcIsA, p.ipVersion, p.vlanKey, p.tunnelKey, ts, frame, zc);
    if (ZeekConns.flipsFirstPacket(p.flags, p.srcPort, p.dstPort)) this.zeek.flip(zc);
    flow.syncRoles(this.zeek.flips(zc));
    flow.history = this.zeek.history(zc);
    return flow;
  }

  /**
   * A packet of a flow whose earlier packets can all be replayed: recorded
   * too, or, if it cannot be replayed (or listeners saw more than a plain
   * handshake segment: an analysis bit makes some of them hold the flow
   * object), the flow is never parked.
   */
  private recordYoung(flow: Connection, p: DecodedPacket, ts: number, frame: number, srcIsA: boolean, analysis: number): void {
    const s = flow.park;
    if (analysis === 0 && this.parked.record(s, p, ts, frame, srcIsA)) {
      this.parked.queue(s, ts + this.parkIdle);
      return;
    }
    this.parked.release(s);
    flow.park = -1;
  }

  /** Parks the young flows that have been idle parkIdle seconds by now; puts back in the queue those that were not. */
  private parkIdleFlows(): void {
    const pk = this.parked;
    const now = this.now;
    while (pk.nextDue <= now) {
      const s = pk.dequeue();
      if (s < 0) continue;
      const v = this.table.get(pk.entry(s));
      if (typeof v === 'number') continue;
      if (v.lastTs + this.parkIdle > now) pk.queue(s, v.lastTs + this.parkIdle);
      else if (this.parkable(v)) this.park(v);
    }
  }

  /** A flow that is only a handshake so far, idle, held by no listener and waiting for no timer of ours. */
  private parkable(f: Connection): boolean {
    return f.park >= 0 && f.entry >= 0 && !f.kept && !f.graceQueued && !inTimeWait(f) && f.lastTs + this.parkIdle <= this.now;
  }

  /**
   * Drops the flow's Connection, endpoint records and Zeek record: its
   * table entry holds its ParkedFlows slot instead, which keeps what
   * listeners set on the flow and when Zeek drops it.
   */
  private park(f: Connection): void {
    const s = f.park;
    this.parked.keep(s, f.watch, f.synDestination, this.zeek.expiresAt(f.zeek));
    this.table.set(f.entry, s);
    this.zeek.release(f.zeek);
    f.zeek = -1;
    f.entry = -1;
    this.retire(f);
  }

  /**
   * Rebuilds a parked flow, in the state its packets left it: a new
   * Connection with the same id, the same packets replayed through update()
   * (listeners saw them when they came), then what listeners had set on it.
   */
  private unpark(entry: number, s: number): Connection {
    const pk = this.parked;
    const p = this.replay;
    let flow: Connection | undefined;
    for (let k = 0; k < pk.packets(s); k++) {
      const srcIsA = pk.sourceIsA(s, k);
      this.table.readKey(entry, srcIsA, p);
      pk.load(s, k, p);
      const ts = pk.ts(s, k);
      const frame = pk.frame(s, k);
      if (flow === undefined) flow = this.create(pk.id(s), p, ts, frame, srcIsA);
      this.update(flow, p, ts, frame, srcIsA);
    }
    flow = flow!;
    flow.watch = pk.watch(s);
    flow.synDestination = pk.synDestination(s);
    flow.park = s;
    flow.entry = entry;
    this.table.set(entry, flow);
    return flow;
  }

  private end(flow: Connection, atCaptureEnd: boolean): void {
    if (!this.detach(flow)) return;
    if (atCaptureEnd || !inTimeWait(flow)) {
      this.notifyEnd(flow, atCaptureEnd);
      return;
    }
    this.lingering.add(flow);
    const ls = this.lingerL;
    for (let i = 0; i < ls.length; i++) ls[i]!.flowLingers!(flow);
  }

  /** Takes the flow out of the table and fixes its Zeek summary; false if it was out already. */
  private detach(flow: Connection): boolean {
    if (flow.entry < 0) return false;
    if (flow.park >= 0) {
      this.parked.release(flow.park);
      flow.park = -1;
    }
    this.table.remove(flow.entry);
    flow.entry = -1;
    const z = this.zeek;
    const c = flow.zeek;
    flow.connState = z.connState(c);
    flow.history = z.history(c);
    flow.client.zeekBytes = z.bytes(c, true);
    flow.server.zeekBytes = z.bytes(c, false);
    flow.client.missedBytes = z.missedBytes(c, true);
    flow.server.missedBytes = z.missedBytes(c, false);
    z.release(c);
    flow.zeek = -1;
    return true;
  }

  private notifyEnd(flow: Connection, atCaptureEnd: boolean): void {
    const ls = this.endL;
    for (let i = 0; i < ls.length; i++) ls[i]!.flowEnd!(flow, atCaptureEnd);
    // At the capture's end no slot is reused any more: the live sides stay valid and need no copy.
    if (atCaptureEnd) return;
    this.letGo(flow);
  }

  /** An ended flow's objects: copied if a listener keeps it, else handed to the next flows. */
  private letGo(flow: Connection): void {
    if (this.keepAll || flow.kept) flow.freeze();
    else this.retire(flow);
  }

  /** An ended (or parked) flow nobody holds: its objects and slots go to the next flows. */
  private retire(flow: Connection): void {
    flow.release();
    this.idle.push(flow);
  }

  private queueTimers(flow: Connection, ep: TrackedEndpoint, ts: number): void {
    if (ep.state === S.TIME_WAIT && ep.timeWaitSince < 0) {
      ep.timeWaitSince = ts;
      this.tw.push(flow, ep, ts + this.timeWait, flow.id);
    }
    if (!flow.graceQueued && bothClosed(flow)) {
      flow.graceQueued = true;
      this.grace.push(flow, null, flow.lastTs + CLOSE_GRACE_SECONDS, flow.id);
    }
  }

  /** Fires the timers due by this.now (read here: a double passed per packet would be boxed at each call). */
  private runTimers(): void {
    const now = this.now;
    const tw = this.tw;
    while (tw.nextAt <= now) {
      const at = tw.nextAt;
      const flow = tw.firstFlow;
      const ep = tw.firstPayload;
      const id = tw.firstTag;
      tw.shift();
      // Once the flow has ended its objects may serve another flow, and a side frozen when it ended is not the tracker's any more.
      if (flow.id === id && (ep === flow.client || ep === flow.server) && ep.state === S.TIME_WAIT) {
        // A timer, not a packet, proves this change: frame 0.
        apply(ep, TcpEvent.TIMEOUT, at, 0);
        if (flow.entry >= 0) this.queueTimers(flow, ep, at);
        else if (!inTimeWait(flow) && this.lingering.delete(flow)) this.notifyEnd(flow, false);
      }
    }
    const grace = this.grace;
    while (grace.nextAt <= now) {
      const flow = grace.firstFlow;
      const id = grace.firstTag;
      grace.shift();
      if (flow.id !== id) continue;
      flow.graceQueued = false;
      if (flow.entry < 0 || !bothClosed(flow)) continue;
      if (flow.lastTs + CLOSE_GRACE_SECONDS > now) {
        flow.graceQueued = true;
        grace.push(flow, null, flow.lastTs + CLOSE_GRACE_SECONDS, id);
        continue;
      }
      this.end(flow, false);
    }
  }

  /**
   * Whether Zeek has dropped the flow by `ts`: deleted after its close, or
   * expired (an idle or unanswered connection) unless a side is closing.
   */
  private droppedByZeek(f: Connection, ts: number): boolean {
    const z = this.zeek;
    // Most flows have no timer due: their endpoints' records stay untouched.
    if (!z.timerDue(f.zeek, ts)) return false;
    if (z.deletedAfterClose(f.zeek, ts)) return true;
    return !holdsFlow(f.client.state) && !holdsFlow(f.server.state) && z.expired(f.zeek, ts);
  }

  /** The id of a flow, or of the parked flow at a table entry. */
  private idOf(x: Connection | number): number {
    return typeof x === 'number' ? this.parked.id(this.table.get(x) as number) : x.id;
  }

  /**
   * Ends flows Zeek would have dropped by now (idle, unanswered, closed) so
   * memory follows open connections, in order of id. A parked flow is
   * rebuilt only for its end, and its slots are free again for the next.
   */
  private sweep(now: number): void {
    const done: (Connection | number)[] = [];
    this.table.forEachEntry((v, e) => {
      if (typeof v === 'number') {
        // Parked flows' Zeek states do not change: expiresAt is when droppedByZeek turns true.
        if (this.parked.expiresAt(v) <= now) done.push(e);
      } else if (this.droppedByZeek(v, now)) done.push(v);
    });
    done.sort((a, b) => this.idOf(a) - this.idOf(b));
    for (const x of done) this.end(typeof x === 'number' ? this.unpark(x, this.table.get(x) as number) : x, false);
  }
}
