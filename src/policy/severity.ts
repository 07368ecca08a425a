import type { Severity } from '../model/report.js';

/** Most severe first: the order of --fail-on's choices and of sorted findings. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export function isSeverity(s: unknown): s is Severity {
  return typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s);
}

/** Whether `s` is `level` or more severe. */
export function atOrAbove(s: Severity, level: Severity): boolean {
  return SEVERITY_RANK[s] <= SEVERITY_RANK[level];
}
