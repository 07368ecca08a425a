import type { AllowedFinding, CheckVerdict } from '../model/check.js';
import type { Finding, Report } from '../model/report.js';
import { allowingRule, describeSelector } from './allow.js';
import { findingIds } from './finding-ids.js';
import type { Policy } from './policy.js';
import { atOrAbove } from './severity.js';
import { applySeverityOverrides } from './severity-overrides.js';

export interface PolicyResult {
  /** The report with the policy's severities (what every output shows). */
  report: Report;
  verdict: CheckVerdict;
}

/**
 * The gate: a pure function of the report and the policy. A finding is gated
 * when its (overridden) severity is at or above failOn or its id is in
 * failOnFindings; a gated finding matching an allow entry is allowed (kept
 * visible with its reason) instead of failing. Findings below the gate are
 * neither: they pass, allow-list or not.
 */
export function applyPolicy(input: Report, policy: Policy): PolicyResult {
  const report = applySeverityOverrides(input, policy.severity);
  const failing: Finding[] = [];
  const allowed: AllowedFinding[] = [];
  for (const f of report.findings) {
    if (!atOrAbove(f.severity, policy.failOn) && !policy.failOnFindings.includes(f.id)) continue;
    const rule = allowingRule(policy.allow, f);
    if (rule === undefined) failing.push(f);
    else allowed.push({ finding: f, reason: rule.reason, rule: describeSelector(rule.selector) });
  }
  const severityOverrides = Object.fromEntries(Object.entries(policy.severity).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    report,
    verdict: {
      failOn: policy.failOn,
      failOnFindings: [...policy.failOnFindings],
      kinds: [...findingIds()],
      severityOverrides,
      failing,
      allowed,
      passed: failing.length === 0,
    },
  };
}
