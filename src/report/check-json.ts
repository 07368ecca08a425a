import type { CheckVerdict } from '../model/check.js';
import type { Report } from '../model/report.js';
import { renderJsonChunks } from './json.js';

/**
 * `check --format json`: the report contract (DESIGN.md §5) with the
 * severities the gate used, plus a `check` object saying what the gate
 * decided. Field names are public API, as for the report.
 */
export function renderCheckJson(report: Report, verdict: CheckVerdict): string {
  let out = '';
  for (const chunk of renderCheckJsonChunks(report, verdict)) out += chunk;
  return out;
}

/**
 * renderCheckJson in pieces; with `flowEntries` (see analyzeSpilled) the
 * flows come from there, so a gate over millions of connections never holds
 * them all.
 */
export function renderCheckJsonChunks(report: Report, verdict: CheckVerdict, flowEntries?: Iterable<string>): Generator<string> {
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
  return renderJsonChunks({ ...report, check }, flowEntries);
}
