import { Analysis, type SegmentEvent, type TrackerListener } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import { TcpState } from '../model/tcp-state.js';
import { TROUBLE_BITS } from './flags.js';
import { SegmentLog } from './segment-log.js';
import { timelineHeader } from './timeline-header.js';
import type { Timeline, TimelineHeader } from './timeline-row.js';

export interface LadderStoreOptions {
  /** Segments kept from the start and from the end of each connection. */
  head?: number;
  tail?: number;
  /** Connections whose ladders are kept once they end. */
  maxKept?: number;
}

interface Kept {
  header: TimelineHeader;
  log: SegmentLog;
  score: number;
}

/**
 * Ladders for the postmortem reports. Which connections get a finding is
 * known only after the capture, so every live connection logs a capped
 * ladder; at its end the ladder is dropped unless the connection looks like
 * one a detector will name (reset, stuck in a state, retransmitting, ...).
 */
export class LadderStore implements TrackerListener {
  private readonly live = new Map<number, SegmentLog>();
  private kept = new Map<number, Kept>();
  private readonly head: number;
  private readonly tail: number;
  private readonly maxKept: number;
  private lastId = -1;
  private lastLog: SegmentLog | undefined;

  constructor(opts: LadderStoreOptions = {}) {
    this.head = opts.head ?? 30;
    this.tail = opts.tail ?? 10;
    this.maxKept = opts.maxKept ?? 200;
  }

  flowStart(flow: Flow): void {
    this.live.set(flow.id, new SegmentLog(this.head, this.tail));
  }

  segment(ev: SegmentEvent): void {
    if (ev.flow.id !== this.lastId) {
      this.lastId = ev.flow.id;
      this.lastLog = this.live.get(ev.flow.id);
    }
    this.lastLog?.push(ev);
  }

  flowEnd(flow: Flow): void {
    const log = this.live.get(flow.id);
    this.live.delete(flow.id);
    if (this.lastId === flow.id) this.lastId = -1;
    if (!log) return;
    const score = candidateScore(flow, log);
    if (score <= 0) return;
    this.kept.set(flow.id, { header: timelineHeader(flow), log, score });
    // Trim in batches so that a capture full of candidates costs O(log n) each.
    if (this.kept.size >= 2 * this.maxKept) {
      const best = [...this.kept.entries()].sort((a, b) => b[1].score - a[1].score).slice(0, this.maxKept);
      this.kept = new Map(best.sort((a, b) => a[0] - b[0]));
    }
  }

  timeline(flowId: number): Timeline | undefined {
    const k = this.kept.get(flowId);
    if (!k) return undefined;
    return { header: k.header, rows: k.log.rows(), gapAfter: k.log.gapAfter, omitted: k.log.omitted };
  }
}

/** End states that say nothing is wrong, or nothing can be said (one-sided capture). */
const SETTLED: ReadonlySet<number> = new Set([TcpState.CLOSED, TcpState.TIME_WAIT, TcpState.UNKNOWN, TcpState.LISTEN]);

function stuckScore(state: TcpState): number {
  if (SETTLED.has(state)) return 0;
  // A connection still open at the end is common and usually healthy.
  return state === TcpState.ESTABLISHED ? 1e7 : 1e9;
}

/** 0 for a connection no detector will name; otherwise higher for the ones a reader most needs to see. */
function candidateScore(flow: Flow, log: SegmentLog): number {
  const stuck = Math.max(stuckScore(flow.client.state), stuckScore(flow.server.state));
  const rst = flow.client.rsts + flow.server.rsts > 0;
  const retrans = flow.client.retransmissions + flow.server.retransmissions;
  const odd = (log.analysisSeen & (TROUBLE_BITS | Analysis.KEEP_ALIVE)) !== 0;
  if (stuck === 0 && !rst && retrans === 0 && !odd) return 0;
  return stuck + (rst ? 1e8 : 0) + Math.min(retrans, 1e4) * 1e4 + (odd ? 1e3 : 0) + (flow.lastTs - flow.firstTs);
}
