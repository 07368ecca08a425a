/** Text and attribute values for HTML and inline SVG: every embedded string goes through this. */
export function esc(s: string | number): string {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A coordinate with at most one decimal: smaller pages, stable snapshots. */
export function num(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}
