import type { CheckVerdict } from '../model/check.js';
import type { Report } from '../model/report.js';

/**
 * `check --format json`: the report contract (DESIGN.md §5) with the
 * severities the gate used, plus a `check` object saying what the gate
 * decided. Field names are public API, as for the report.
 */
export function renderCheckJson(report: Report, verdict: CheckVerdict): string {
  const failingById: Record<string, number> = {};
  for (const f of verdict.failing) failingById[f.id] = (failingById[f.id] ?? 0) + 1;
  const check = {
    failOn: verdict.failOn,
    failOnFindings: verdict.failOnFindings,
    severityOverrides: verdict.severityOverrides,
    passed: verdict.passed,
    failing: verdict.failing.length,
    failingById,
    allowed: verdict.allowed.map(({ finding: f, reason, rule }) => ({
      id: f.id,
      severity: f.severity,
      endpoint: f.endpoint,
      ...(f.service !== undefined ? { service: f.service } : {}),
      flowIds: f.flowIds,
      frames: f.frames,
      since: f.since,
      reason,
      rule,
    })),
  };
  return `${JSON.stringify({ ...report, check }, null, 2)}\n`;
}
