import { aggregateByService } from '../detect/services.js';
import type { Finding, Report, Severity } from '../model/report.js';
import { SEVERITY_RANK } from './severity.js';

/**
 * The report with the config's per-id severities in place of the detectors',
 * and everything derived from severities (order, counts, per-service worst)
 * recomputed, so every renderer shows the severity the gate used. The input
 * report is not modified; without overrides it is returned as is.
 */
export function applySeverityOverrides(report: Report, overrides: Readonly<Record<string, Severity>>): Report {
  const changes = report.findings.some((f) => overrides[f.id] !== undefined && overrides[f.id] !== f.severity);
  if (!changes) return report;
  const findings: Finding[] = report.findings.map((f) => {
    const s = overrides[f.id];
    return s === undefined || s === f.severity ? f : { ...f, severity: s };
  });
  // Same order as build-report.ts; the sort is stable, so ties keep the detectors' order.
  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.since - b.since || a.id.localeCompare(b.id));
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  const out: Report = { ...report, summary: { ...report.summary, findings: bySeverity }, findings };
  // As build-report.ts: every per-connection finding names its service.
  if (report.services !== undefined) out.services = aggregateByService(findings, []);
  return out;
}
