import type { CheckVerdict } from '../model/check.js';
import type { Finding, Report } from '../model/report.js';
import { endpointText } from './endpoint-text.js';
import { formatDuration } from './format-units.js';

/** Findings neither failing nor allowed: below the gate. */
export function belowGate(report: Report, verdict: CheckVerdict): Finding[] {
  const gated = new Set<Finding>([...verdict.failing, ...verdict.allowed.map((a) => a.finding)]);
  return report.findings.filter((f) => !gated.has(f));
}

/** "error", or "error (or close-wait-stuck, zero-window-stall)" when ids fail whatever their severity. */
export function gateText(verdict: CheckVerdict): string {
  const ids = verdict.failOnFindings;
  return ids.length === 0 ? verdict.failOn : `${verdict.failOn} (or ${ids.join(', ')})`;
}

/** The last line of every check output: PASS/FAIL and why, in counts. */
export function verdictLine(report: Report, verdict: CheckVerdict): string {
  const n = verdict.failing.length;
  const parts = [
    verdict.passed
      ? `PASS: no finding at or above ${gateText(verdict)}`
      : `FAIL: ${plural(n, 'finding')} at or above ${gateText(verdict)} (${countsById(verdict.failing)})`,
  ];
  if (verdict.allowed.length > 0) parts.push(`${verdict.allowed.length} allowed`);
  const below = belowGate(report, verdict).length;
  if (below > 0) parts.push(`${below} below the gate`);
  return parts.join('; ');
}

/** "close-wait-stuck ×2, connection-reset ×1" in first-seen order. */
export function countsById(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
  return [...counts].map(([id, k]) => `${id} ×${k}`).join(', ');
}

/** "flows 1, 2; frames 8, 9, 19; 6.5 s, cut off by the end of the capture": where to look. */
export function evidenceText(f: Finding): string {
  const parts: string[] = [];
  if (f.flowIds.length > 0) parts.push(`${f.flowIds.length === 1 ? 'flow' : 'flows'} ${f.flowIds.join(', ')}`);
  if (f.frames.length > 0) parts.push(`${f.frames.length === 1 ? 'frame' : 'frames'} ${f.frames.join(', ')}`);
  if (f.duration > 0 || f.censored) {
    parts.push(`${formatDuration(f.duration)}${f.censored ? ', cut off by the end of the capture' : ''}`);
  }
  return parts.join('; ');
}

/** The endpoint held responsible, "capture" for capture-wide findings. */
export function whoText(f: Finding): string {
  return f.endpoint.ip === '' ? 'capture' : endpointText(f.endpoint.ip, f.endpoint.port);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
