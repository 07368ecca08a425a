import type { SegmentEvent, TrackerListener } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import { SegmentLog } from './segment-log.js';
import { timelineHeader } from './timeline-header.js';
import type { Timeline, TimelineHeader } from './timeline-row.js';

/**
 * Records every segment of the connections a predicate selects at their
 * start (`tcpstate timeline`). Only the first `maxLogged` matches are logged:
 * more than one match is a usage error, so further logs would be wasted.
 */
export class TimelineCollector implements TrackerListener {
  private readonly logs = new Map<number, SegmentLog>();
  private readonly headers = new Map<number, TimelineHeader>();
  private readonly matched: number[] = [];
  private lastId = -1;
  private lastLog: SegmentLog | undefined;

  constructor(
    private readonly select: (flow: Flow) => boolean,
    private readonly maxLogged = 1,
  ) {}

  flowStart(flow: Flow): void {
    if (!this.select(flow)) return;
    this.matched.push(flow.id);
    if (this.logs.size < this.maxLogged) this.logs.set(flow.id, new SegmentLog());
  }

  segment(ev: SegmentEvent): void {
    if (ev.flow.id !== this.lastId) {
      this.lastId = ev.flow.id;
      this.lastLog = this.logs.get(ev.flow.id);
    }
    this.lastLog?.push(ev);
  }

  flowEnd(flow: Flow): void {
    if (this.logs.has(flow.id)) this.headers.set(flow.id, timelineHeader(flow));
  }

  /** Ids of every flow the predicate selected, in order of start. */
  matchedIds(): number[] {
    return [...this.matched];
  }

  timeline(flowId: number): Timeline | undefined {
    const log = this.logs.get(flowId);
    const header = this.headers.get(flowId);
    if (!log || !header) return undefined;
    return { header, rows: log.rows(), gapAfter: log.gapAfter, omitted: log.omitted };
  }
}
