import type { ReportSummary } from '../model/report.js';
import { formatCount } from './format-units.js';

/** The findings a capped report counts but does not list, as one sentence; '' when it lists every one. */
export function omittedText(summary: ReportSummary): string {
  const o = summary.findingsOmitted;
  if (o === undefined) return '';
  const kinds = Object.entries(o)
    .map(([id, c]) => ({ id, n: c.error + c.warning + c.info }))
    .filter((k) => k.n > 0)
    .sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : 1));
  if (kinds.length === 0) return '';
  const total = kinds.reduce((n, k) => n + k.n, 0);
  return (
    `${formatCount(total)} more finding${total === 1 ? ' is' : 's are'} counted but not listed ` +
    `(${kinds.map((k) => `${formatCount(k.n)} ${k.id}`).join(', ')}): the report lists the earliest of each kind; --max-findings all lists every one.`
  );
}
