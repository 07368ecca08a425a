import type { FindingContext } from './detect/detector.js';
import type { CaptureSummary } from './model/capture.js';
import { ServiceTally } from './detect/services.js';
import type { TcpStateName } from './model/tcp-state.js';
import { SCHEMA_VERSION, type AnalysisSummary, type FlowReport, type Finding, type OmittedFindings, type Report, type ReportSummary, type Severity } from './model/report.js';
import { SEVERITIES, SEVERITY_RANK } from './policy/severity.js';

/** What the pipeline gathered, single-threaded or merged from the shards of a --jobs run. */
export interface ReportParts {
  captures: CaptureSummary[];
  flowCount: number;
  endStates: Partial<Record<TcpStateName, number>>;
  endStatesBySide: { client: Partial<Record<TcpStateName, number>>; server: Partial<Record<TcpStateName, number>> };
  analysis: AnalysisSummary;
  /** The findings to list (FindingCap.listed()), in any order. */
  findings: Finding[];
  /** What the cap left out: counted in the summary and per service, not listed. */
  omitted?: OmittedFindings;
  /** The connections the report lists, in id order. */
  flows: FlowReport[];
}

/** What every detector's findings() is told about the run. */
export function findingContext(captures: CaptureSummary[]): FindingContext {
  return {
    firstTs: minOf(captures.map((c) => c.firstTs)),
    lastTs: maxOf(captures.map((c) => c.lastTs)),
    captures,
  };
}

/**
 * The report's order of findings: most severe first, then by start. It is a
 * total order on what a finding shows, so the order does not depend on which
 * detector or which shard of a --jobs run wrote a finding first.
 */
export function reportOrder(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.since - b.since ||
    cmp(a.id, b.id) ||
    cmp(a.endpoint.ip, b.endpoint.ip) ||
    a.endpoint.port - b.endpoint.port ||
    (a.flowIds[0] ?? 0) - (b.flowIds[0] ?? 0) ||
    (a.frames[0] ?? 0) - (b.frames[0] ?? 0) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Assembles the report contract (DESIGN.md §5) from what the pipeline gathered. */
export function buildReport(parts: ReportParts): Report {
  const findings = [...parts.findings].sort(reportOrder);
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  // Every per-connection finding names its service, so no flow list is needed here.
  const services = new ServiceTally();
  for (const f of findings) services.add(f);
  const omitted: Record<string, Record<Severity, number>> = {};
  if (parts.omitted !== undefined) {
    services.absorb(parts.omitted.services);
    for (const id of Object.keys(parts.omitted.counts).sort()) {
      const c = parts.omitted.counts[id]!;
      if (c.error + c.warning + c.info === 0) continue;
      omitted[id] = { ...c };
      for (const s of SEVERITIES) bySeverity[s] += c[s];
    }
  }
  const captures = parts.captures;
  const summary: ReportSummary = {
    packets: captures.reduce((n, c) => n + c.packets, 0),
    tcpPackets: captures.reduce((n, c) => n + c.tcpPackets, 0),
    flows: parts.flowCount,
    endStates: parts.endStates,
    endStatesBySide: parts.endStatesBySide,
    findings: bySeverity,
    ...(Object.keys(omitted).length > 0 ? { findingsOmitted: omitted } : {}),
    analysis: parts.analysis,
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    captures,
    summary,
    flows: parts.flows,
    findings,
    services: services.summaries(),
  };
}

/** Every flow id a finding names: the flows `--flows findings` lists. */
export function findingFlowIds(findings: readonly Finding[]): Set<number> {
  const ids = new Set<number>();
  for (const f of findings) for (const id of f.flowIds) ids.add(id);
  return ids;
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
