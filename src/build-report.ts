import type { AnalysisCounters } from './detect/analysis-counters.js';
import type { Detector, FindingContext } from './detect/detector.js';
import type { CaptureSummary } from './model/capture.js';
import { aggregateByService } from './detect/services.js';
import type { FlowCollector } from './flow-collector.js';
import { SCHEMA_VERSION, type Finding, type Report, type Severity } from './model/report.js';
import { toFlowReport } from './report/flow-report.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Assembles the report contract (DESIGN.md §5) from what the pipeline gathered. */
export function buildReport(
  captures: CaptureSummary[],
  collector: FlowCollector,
  detectors: Detector[],
  counters: AnalysisCounters,
): Report {
  const ctx: FindingContext = {
    firstTs: minOf(captures.map((c) => c.firstTs)),
    lastTs: maxOf(captures.map((c) => c.lastTs)),
    captures,
  };
  const findings: Finding[] = detectors.flatMap((d) => d.findings(ctx));
  findings.sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.since - b.since || a.id.localeCompare(b.id),
  );

  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;

  return {
    schemaVersion: SCHEMA_VERSION,
    captures,
    summary: {
      packets: captures.reduce((n, c) => n + c.packets, 0),
      tcpPackets: captures.reduce((n, c) => n + c.tcpPackets, 0),
      flows: collector.count,
      endStates: collector.endStateCounts(),
      findings: bySeverity,
      analysis: counters.summary(),
    },
    flows: collector.listed(new Set(findings.flatMap((f) => f.flowIds))).map(toFlowReport),
    findings,
    // Every per-connection finding names its service, so no flow list is needed here.
    services: aggregateByService(findings, []),
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
