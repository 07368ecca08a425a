import { esc, num } from './escape.js';
import { niceTicks, tickLabel } from './ticks.js';

export interface Series {
  name: string;
  color: string;
  values: number[];
  /** Drawn dashed (a reference line rather than the subject). */
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  yLabel: string;
  /** Value i covers [i * step, (i + 1) * step) seconds after the start. */
  step: number;
  series: Series[];
  width?: number;
  height?: number;
}

const M = { top: 48, right: 16, bottom: 40, left: 56 };

/** A time-series chart as inline SVG: axes, ticks, one polyline per series, a legend. */
export function lineChart(o: LineChartOptions): string {
  const W = o.width ?? 900;
  const H = o.height ?? 280;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const n = Math.max(0, ...o.series.map((s) => s.values.length));
  const out: string[] = [];
  out.push(`<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}">`);
  out.push(`<text x="${M.left}" y="18" class="chart-title">${esc(o.title)}</text>`);
  if (n === 0) {
    out.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="muted">no TCP packets</text></svg>`);
    return out.join('');
  }
  const xMax = n * o.step;
  const yTicks = niceTicks(Math.max(1, ...o.series.flatMap((s) => s.values)));
  const yMax = yTicks[yTicks.length - 1]!;
  const x = (t: number): number => M.left + (t / xMax) * pw;
  const y = (v: number): number => M.top + ph - (v / yMax) * ph;
  for (const v of yTicks) {
    out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${num(y(v))}" y2="${num(y(v))}" class="grid"/>`);
    out.push(`<text x="${M.left - 6}" y="${num(y(v) + 4)}" text-anchor="end" class="tick">${esc(tickLabel(v))}</text>`);
  }
  for (const t of niceTicks(xMax, 8)) {
    if (t > xMax * 1.0001) continue;
    out.push(`<line x1="${num(x(t))}" x2="${num(x(t))}" y1="${M.top + ph}" y2="${M.top + ph + 4}" class="axis"/>`);
    out.push(`<text x="${num(x(t))}" y="${M.top + ph + 16}" text-anchor="middle" class="tick">${esc(tickLabel(t))}</text>`);
  }
  out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${M.top + ph}" y2="${M.top + ph}" class="axis"/>`);
  out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + ph}" class="axis"/>`);
  out.push(`<text x="${M.left + pw / 2}" y="${H - 6}" text-anchor="middle" class="tick">seconds since the first packet</text>`);
  out.push(`<text transform="translate(14 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle" class="tick">${esc(o.yLabel)}</text>`);
  for (const s of o.series) {
    // Steps, not slopes: a bucket's value holds across the bucket.
    const pts: string[] = [];
    s.values.forEach((v, i) => pts.push(`${num(x(i * o.step))},${num(y(v))}`, `${num(x((i + 1) * o.step))},${num(y(v))}`));
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${esc(s.color)}" stroke-width="2"${dash}><title>${esc(s.name)}</title></polyline>`);
  }
  // Above the plot, where no curve can hide it.
  let lx = M.left;
  const ly = 26;
  for (const s of o.series) {
    out.push(`<rect x="${lx}" y="${ly}" width="12" height="4" fill="${esc(s.color)}"/>`);
    out.push(`<text x="${lx + 16}" y="${ly + 6}" class="legend">${esc(s.name)}</text>`);
    lx += 28 + s.name.length * 7;
  }
  out.push('</svg>');
  return out.join('');
}
