import type { CheckVerdict } from '../model/check.js';
import type { Finding, Report } from '../model/report.js';
import { evidenceText, verdictLine, whoText } from './check-summary.js';

/**
 * `check --format text`: one line per failing finding, one per allowed
 * finding (with its reason, so an allow-list never hides anything), then the
 * PASS/FAIL line. No colours: CI logs are where this is read.
 */
export function renderCheckText(report: Report, verdict: CheckVerdict): string {
  const lines: string[] = [];
  for (const f of verdict.failing) lines.push(line(f.severity.toUpperCase(), f, `${f.message}${evidence(f)}`));
  for (const a of verdict.allowed) lines.push(line('ALLOWED', a.finding, `${a.reason} [${a.rule}]${evidence(a.finding)}`));
  lines.push(verdictLine(report, verdict));
  return `${lines.join('\n')}\n`;
}

function line(label: string, f: Finding, text: string): string {
  return `${label.padEnd(7)}  ${f.id}  ${whoText(f)}  ${text}`;
}

function evidence(f: Finding): string {
  const e = evidenceText(f);
  return e === '' ? '' : ` (${e})`;
}
