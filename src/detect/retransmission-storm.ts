import { Analysis, Explained, explained, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding, OmittedFindings } from '../model/report.js';
import type { Detector, FindingContext } from './detector.js';
import { addFrame, byStart, makeFinding, ref, serviceOf } from './finding.js';
import type { FindingCap } from './finding-cap.js';
import { FlowMap } from './flow-map.js';
import { PendingFindings } from './pending-findings.js';
import { peerOf, sideOf } from './side.js';
import { count, hostPort } from './text.js';
import type { Thresholds } from './thresholds.js';

const RETRANSMITTED = Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION;
// Probes carry a byte of payload but are not data transfer.
const NOT_DATA = Analysis.KEEP_ALIVE | Analysis.ZERO_WINDOW_PROBE;

interface Direction {
  data: number;
  retransmitted: number;
  first: number;
  last: number;
  frames: number[];
}

interface Counts {
  flow: Flow;
  dirs: [Direction, Direction];
}

function direction(): Direction {
  return { data: 0, retransmitted: 0, first: 0, last: 0, frames: [] };
}

/**
 * retransmission-storm: ≥ retransmissionStormRatio of one side's data
 * segments (at least retransmissionStormMinSegments of them) are
 * retransmissions.
 */
export class RetransmissionStormDetector implements Detector {
  readonly id = 'retransmission-storm';
  readonly marksKept = true;
  private readonly counts = new FlowMap<Counts>();
  /** Nothing about a storm depends on the capture's end: its finding is written as its flow ends. */
  private readonly storms: PendingFindings<{ c: Counts; client: boolean }>;

  constructor(
    private readonly t: Thresholds,
    cap?: FindingCap,
  ) {
    this.storms = new PendingFindings(({ c, client }) => this.finding(c, client), cap);
  }

  /**
   * Only retransmissions: the tracker counts every side's data segments
   * (Endpoint.dataSegments), so a connection without retransmissions costs
   * nothing here. Hand-built flows without that counter are counted here.
   */
  readonly interest = RETRANSMITTED;

  segment(ev: SegmentEvent): void {
    if (ev.payloadLen === 0 || ev.analysis & NOT_DATA) return;
    const counted = ev.flow.client.dataSegments !== undefined;
    if (counted && (ev.analysis & RETRANSMITTED) === 0) return;
    let c = this.counts.get(ev.flow);
    if (c === undefined) {
      c = { flow: ev.flow, dirs: [direction(), direction()] };
      this.counts.set(ev.flow, c);
    }
    const d = c.dirs[ev.fromClient ? 0 : 1];
    if (!counted) d.data++;
    if (ev.analysis & RETRANSMITTED) {
      if (d.retransmitted === 0) d.first = ev.ts;
      d.retransmitted++;
      d.last = ev.ts;
      addFrame(d.frames, ev.frame);
    }
  }

  flowEnd(flow: Flow): void {
    let c = this.counts.get(flow);
    if (c === undefined) {
      // No retransmission: a storm only if the ratio threshold is 0.
      if (this.t.retransmissionStormRatio > 0 || flow.client.dataSegments === undefined) return;
      c = { flow, dirs: [direction(), direction()] };
    }
    this.counts.delete(flow);
    for (const client of [true, false]) {
      const d = c.dirs[client ? 0 : 1];
      const sent = sideOf(flow, client).dataSegments;
      if (sent !== undefined) d.data = sent;
      if (d.data >= this.t.retransmissionStormMinSegments && d.retransmitted / d.data >= this.t.retransmissionStormRatio) {
        this.storms.settle({ c, client });
      }
    }
  }

  findings(_ctx: FindingContext): Finding[] {
    return this.storms.findings(NaN).sort(byStart);
  }

  omitted(): OmittedFindings {
    return this.storms.omitted();
  }

  private finding(c: Counts, client: boolean): Finding | null {
    // Retransmissions to a vanished peer are half-open's, not a storm.
    if (explained(c.flow, Explained.GAVE_UP_ON_PEER, client)) return null;
    const d = c.dirs[client ? 0 : 1];
    const side = sideOf(c.flow, client);
    const peer = peerOf(c.flow, client);
    const pct = Math.round((d.retransmitted / d.data) * 1000) / 10;
    const message =
      `${count(d.retransmitted)} of ${count(d.data)} data segments (${pct}%) from ${hostPort(side.ip, side.port)} to ${hostPort(peer.ip, peer.port)} ` +
      `were retransmitted (first at frame ${d.frames[0]}): heavy packet loss on this path or at the receiver (congested link, faulty interface, policer); throughput collapses.`;
    return makeFinding({
      id: this.id,
      severity: 'warning',
      message,
      endpoint: ref(side),
      flowIds: [c.flow.id],
      since: d.first,
      duration: d.last - d.first,
      censored: false,
      frames: d.frames,
      service: serviceOf(c.flow),
      details: { dataSegments: d.data, retransmissions: d.retransmitted, percent: pct },
    });
  }
}
