import { Analysis, Interest, stateBit, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { Detector, FindingContext } from './detector.js';
import { everIn, reachedByFlow } from './episode.js';
import { byStart, makeFinding, ref, serviceOf } from './finding.js';
import { sideOf } from './side.js';
import { duration, hostPort } from './text.js';
import type { Thresholds } from './thresholds.js';
import { grown } from './grown.js';

const TIME_WAIT_BIT = stateBit(TcpState.TIME_WAIT);

/** The TIME_WAIT a reuse followed: its flow, the side in TIME_WAIT, when and at which frame it began. */
interface TimeWait {
  flow: Flow;
  client: boolean;
  ts: number;
  frame: number;
}

/**
 * A hash of the 4-tuple (plus VLAN and tunnel), the same whichever side is the
 * client; no string is built. 30 bits: a small integer (Smi) as a Map key,
 * where a wider int32 would be boxed as a heap number on every lookup.
 */
function tupleHash(flow: Flow): number {
  const c = flow.client;
  const s = flow.server;
  const a = Math.imul(strHash(c.ip), 31) + c.port;
  const b = Math.imul(strHash(s.ip), 31) + s.port;
  return ((a ^ b) + Math.imul(flow.vlanKey, 0x9e3779b1) + Math.imul(flow.tunnelKey, 0x85ebca6b)) & 0x3fffffff;
}

function strHash(x: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < x.length; i++) h = Math.imul(h ^ x.charCodeAt(i), 0x01000193);
  return h;
}

/** Same 4-tuple, VLAN and tunnel (what tupleKey compared), either orientation. */
function sameTuple(f: Flow, g: Flow): boolean {
  if (f.vlanKey !== g.vlanKey || f.tunnelKey !== g.tunnelKey) return false;
  const fc = f.client;
  const fs = f.server;
  const gc = g.client;
  const gs = g.server;
  return (
    (fc.port === gc.port && fs.port === gs.port && fc.ip === gc.ip && fs.ip === gs.ip) ||
    (fc.port === gs.port && fs.port === gc.port && fc.ip === gs.ip && fs.ip === gc.ip)
  );
}

/**
 * One TIME_WAIT entry per 4-tuple, in columns chained by tupleHash: a slot
 * per entry, no object and no Map entry (entries live for 2·MSL, one per
 * close, and almost none sees a reuse).
 */
class TimeWaitTable {
  size = 0;
  /** Slot + 1 of each bucket's first entry (0: empty); a power of two long. */
  private heads = new Int32Array(1024);
  private flows: (Flow | null)[] = [];
  private client = new Uint8Array(1024);
  private ts = new Float64Array(1024);
  private frame = new Float64Array(1024);
  private hash = new Int32Array(1024);
  /** Slot + 1 of the next entry in the chain (0: last). */
  private next = new Int32Array(1024);
  private readonly free: number[] = [];

  /** The slot of flow's 4-tuple, -1 if none. */
  find(flow: Flow, hash: number): number {
    for (let e = this.heads[hash & (this.heads.length - 1)]!; e !== 0; e = this.next[e - 1]!) {
      const i = e - 1;
      if (this.hash[i] === hash && sameTuple(this.flows[i]!, flow)) return i;
    }
    return -1;
  }

  flowAt(i: number): Flow {
    return this.flows[i]!;
  }

  clientAt(i: number): boolean {
    return this.client[i] === 1;
  }

  entry(i: number): TimeWait {
    return { flow: this.flows[i]!, client: this.client[i] === 1, ts: this.ts[i]!, frame: this.frame[i]! };
  }

  add(flow: Flow, client: boolean, ts: number, frame: number, hash: number): void {
    let i = this.free.pop();
    if (i === undefined) {
      i = this.flows.length;
      this.flows.push(null);
      if (i === this.client.length) this.growColumns();
    }
    // Rehashed before slot i is taken: rehash() links every slot in use.
    if (++this.size > this.heads.length) this.rehash(this.heads.length * 2);
    this.flows[i] = flow;
    this.client[i] = client ? 1 : 0;
    this.ts[i] = ts;
    this.frame[i] = frame;
    this.hash[i] = hash;
    const b = hash & (this.heads.length - 1);
    this.next[i] = this.heads[b]!;
    this.heads[b] = i + 1;
  }

  remove(i: number): void {
    const b = this.hash[i]! & (this.heads.length - 1);
    let e = this.heads[b]!;
    if (e === i + 1) this.heads[b] = this.next[i]!;
    else {
      while (this.next[e - 1] !== i + 1) e = this.next[e - 1]!;
      this.next[e - 1] = this.next[i]!;
    }
    this.flows[i] = null;
    this.free.push(i);
    this.size--;
  }

  private growColumns(): void {
    const n = this.client.length * 2;
    this.client = grown(this.client, new Uint8Array(n));
    this.ts = grown(this.ts, new Float64Array(n));
    this.frame = grown(this.frame, new Float64Array(n));
    this.hash = grown(this.hash, new Int32Array(n));
    this.next = grown(this.next, new Int32Array(n));
  }

  private rehash(buckets: number): void {
    const heads = new Int32Array(buckets);
    const mask = buckets - 1;
    for (let i = 0; i < this.flows.length; i++) {
      if (this.flows[i] === null) continue;
      const b = this.hash[i]! & mask;
      this.next[i] = heads[b]!;
      heads[b] = i + 1;
    }
    this.heads = heads;
  }
}

interface Reuse {
  prev: TimeWait | null;
  flow: Flow;
}

/**
 * port-reuse-time-wait: a new SYN on a 4-tuple whose previous connection is
 * still in TIME_WAIT on one side (less than 2·MSL after it began).
 */
export class PortReuseTimeWaitDetector implements Detector {
  readonly id = 'port-reuse-time-wait';
  readonly interest = Interest.STATE_CHANGE | Analysis.REUSED_PORTS;
  /**
   * One TIME_WAIT entry per 4-tuple: a flow's own entry, if any, is its
   * tuple's entry (no second map by flow: entries live for 2·MSL).
   */
  private readonly timeWaits = new TimeWaitTable();
  private readonly reuses: Reuse[] = [];
  private readonly seen = new Set<Flow>();

  constructor(private readonly t: Thresholds) {}

  segment(ev: SegmentEvent): void {
    if (ev.clientAfter === TcpState.TIME_WAIT && ev.clientBefore !== TcpState.TIME_WAIT) this.enter(ev, true);
    else if (ev.serverAfter === TcpState.TIME_WAIT && ev.serverBefore !== TcpState.TIME_WAIT) this.enter(ev, false);
    if (ev.analysis & Analysis.REUSED_PORTS && !this.seen.has(ev.flow)) {
      // The tracker saw the reuse but no TIME_WAIT entry of ours matched (e.g. it began before a flip).
      this.seen.add(ev.flow);
      this.reuses.push({ prev: null, flow: ev.flow });
    }
  }

  private enter(ev: SegmentEvent, client: boolean): void {
    const flow = ev.flow;
    const hash = tupleHash(flow);
    const old = this.timeWaits.size > 0 ? this.timeWaits.find(flow, hash) : -1;
    if (old >= 0) this.timeWaits.remove(old);
    this.timeWaits.add(flow, client, ev.ts, ev.frame, hash);
  }

  flowStart(flow: Flow): void {
    if (this.timeWaits.size === 0) return;
    const i = this.timeWaits.find(flow, tupleHash(flow));
    if (i < 0 || this.timeWaits.flowAt(i) === flow) return;
    const tw = this.timeWaits.entry(i);
    this.timeWaits.remove(i);
    if (flow.firstTs - tw.ts >= this.t.timeWaitSeconds) return;
    this.seen.add(flow);
    this.reuses.push({ prev: tw, flow });
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    if (this.seen.size > 0) this.seen.delete(flow);
    // Only a flow that entered TIME_WAIT has an entry of its own.
    if (this.timeWaits.size === 0 || (reachedByFlow(flow) & TIME_WAIT_BIT) === 0) return;
    const i = this.timeWaits.find(flow, tupleHash(flow));
    if (i < 0 || this.timeWaits.flowAt(i) !== flow) return;
    // A flow ended while still in TIME_WAIT is being replaced by a new SYN: keep it for flowStart.
    if (atCaptureEnd || sideOf(flow, this.timeWaits.clientAt(i)).state !== TcpState.TIME_WAIT) this.timeWaits.remove(i);
  }

  findings(_ctx: FindingContext): Finding[] {
    const out: Finding[] = [];
    for (const r of this.reuses) {
      const flow = r.flow;
      const c = hostPort(flow.client.ip, flow.client.port);
      const s = hostPort(flow.server.ip, flow.server.port);
      const completed = everIn(flow.server, TcpState.ESTABLISHED);
      const outcome = completed
        ? flow.client.syns > 1
          ? 'the handshake completed only after SYN retransmissions'
          : 'the handshake completed (the TIME_WAIT side accepted the higher sequence number)'
        : 'the handshake did not complete';
      let head: string;
      let since = flow.firstTs;
      const frames = [flow.firstFrame];
      if (r.prev !== null) {
        const tw = sideOf(r.prev.flow, r.prev.client);
        head =
          `${c} opened a new connection to ${s} at frame ${flow.firstFrame}, ${duration(flow.firstTs - r.prev.ts)} after the previous connection ` +
          `on the same ports (from frame ${r.prev.flow.firstFrame}) put ${hostPort(tw.ip, tw.port)} in TIME_WAIT (frame ${r.prev.frame})`;
        since = r.prev.ts;
        frames.push(r.prev.frame);
      } else {
        head = `${c} opened a new connection to ${s} at frame ${flow.firstFrame} while the previous connection on the same ports was in TIME_WAIT`;
      }
      const message = `${head}; ${outcome}: the client reuses ports too fast (ephemeral port exhaustion, a NAT, or a fixed source port).`;
      out.push(
        makeFinding({
          id: this.id,
          severity: 'warning',
          message,
          endpoint: ref(flow.client),
          flowIds: r.prev !== null ? [r.prev.flow.id, flow.id] : [flow.id],
          since,
          duration: flow.firstTs - since,
          censored: false,
          frames,
          service: serviceOf(flow),
          details: { handshakeCompleted: completed, synRetransmissions: Math.max(0, flow.client.syns - 1) },
        }),
      );
    }
    return out.sort(byStart);
  }
}
