import { Interest, stateBit, type SegmentEvent } from '../model/events.js';
import type { Finding } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { FindingContext, ShardedDetector } from './detector.js';
import { ByService } from './by-service.js';
import { makeFinding } from './finding.js';
import { count, duration, hostPort } from './text.js';
import type { Thresholds } from './thresholds.js';

const WINDOW_SECONDS = 60;
/** Flows named per finding: the first ones to close. */
const MAX_FLOWS = 64;

/** Active closes in one second of capture time: how many, the first and the last. */
interface Second {
  n: number;
  first: number;
  last: number;
}

/**
 * Active closes of one server ip:port, counted per second of capture time:
 * the 60 s windows are summed in findings(), so shards of a run add up.
 */
interface Service {
  ip: string;
  port: number;
  perSecond: Map<number, Second>;
  total: number;
  /** The first active closes (frame order): their frames and flows are the evidence. */
  frames: number[];
  flowIds: number[];
}

/** A service as plain data, for the main thread of a sharded run. */
interface ServiceState extends Omit<Service, 'perSecond'> {
  perSecond: [number, Second][];
}

interface Pileup {
  peak: number;
  /** The first close of the first second, and the last close of the last second, whose window reached the threshold. */
  firstOver: number;
  lastOver: number;
}

/**
 * time-wait-pileup: one server ip:port enters TIME_WAIT (it closed first) on
 * ≥ timeWaitPileupPerMinute connections within 60 s (windows of whole seconds).
 */
export class TimeWaitPileupDetector implements ShardedDetector<ServiceState[]> {
  readonly id = 'time-wait-pileup';
  readonly marksKept = true;
  readonly interest = Interest.NONE;
  readonly enters = stateBit(TcpState.TIME_WAIT);
  /** Services in order of first close. */
  private readonly services = new ByService<Service>();

  constructor(private readonly t: Thresholds) {}

  segment(ev: SegmentEvent): void {
    if (ev.serverAfter !== TcpState.TIME_WAIT || ev.serverBefore === TcpState.TIME_WAIT) return;
    const server = ev.flow.server;
    const s = this.service(server.ip, server.port);
    const sec = Math.floor(ev.ts);
    const b = s.perSecond.get(sec);
    if (b === undefined) s.perSecond.set(sec, { n: 1, first: ev.ts, last: ev.ts });
    else {
      b.n++;
      if (ev.ts < b.first) b.first = ev.ts;
      if (ev.ts > b.last) b.last = ev.ts;
    }
    s.total++;
    if (s.frames.length < MAX_FLOWS) {
      s.frames.push(ev.frame);
      s.flowIds.push(ev.flow.id);
    }
  }

  private service(ip: string, port: number): Service {
    return this.services.get(ip, port) ?? this.services.add(ip, port, { ip, port, perSecond: new Map(), total: 0, frames: [], flowIds: [] });
  }

  shardState(globalId: (id: number) => number): ServiceState[] {
    return this.services.list.map((s) => ({ ...s, perSecond: [...s.perSecond], flowIds: s.flowIds.map(globalId) }));
  }

  absorb(states: readonly ServiceState[][]): void {
    for (const list of states) {
      for (const o of list) {
        const s = this.service(o.ip, o.port);
        for (const [sec, ob] of o.perSecond) {
          const b = s.perSecond.get(sec);
          if (b === undefined) s.perSecond.set(sec, ob);
          else {
            b.n += ob.n;
            b.first = Math.min(b.first, ob.first);
            b.last = Math.max(b.last, ob.last);
          }
        }
        s.total += o.total;
        const merged = [...s.frames.map((f, i) => [f, s.flowIds[i]!]), ...o.frames.map((f, i) => [f, o.flowIds[i]!])]
          .sort((a, b) => a[0]! - b[0]!)
          .slice(0, MAX_FLOWS);
        s.frames = merged.map((m) => m[0]!);
        s.flowIds = merged.map((m) => m[1]!);
      }
    }
  }

  /** The busiest 60 s window, and the seconds at which windows reached `threshold`. */
  private pileup(s: Service, threshold: number): Pileup {
    const secs = [...s.perSecond.keys()].sort((a, b) => a - b);
    let inWindow = 0;
    let tail = 0;
    const p: Pileup = { peak: 0, firstOver: -1, lastOver: -1 };
    for (const sec of secs) {
      const b = s.perSecond.get(sec)!;
      inWindow += b.n;
      while (secs[tail]! <= sec - WINDOW_SECONDS) inWindow -= s.perSecond.get(secs[tail++]!)!.n;
      if (inWindow > p.peak) p.peak = inWindow;
      if (inWindow >= threshold) {
        if (p.firstOver < 0) p.firstOver = b.first;
        p.lastOver = b.last;
      }
    }
    return p;
  }

  findings(_ctx: FindingContext): Finding[] {
    const N = this.t.timeWaitPileupPerMinute;
    const out: Finding[] = [];
    for (const s of this.services.list) {
      const p = this.pileup(s, N);
      if (p.peak < N) continue;
      const message =
        `${hostPort(s.ip, s.port)} closed up to ${count(p.peak)} connections first within 60 s (${count(s.total)} in all): ` +
        `each leaves a server socket in TIME_WAIT, and clients reconnecting from a recently used port are delayed or reset (port exhaustion behind NAT or a proxy); ` +
        `let the clients close first (keep-alive), or reuse connections.`;
      out.push(
        makeFinding({
          id: this.id,
          severity: 'warning',
          message,
          endpoint: { ip: s.ip, port: s.port },
          flowIds: s.flowIds,
          since: p.firstOver,
          duration: p.lastOver - p.firstOver,
          censored: false,
          frames: s.frames,
          service: { ip: s.ip, port: s.port },
          details: { peakPerMinute: p.peak, activeCloses: s.total, thresholdPerMinute: N, window: duration(WINDOW_SECONDS) },
        }),
      );
    }
    return out.sort((a, b) => a.since - b.since || a.endpoint.ip.localeCompare(b.endpoint.ip) || a.endpoint.port - b.endpoint.port);
  }
}
