import type { AnalysisCounters } from './detect/analysis-counters.js';
import type { Detector, FindingContext } from './detect/detector.js';
import type { CaptureSummary } from './model/capture.js';
import type { Flow } from './model/flow.js';
import { SCHEMA_VERSION, type Finding, type Report, type Severity } from './model/report.js';
import { stateName, type TcpStateName } from './model/tcp-state.js';
import { toFlowReport } from './report/flow-report.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Assembles the report contract (DESIGN.md §5) from what the pipeline gathered. */
export function buildReport(
  captures: CaptureSummary[],
  flows: Flow[],
  detectors: Detector[],
  counters: AnalysisCounters,
): Report {
  flows.sort((a, b) => a.id - b.id);
  const ctx: FindingContext = {
    firstTs: minOf(captures.map((c) => c.firstTs)),
    lastTs: maxOf(captures.map((c) => c.lastTs)),
    captures,
  };
  const findings: Finding[] = detectors.flatMap((d) => d.findings(ctx));
  findings.sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.since - b.since || a.id.localeCompare(b.id),
  );

  const endStates: Partial<Record<TcpStateName, number>> = {};
  for (const f of flows) {
    for (const side of [f.client, f.server]) {
      const name = stateName(side.state);
      endStates[name] = (endStates[name] ?? 0) + 1;
    }
  }
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;

  return {
    schemaVersion: SCHEMA_VERSION,
    captures,
    summary: {
      packets: captures.reduce((n, c) => n + c.packets, 0),
      tcpPackets: captures.reduce((n, c) => n + c.tcpPackets, 0),
      flows: flows.length,
      endStates,
      findings: bySeverity,
      analysis: counters.summary(),
    },
    flows: flows.map(toFlowReport),
    findings,
  };
}

function minOf(xs: (number | null)[]): number {
  let m = Infinity;
  for (const x of xs) if (x !== null && x < m) m = x;
  return m === Infinity ? 0 : m;
}

function maxOf(xs: (number | null)[]): number {
  let m = -Infinity;
  for (const x of xs) if (x !== null && x > m) m = x;
  return m === -Infinity ? 0 : m;
}
