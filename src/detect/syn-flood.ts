import { TcpFlag } from '../model/decoded.js';
import { Interest, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { FindingContext, ShardedDetector } from './detector.js';
import { everIn } from './episode.js';
import { ByService } from './by-service.js';
import { makeFinding } from './finding.js';
import { count, duration, hostPort, plural } from './text.js';
import type { Thresholds } from './thresholds.js';

/** Distinct sources counted exactly up to this many per destination, then reported as "at least". */
const MAX_SOURCES = 65536;
/** Sample of evidence per second of attempts. */
const FRAMES_PER_SECOND = 16;

interface Second {
  attempts: number;
  completed: number;
  frames: number[];
  flowIds: number[];
}

interface Counts {
  attempts: number;
  answered: number;
  synAckRetransmissions: number;
  /** Incomplete attempts whose SYN+ACK was never retransmitted (SYN cookies keep no state to resend). */
  incompleteNoRetransmit: number;
  incomplete: number;
}

/** Everything kept per destination ip:port: counters and per-second buckets, never per-SYN objects. */
interface Destination extends Counts {
  ip: string;
  port: number;
  seconds: Map<number, Second>;
  sources: Set<string>;
  /** Index in dests.list + 1: Flow.synDestination of the connections whose attempt it counted. */
  tag: number;
}

/** A destination as plain data: one shard's share, for the main thread of a sharded run. */
interface DestinationState extends Counts {
  ip: string;
  port: number;
  seconds: [number, Second][];
  sources: string[];
}

interface Flood {
  d: Destination;
  first: number;
  last: number;
  peak: number;
  peakSecond: number;
  attempts: number;
  completed: number;
}

/** The FRAMES_PER_SECOND earliest frames of both seconds (each in frame order), with their flows. */
function mergeEvidence(into: Second, other: Second): void {
  const frames: number[] = [];
  const flowIds: number[] = [];
  let i = 0;
  let j = 0;
  while (frames.length < FRAMES_PER_SECOND && (i < into.frames.length || j < other.frames.length)) {
    if (j >= other.frames.length || (i < into.frames.length && into.frames[i]! < other.frames[j]!)) {
      frames.push(into.frames[i]!);
      flowIds.push(into.flowIds[i++]!);
    } else {
      frames.push(other.frames[j]!);
      flowIds.push(other.flowIds[j++]!);
    }
  }
  into.frames = frames;
  into.flowIds = flowIds;
}

/**
 * syn-flood: per destination ip:port, a second with ≥ synFloodRatePerSecond
 * connection attempts that never completed, and a completion ratio below
 * synFloodCompletionRatio over such seconds. Memory is per destination and per
 * second of attempts, whatever the number of SYNs.
 */
export class SynFloodDetector implements ShardedDetector<DestinationState[]> {
  readonly id = 'syn-flood';
  readonly marksKept = true;
  readonly interest = Interest.SYN;
  /** Destinations in order of first SYN (their list is what Destination.tag indexes). */
  private readonly dests = new ByService<Destination>();
  private floodCache: Flood[] | null = null;

  constructor(private readonly t: Thresholds) {}

  segment(ev: SegmentEvent): void {
    if ((ev.flags & TcpFlag.SYN) === 0) return;
    const flow = ev.flow;
    if ((ev.flags & TcpFlag.ACK) === 0) {
      if (!ev.fromClient || ev.frame !== flow.firstFrame) return;
      const d = this.dests.get(flow.server.ip, flow.server.port) ?? this.destination(flow.server.ip, flow.server.port);
      // Kept on the flow until flowEnd, not in a Map entry per connection.
      flow.synDestination = d.tag;
      d.attempts++;
      if (d.sources.size < MAX_SOURCES) d.sources.add(flow.client.ip);
      const sec = Math.floor(ev.ts);
      let s = d.seconds.get(sec);
      if (s === undefined) {
        s = { attempts: 0, completed: 0, frames: [], flowIds: [] };
        d.seconds.set(sec, s);
      }
      s.attempts++;
      if (s.frames.length < FRAMES_PER_SECOND) {
        s.frames.push(ev.frame);
        s.flowIds.push(flow.id);
      }
    }
  }

  private destination(ip: string, port: number): Destination {
    const d: Destination = {
      ip,
      port,
      seconds: new Map(),
      sources: new Set(),
      attempts: 0,
      answered: 0,
      synAckRetransmissions: 0,
      incompleteNoRetransmit: 0,
      incomplete: 0,
      tag: this.dests.list.length + 1,
    };
    return this.dests.add(ip, port, d);
  }

  shardState(globalId: (id: number) => number): DestinationState[] {
    return this.dests.list.map(({ tag: _tag, ...d }) => ({
      ...d,
      seconds: [...d.seconds].map(([sec, s]) => [sec, { ...s, flowIds: s.flowIds.map(globalId) }]),
      sources: [...d.sources],
    }));
  }

  /** Adds other shards' destinations: counts add up, sources unite, each second keeps its earliest evidence. */
  absorb(states: readonly DestinationState[][]): void {
    this.floodCache = null;
    for (const list of states) {
      for (const s of list) {
        const d = this.dests.get(s.ip, s.port) ?? this.destination(s.ip, s.port);
        d.attempts += s.attempts;
        d.answered += s.answered;
        d.synAckRetransmissions += s.synAckRetransmissions;
        d.incompleteNoRetransmit += s.incompleteNoRetransmit;
        d.incomplete += s.incomplete;
        for (const ip of s.sources) {
          if (d.sources.size >= MAX_SOURCES) break;
          d.sources.add(ip);
        }
        for (const [sec, other] of s.seconds) {
          const mine = d.seconds.get(sec);
          if (mine === undefined) {
            d.seconds.set(sec, other);
            continue;
          }
          mine.attempts += other.attempts;
          mine.completed += other.completed;
          mergeEvidence(mine, other);
        }
      }
    }
  }

  flowEnd(flow: Flow): void {
    const tag = flow.synDestination ?? 0;
    if (tag === 0) return;
    const d = this.dests.list[tag - 1]!;
    flow.synDestination = 0;
    const synAcks = flow.server.syns;
    if (synAcks > 0) {
      d.answered++;
      d.synAckRetransmissions += synAcks - 1;
    }
    const done = everIn(flow.server, TcpState.ESTABLISHED) || everIn(flow.client, TcpState.ESTABLISHED);
    if (done) {
      const s = d.seconds.get(Math.floor(flow.firstTs));
      if (s !== undefined) s.completed++;
    } else {
      d.incomplete++;
      if (synAcks === 1) d.incompleteNoRetransmit++;
    }
  }

  /** Destinations under a flood (computed once every flow has ended). */
  floods(): Flood[] {
    if (this.floodCache !== null) return this.floodCache;
    const R = this.t.synFloodRatePerSecond;
    const out: Flood[] = [];
    for (const d of this.dests.list) {
      if (d.attempts < R) continue;
      let first = Infinity;
      let last = -Infinity;
      let peak = 0;
      let peakSecond = 0;
      let attempts = 0;
      let completed = 0;
      for (const [sec, s] of d.seconds) {
        const incomplete = s.attempts - s.completed;
        if (incomplete < R) continue;
        attempts += s.attempts;
        completed += s.completed;
        if (sec < first) first = sec;
        if (sec > last) last = sec;
        if (incomplete > peak || (incomplete === peak && sec < peakSecond)) {
          peak = incomplete;
          peakSecond = sec;
        }
      }
      if (attempts === 0 || completed / attempts >= this.t.synFloodCompletionRatio) continue;
      out.push({ d, first, last, peak, peakSecond, attempts, completed });
    }
    out.sort((a, b) => a.first - b.first || a.d.ip.localeCompare(b.d.ip) || a.d.port - b.d.port);
    this.floodCache = out;
    return out;
  }

  isFlooded(ip: string, port: number): boolean {
    return this.floods().some((f) => f.d.ip === ip && f.d.port === port);
  }

  findings(ctx: FindingContext): Finding[] {
    return this.floods().map((fl) => {
      const d = fl.d;
      const peak = d.seconds.get(fl.peakSecond)!;
      const sources = d.sources.size >= MAX_SOURCES ? `at least ${count(MAX_SOURCES)}` : count(d.sources.size);
      const ratio = fl.completed / fl.attempts;
      const span = fl.last + 1 - fl.first;
      let why: string;
      if (d.answered < d.attempts / 2) {
        why = 'most SYNs got no SYN+ACK: its listen queue is full and new SYNs are dropped (no SYN cookies)';
      } else if (d.synAckRetransmissions === 0 && d.incompleteNoRetransmit > 0) {
        why = 'its SYN+ACKs were never retransmitted: it answers with SYN cookies (the SYN backlog overflowed)';
      } else {
        why = `it retransmitted SYN+ACKs ${plural(d.synAckRetransmissions, 'time')}: half-open connections fill its SYN backlog`;
      }
      const message =
        `${hostPort(d.ip, d.port)} received up to ${count(fl.peak)} connection attempts per second that never completed ` +
        `(${count(fl.attempts)} attempts over ${duration(span)} from ${sources} source addresses, ${Math.round(ratio * 100)}% completed): ` +
        `a SYN flood; ${why}.`;
      return makeFinding({
        id: this.id,
        severity: 'error',
        message,
        endpoint: { ip: d.ip, port: d.port },
        flowIds: peak.flowIds,
        since: fl.first,
        duration: span,
        censored: fl.last + 1 >= ctx.lastTs,
        frames: peak.frames,
        service: { ip: d.ip, port: d.port },
        details: {
          peakPerSecond: fl.peak,
          attempts: fl.attempts,
          completed: fl.completed,
          completionRatio: Math.round(ratio * 1000) / 1000,
          distinctSources: d.sources.size,
          synAckRetransmissions: d.synAckRetransmissions,
          unansweredSyns: d.attempts - d.answered,
        },
      });
    });
  }
}
