import type { ChalkInstance } from 'chalk';
import { stateName, TcpState } from '../model/tcp-state.js';
import { endpointText } from './endpoint-text.js';
import { analysisLabels, segmentLabel, TROUBLE_BITS } from './flags.js';
import { formatCount, formatDuration, formatTimestamp } from './format-units.js';
import type { Timeline, TimelineRow } from './timeline-row.js';

export interface TimelineOptions {
  style: ChalkInstance;
  /** First packet of the capture, to say where in it the connection lies. */
  captureStart?: number;
}

const TIME_W = 10;
const FRAME_W = 7;
const STATE_W = 12;
const ARROW_W = 34;

/**
 * The ladder diagram of one connection as text: client on the left, server
 * on the right, one line per segment with both sides' states after it; a
 * state a segment changed is starred (and coloured when colours are on).
 */
export function renderTimeline(t: Timeline, opts: TimelineOptions): string {
  const { style } = opts;
  const h = t.header;
  const out: string[] = [];
  const client = endpointText(h.client.ip, h.client.port);
  const server = endpointText(h.server.ip, h.server.port);
  out.push(style.bold(`Flow ${h.flowId}: ${client} (client) → ${server} (server)`));
  const into = opts.captureStart !== undefined ? `, +${(h.firstTs - opts.captureStart).toFixed(3)} s into the capture` : '';
  const segs = t.rows.length + t.omitted;
  out.push(`  conn_state ${h.connState || '-'}, history ${h.history || '-'}${h.partial ? ', handshake not seen (partial)' : ''}`);
  out.push(`  ${formatCount(segs)} segments over ${formatDuration(h.lastTs - h.firstTs)}${into}`);
  out.push(`  first packet ${formatTimestamp(h.firstTs)}`);
  out.push(style.dim("  TIME: seconds since the connection's first packet; *: state changed"));
  out.push('');
  out.push(
    style.bold(
      `${pad('TIME', TIME_W, true)} ${pad('FRAME', FRAME_W, true)}  ${pad('CLIENT', STATE_W)} ${pad('', ARROW_W)} SERVER`,
    ),
  );
  out.push(style.dim(`${' '.repeat(TIME_W + FRAME_W + 3)}${pad(client, STATE_W + ARROW_W + 1)} ${server}`));
  const first = t.rows[0]?.ts ?? h.firstTs;
  t.rows.forEach((row, i) => {
    if (i === t.gapAfter && t.omitted > 0) out.push(gapLine(t.omitted, style));
    out.push(rowLine(row, first, style));
  });
  if (t.gapAfter >= t.rows.length && t.omitted > 0) out.push(gapLine(t.omitted, style));
  return `${out.join('\n')}\n`;
}

function rowLine(row: TimelineRow, first: number, style: ChalkInstance): string {
  const time = pad((row.ts - first).toFixed(6), TIME_W, true);
  const frame = pad(String(row.frame), FRAME_W, true);
  const left = stateCell(row.clientBefore, row.clientAfter, style);
  const right = stateCell(row.serverBefore, row.serverAfter, style).trimEnd();
  const arrow = arrowText(segmentLabel(row), row.fromClient);
  const notes = analysisLabels(row.analysis);
  const trouble = (row.analysis & TROUBLE_BITS) !== 0;
  const arrowStyled = trouble ? style.yellow(arrow) : arrow;
  const tail = notes.length > 0 ? `  ${(trouble ? style.yellow : style.cyan)(`[${notes.join(', ')}]`)}` : '';
  return `${time} ${frame}  ${left} ${arrowStyled} ${right}${tail}`;
}

function stateCell(before: TcpState, after: TcpState, style: ChalkInstance): string {
  const name = stateName(after);
  if (before === after) return pad(name, STATE_W);
  // Pad before colouring: escapes would count as width.
  return style.bold.green(pad(`${name}*`, STATE_W));
}

/** "──SYN seq=0 len=0──────▶" or "◀──SYN,ACK seq=0 ack=1 len=0──". */
export function arrowText(label: string, rightward: boolean): string {
  const body = ARROW_W - 1;
  const fill = Math.max(2, body - label.length - 2);
  const line = `──${label}${'─'.repeat(fill)}`;
  return rightward ? `${line}▶` : `◀${line.slice(0, 2)}${label}${'─'.repeat(fill)}`;
}

function gapLine(omitted: number, style: ChalkInstance): string {
  const text = `⋮ ${formatCount(omitted)} segment${omitted === 1 ? '' : 's'} omitted ⋮`;
  return style.dim(`${' '.repeat(TIME_W + FRAME_W + 3 + STATE_W + 1)}${text}`);
}

function pad(s: string, w: number, right = false): string {
  if (s.length >= w) return s;
  return right ? ' '.repeat(w - s.length) + s : s + ' '.repeat(w - s.length);
}
