import type { CheckVerdict } from '../model/check.js';
import type { Finding, Report } from '../model/report.js';
import { belowGate, evidenceText, verdictLine, whoText } from './check-summary.js';

/**
 * `check --format github`: GitHub Actions workflow commands, which the
 * runner turns into annotations on the job. Failing findings are ::error
 * whatever their severity (they are why the job is red); allowed ones are
 * ::notice with their reason; the rest keep their severity (warning →
 * ::warning, info → ::notice). The last line is the plain verdict.
 */
export function renderGithub(report: Report, verdict: CheckVerdict): string {
  const lines: string[] = [];
  for (const f of verdict.failing) lines.push(command('error', f.id, body(f)));
  for (const a of verdict.allowed) {
    lines.push(command('notice', `${a.finding.id} (allowed)`, `allowed by ${a.rule}: ${a.reason}\n${body(a.finding)}`));
  }
  for (const f of belowGate(report, verdict)) lines.push(command(f.severity === 'info' ? 'notice' : 'warning', f.id, body(f)));
  lines.push(escapeData(`tcpstate check: ${verdictLine(report, verdict)}`));
  return `${lines.join('\n')}\n`;
}

function body(f: Finding): string {
  const evidence = evidenceText(f);
  const lines = [`${whoText(f)}: ${f.message}`];
  if (evidence !== '') lines.push(evidence);
  if (f.wiresharkFilter !== '') lines.push(`Wireshark filter: ${f.wiresharkFilter}`);
  return lines.join('\n');
}

function command(level: 'error' | 'warning' | 'notice', title: string, message: string): string {
  return `::${level} title=${escapeProperty(title)}::${escapeData(message)}`;
}

/**
 * The runner's own escaping (actions/toolkit, core/src/command.ts): % first,
 * so that the escapes it introduces are not escaped again.
 */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at ':' (the message) and ',' (the next property). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
