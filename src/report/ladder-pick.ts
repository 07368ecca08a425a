import type { Finding, Report } from '../model/report.js';
import { compareFindings } from './service-groups.js';
import type { Timeline } from './timeline-row.js';

/** Where renderers get a connection's ladder (a LadderStore or a TimelineCollector). */
export type LadderSource = (flowId: number) => Timeline | undefined;

export interface PickedLadder {
  timeline: Timeline;
  /** The worst finding naming this connection. */
  finding: Finding;
}

/** The connections of the worst findings that have a ladder, each once, worst first. */
export function pickLadders(report: Report, source: LadderSource, max: number): PickedLadder[] {
  const out: PickedLadder[] = [];
  const seen = new Set<number>();
  for (const f of [...report.findings].sort(compareFindings)) {
    for (const id of f.flowIds) {
      if (out.length >= max) return out;
      if (seen.has(id)) continue;
      seen.add(id);
      const timeline = source(id);
      if (timeline) out.push({ timeline, finding: f });
    }
  }
  return out;
}

/** Keeps the first `head` and last `tail` segments, counting the rest as omitted. */
export function capTimeline(t: Timeline, head: number, tail: number): Timeline {
  if (t.rows.length <= head + tail) return t;
  // Cap what the store kept: its own gap (if any) merges into ours.
  const rows = [...t.rows.slice(0, head), ...t.rows.slice(t.rows.length - tail)];
  return { header: t.header, rows, gapAfter: head, omitted: t.omitted + t.rows.length - head - tail };
}
