import type { SegmentEvent } from '../model/events.js';

/** One segment of a ladder: a copy of the tracker's SegmentEvent without the flow. */
export type TimelineRow = Omit<SegmentEvent, 'flow'>;

/** What a ladder needs to know about its connection, besides the segments. */
export interface TimelineHeader {
  flowId: number;
  client: { ip: string; port: number };
  server: { ip: string; port: number };
  firstTs: number;
  lastTs: number;
  connState: string;
  history: string;
  partial: boolean;
}

/**
 * The segments of one connection. When a cap applied, `rows` holds the first
 * and the last ones and `omitted` segments between them (after index
 * `gapAfter - 1`) were dropped.
 */
export interface Timeline {
  header: TimelineHeader;
  rows: TimelineRow[];
  gapAfter: number;
  omitted: number;
}
