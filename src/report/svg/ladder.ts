import { stateName } from '../../model/tcp-state.js';
import { endpointText } from '../endpoint-text.js';
import { analysisLabels, segmentLabel, TROUBLE_BITS } from '../flags.js';
import type { Timeline } from '../timeline-row.js';
import { esc } from './escape.js';

const W = 900;
const ROW = 24;
const TOP = 52;
const CX = 330;
const SX = 760;

/**
 * A ladder diagram as SVG: the client's line on the left, the server's on
 * the right, one horizontal arrow per segment with both sides' states after
 * it; changed states are bold, troubled segments amber.
 */
export function ladderSvg(t: Timeline): string {
  const rowsH = (t.rows.length + (t.omitted > 0 ? 1 : 0)) * ROW;
  const H = TOP + rowsH + 12;
  const h = t.header;
  const out: string[] = [];
  out.push(`<svg class="ladder" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="ladder of flow ${h.flowId}">`);
  out.push(`<text x="8" y="16" class="tick">time (s)</text><text x="86" y="16" class="tick">frame</text>`);
  out.push(`<text x="${CX}" y="16" text-anchor="middle" class="end">client ${esc(endpointText(h.client.ip, h.client.port))}</text>`);
  out.push(`<text x="${SX}" y="16" text-anchor="middle" class="end">server ${esc(endpointText(h.server.ip, h.server.port))}</text>`);
  out.push(`<line x1="${CX}" x2="${CX}" y1="24" y2="${H - 6}" class="life"/><line x1="${SX}" x2="${SX}" y1="24" y2="${H - 6}" class="life"/>`);
  const first = t.rows[0]?.ts ?? h.firstTs;
  let y = TOP;
  t.rows.forEach((r, i) => {
    if (i === t.gapAfter && t.omitted > 0) {
      out.push(`<text x="${(CX + SX) / 2}" y="${y}" text-anchor="middle" class="muted">⋮ ${t.omitted} segments omitted ⋮</text>`);
      y += ROW;
    }
    const trouble = (r.analysis & TROUBLE_BITS) !== 0;
    const cls = trouble ? 'seg trouble' : 'seg';
    const [x1, x2] = r.fromClient ? [CX, SX] : [SX, CX];
    const tip = r.fromClient ? x2 - 8 : x2 + 8;
    out.push(`<text x="8" y="${y + 4}" class="tick">${(r.ts - first).toFixed(6)}</text><text x="86" y="${y + 4}" class="tick">${r.frame}</text>`);
    out.push(`<line x1="${x1}" x2="${tip}" y1="${y}" y2="${y}" class="${cls}"/>`);
    out.push(`<polygon points="${x2},${y} ${tip},${y - 4} ${tip},${y + 4}" class="${cls} head"/>`);
    const notes = analysisLabels(r.analysis);
    const label = segmentLabel(r) + (notes.length > 0 ? `  [${notes.join(', ')}]` : '');
    out.push(`<text x="${(CX + SX) / 2}" y="${y - 4}" text-anchor="middle" class="${trouble ? 'label trouble' : 'label'}">${esc(label)}</text>`);
    const cs = stateName(r.clientAfter);
    const ss = stateName(r.serverAfter);
    out.push(`<text x="${CX - 8}" y="${y + 4}" text-anchor="end" class="${r.clientAfter !== r.clientBefore ? 'st changed' : 'st'}">${cs}</text>`);
    out.push(`<text x="${SX + 8}" y="${y + 4}" class="${r.serverAfter !== r.serverBefore ? 'st changed' : 'st'}">${ss}</text>`);
    y += ROW;
  });
  if (t.gapAfter >= t.rows.length && t.omitted > 0) {
    out.push(`<text x="${(CX + SX) / 2}" y="${y}" text-anchor="middle" class="muted">⋮ ${t.omitted} segments omitted ⋮</text>`);
  }
  out.push('</svg>');
  return out.join('');
}
