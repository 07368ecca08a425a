import type { TrackerListener } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Report } from '../model/report.js';
import { toFlowReport } from './flow-report.js';

/**
 * `--format ndjson`: each connection as one line the moment it leaves the
 * tracker, so memory and latency do not grow with the capture. Lines are
 * tagged so that `jq 'select(.kind=="flow")'` separates them from the last
 * line, the summary.
 */
export class NdjsonFlowWriter implements TrackerListener {
  constructor(private readonly write: (line: string) => void) {}

  flowEnd(flow: Flow): void {
    this.write(flowLine(flow));
  }
}

export function flowLine(flow: Flow): string {
  return `${JSON.stringify({ kind: 'flow', ...toFlowReport(flow) })}\n`;
}

/** The closing line: everything of the report contract except the flows already written. */
export function renderNdjsonSummary(report: Report): string {
  const { flows: _written, ...rest } = report;
  return `${JSON.stringify({ kind: 'summary', ...rest })}\n`;
}
