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

const TIME_WAIT_BIT = stateBit(TcpState.TIME_WAIT);

interface TimeWait {
  flow: Flow;
  client: boolean;
  ts: number;
  frame: number;
  /** tupleHash of the flow, and the next entry with the same hash. */
  hash: number;
  next: TimeWait | null;
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

/** The entry of flow's 4-tuple in a hash chain. */
function inChain(e: TimeWait | null, flow: Flow): TimeWait | undefined {
  for (; e !== null; e = e.next) if (sameTuple(e.flow, flow)) return e;
  return undefined;
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
   * One TIME_WAIT entry per 4-tuple, chained by tupleHash: a flow's own entry,
   * if any, is its tuple's entry (no second map by flow: entries live for
   * 2·MSL, so that would be one more long-lived map entry per close).
   */
  private readonly timeWaits = new Map<number, TimeWait>();
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
    let head = this.timeWaits.get(hash) ?? null;
    const old = inChain(head, flow);
    if (old !== undefined) {
      this.remove(old);
      head = this.timeWaits.get(hash) ?? null;
    }
    this.timeWaits.set(hash, { flow, client, ts: ev.ts, frame: ev.frame, hash, next: head });
  }

  /** The entry of flow's 4-tuple. */
  private find(flow: Flow, hash: number): TimeWait | undefined {
    return inChain(this.timeWaits.get(hash) ?? null, flow);
  }

  private remove(tw: TimeWait): void {
    const head = this.timeWaits.get(tw.hash)!;
    if (head === tw) {
      if (tw.next === null) this.timeWaits.delete(tw.hash);
      else this.timeWaits.set(tw.hash, tw.next);
      return;
    }
    let e = head;
    while (e.next !== tw) e = e.next!;
    e.next = tw.next;
  }

  flowStart(flow: Flow): void {
    if (this.timeWaits.size === 0) return;
    const tw = this.find(flow, tupleHash(flow));
    if (tw === undefined || tw.flow === flow) return;
    this.remove(tw);
    if (flow.firstTs - tw.ts >= this.t.timeWaitSeconds) return;
    this.seen.add(flow);
    this.reuses.push({ prev: tw, flow });
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    if (this.seen.size > 0) this.seen.delete(flow);
    // Only a flow that entered TIME_WAIT has an entry of its own.
    if (this.timeWaits.size === 0 || (reachedByFlow(flow) & TIME_WAIT_BIT) === 0) return;
    const tw = this.find(flow, tupleHash(flow));
    if (tw === undefined || tw.flow !== flow) return;
    // A flow ended while still in TIME_WAIT is being replaced by a new SYN: keep it for flowStart.
    if (atCaptureEnd || sideOf(flow, tw.client).state !== TcpState.TIME_WAIT) this.remove(tw);
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
