import type { Finding, Severity } from './report.js';

/** A finding that would fail the gate but matches an allow-list entry of the config. */
export interface AllowedFinding {
  finding: Finding;
  /** The entry's reason, as written in the config ("known leak, JIRA-123"). */
  reason: string;
  /** The entry's selector, e.g. "service 10.0.0.5:8080", so a reader can find it in the config. */
  rule: string;
}

/** What `tcpstate check` decided about one report (src/policy/apply.ts). */
export interface CheckVerdict {
  /** Findings at or above this severity fail the gate. */
  failOn: Severity;
  /** Finding ids that fail the gate whatever their severity. */
  failOnFindings: string[];
  /** Every finding kind the gate checked, in registry order (passing kinds included). */
  kinds: string[];
  /** Severities the config changed, per finding id. */
  severityOverrides: Record<string, Severity>;
  /** Findings that fail the gate, in report order. */
  failing: Finding[];
  allowed: AllowedFinding[];
  /** No failing finding: exit code 0. */
  passed: boolean;
}
