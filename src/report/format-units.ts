/** Human units shared by the text renderers. */

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${trim(seconds)} s`;
  if (seconds < 7200) return `${trim(seconds / 60)} min`;
  return `${trim(seconds / 3600)} h`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** UTC, to the microsecond: captures come from machines in any time zone. */
export function formatTimestamp(ts: number | null): string {
  if (ts === null) return '-';
  const d = new Date(Math.floor(ts * 1000));
  const micros = Math.round((ts - Math.floor(ts)) * 1e6) % 1e6;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}.${String(micros).padStart(6, '0')} UTC`;
}

function trim(x: number): string {
  return x >= 10 ? x.toFixed(0) : x.toFixed(1).replace(/\.0$/, '');
}
