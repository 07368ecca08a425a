import type { Report } from '../model/report.js';

/** First and last packet time over every capture of the report (0 when there was none). */
export function captureSpan(report: Report): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const c of report.captures) {
    if (c.firstTs !== null && c.firstTs < start) start = c.firstTs;
    if (c.lastTs !== null && c.lastTs > end) end = c.lastTs;
  }
  return start === Infinity ? { start: 0, end: 0 } : { start, end };
}

/** "+12.345 s": an offset from the capture's first packet, as Wireshark's default time column. */
export function relativeTime(ts: number, start: number): string {
  // A time before the capture is no time at all (an unset field): do not print a negative offset.
  if (!Number.isFinite(ts) || ts < start) return '-';
  return `+${(ts - start).toFixed(3)} s`;
}
