import type { Report } from '../model/report.js';

/** The report contract as one JSON document (DESIGN.md §5). */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
