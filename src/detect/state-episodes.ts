import { PacketClock } from '../model/clock.js';
import { Interest, keepFlow, stateBit, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding, OmittedFindings } from '../model/report.js';
import { reachedByFlow } from './episode.js';
import type { FindingContext } from './detector.js';
import type { FindingCap } from './finding-cap.js';
import { byStart } from './finding.js';
import { FlowMap } from './flow-map.js';
import { PendingFindings } from './pending-findings.js';

/** One side's stay in the state a detector times. */
export interface StateEpisode {
  flow: Flow;
  /** The side in the state is the flow's client. */
  client: boolean;
  /** When the stay ended; -1 when the capture ended first. */
  endTs: number;
  /** How it ended: the detector's own words, or 'end' / 'evicted' (set here). */
  how: string;
}

/**
 * The bookkeeping of detectors that time one side's stay in a state
 * (CLOSE_WAIT, FIN_WAIT_1/CLOSING, FIN_WAIT_2): an episode opens when a side
 * enters the state, is updated by the flow's segments while it lasts, and is
 * kept after it ends only if it may make a finding. That finding is written
 * when the flow ends (the peer's counters and other detectors' notes are
 * final then), or in findings() if the capture's end cut the stay short, so
 * memory follows the open connections and the findings listed.
 */
export abstract class StateEpisodes<E extends StateEpisode> {
  readonly marksKept = true;
  protected readonly open = new FlowMap<E>();
  /** Stays over while their flow goes on: written when it ends. */
  private readonly over = new FlowMap<E | E[]>();
  protected readonly pending: PendingFindings<E>;
  /** Packet time, for an episode that ends with its flow. */
  private clock = new PacketClock();

  constructor(cap?: FindingCap) {
    this.pending = new PendingFindings((ep, lastTs) => this.finding(ep, lastTs), cap);
  }

  /** stateBit of the state (or states) timed: also the TrackerListener `states` and `enters` filters. */
  abstract readonly states: number;
  /** Only the segments on which a side enters a timed state (a stay begins) or is in one (it goes on). */
  readonly interest: number = Interest.NONE;

  get enters(): number {
    return this.states;
  }

  /** A new episode for the side that just entered the state. */
  protected abstract begin(ev: SegmentEvent, client: boolean): E;
  /** A segment of the flow while the episode is open; calls end(ep) when the stay is over. */
  protected abstract update(ep: E, ev: SegmentEvent): void;
  /** Whether an episode that ended at endTs can make no finding (kept otherwise). */
  protected abstract leftOut(ep: E, endTs: number): boolean;
  /** The episode's finding, or null; `lastTs` is the capture's end, for an episode it cut short (endTs < 0). */
  protected abstract finding(ep: E, lastTs: number): Finding | null;
  /** The episode's finding was written: its flow ended before the capture did. */
  protected reported(_ep: E): void {}

  useClock(clock: PacketClock): void {
    this.clock = clock;
  }

  segment(ev: SegmentEvent): void {
    const m = this.states;
    const cb = stateBit(ev.clientBefore) & m;
    const sb = stateBit(ev.serverBefore) & m;
    if ((cb | sb) !== 0) {
      const ep = this.open.get(ev.flow);
      if (ep !== undefined) this.update(ep, ev);
    }
    if ((stateBit(ev.clientAfter) & m) !== 0 && cb === 0) this.open.set(ev.flow, this.begin(ev, true));
    else if ((stateBit(ev.serverAfter) & m) !== 0 && sb === 0) this.open.set(ev.flow, this.begin(ev, false));
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    // An episode opens only when a side enters the state.
    if ((reachedByFlow(flow) & this.states) === 0) return;
    const ep = this.open.get(flow);
    if (ep !== undefined) {
      ep.how = atCaptureEnd ? 'end' : 'evicted';
      ep.endTs = atCaptureEnd ? -1 : this.clock.ts;
      this.end(ep);
    }
    const over = this.over.get(flow);
    if (over === undefined) return;
    this.over.delete(flow);
    if (Array.isArray(over)) for (const e of over) this.write(e);
    else this.write(over);
  }

  findings(ctx: FindingContext): Finding[] {
    return this.pending.findings(ctx.lastTs).sort(byStart);
  }

  omitted(): OmittedFindings {
    return this.pending.omitted();
  }

  /** The stay is over (endTs and how set): the episode leaves the open ones. */
  protected end(ep: E): void {
    this.open.delete(ep.flow);
    this.keepIfReportable(ep);
  }

  protected keepIfReportable(ep: E): void {
    if (ep.endTs >= 0 && this.leftOut(ep, ep.endTs)) return;
    // Held until flowEnd: a flow that reached a timed state sent a FIN, so the tracker never parks it meanwhile.
    const prev = this.over.get(ep.flow);
    this.over.set(ep.flow, prev === undefined ? ep : Array.isArray(prev) ? [...prev, ep] : [prev, ep]);
  }

  private write(ep: E): void {
    if (ep.endTs >= 0) {
      if (this.pending.settle(ep)) this.reported(ep);
      return;
    }
    // Held past flowEnd: its sides are kept as final copies.
    keepFlow(ep.flow);
    this.pending.keepToEnd(ep);
  }
}
