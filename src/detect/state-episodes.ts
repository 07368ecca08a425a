import { PacketClock } from '../model/clock.js';
import { Interest, keepFlow, stateBit, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import { reachedByFlow } from './episode.js';
import { FlowMap } from './flow-map.js';

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
 * kept after it ends only if findings() may report it, so memory follows the
 * findings, not every connection that passed through the state.
 */
export abstract class StateEpisodes<E extends StateEpisode> {
  readonly marksKept = true;
  protected readonly open = new FlowMap<E>();
  protected readonly done: E[] = [];
  /** Packet time, for an episode that ends with its flow. */
  private clock = new PacketClock();

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
  /** findings()' test for leaving out an episode that ended at endTs. */
  protected abstract leftOut(ep: E, endTs: number): boolean;

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
    if (ep === undefined) return;
    ep.how = atCaptureEnd ? 'end' : 'evicted';
    ep.endTs = atCaptureEnd ? -1 : this.clock.ts;
    this.end(ep);
  }

  /** The stay is over (endTs and how set): the episode leaves the open ones. */
  protected end(ep: E): void {
    this.open.delete(ep.flow);
    this.keepIfReportable(ep);
  }

  protected keepIfReportable(ep: E): void {
    if (ep.endTs < 0 || !this.leftOut(ep, ep.endTs)) {
      keepFlow(ep.flow);
      this.done.push(ep);
    }
  }
}
