import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { Finding, Report, Severity } from '../model/report.js';
import { captureSpan, relativeTime } from './capture-span.js';
import { endStatesBySide } from './end-states.js';
import { endpointText } from './endpoint-text.js';
import { formatCount, formatDuration, formatTimestamp } from './format-units.js';
import { groupByService, severityCounts, type ServiceGroup } from './service-groups.js';
import { omittedText } from './omitted-text.js';
import { wrapText } from './wrap.js';

export interface TableOptions {
  /** A chalk instance whose level the CLI has set (0 = no colour). */
  style: ChalkInstance;
  /** Terminal width; prose wraps to fit it (default 80). */
  width?: number;
  /** Findings shown in full per service and finding id; the rest are summed up in one line. */
  perIdLimit?: number;
}

const DEFAULT_PER_ID = 3;
const MAX_FRAMES = 12;

/** The terminal report: what was read, how connections ended, what went wrong and where. */
export function renderTable(report: Report, opts: TableOptions): string {
  const width = opts.width ?? 80;
  const out: string[] = [];
  renderCaptures(report, opts.style, out);
  out.push('');
  renderEndStates(report, opts.style, out);
  out.push('');
  renderFindings(report, opts, width, out);
  return `${out.join('\n')}\n`;
}

function renderCaptures(report: Report, style: ChalkInstance, out: string[]): void {
  out.push(style.bold(report.captures.length === 1 ? 'Capture' : 'Captures'));
  for (const c of report.captures) {
    const span = c.firstTs !== null && c.lastTs !== null ? formatDuration(c.lastTs - c.firstTs) : '-';
    const links = c.linkTypes.map((l) => l.name).join(', ') || 'no interfaces';
    out.push(`  ${c.path}  ${c.format}${c.compressed ? ' (gzip)' : ''}, ${links}`);
    out.push(`    ${formatCount(c.packets)} packets (${formatCount(c.tcpPackets)} TCP) over ${span}`);
    out.push(`    from ${formatTimestamp(c.firstTs)}`);
    if (c.truncatedPackets > 0) out.push(`    ${formatCount(c.truncatedPackets)} packets cut short by the snapshot length`);
    for (const w of c.warnings) out.push(style.yellow(`    warning: byte ${w.offset}: ${w.message}`));
  }
  const a = report.summary.analysis;
  if (a) {
    out.push(
      style.dim(
        `  SYN ${formatCount(a.syn)}, SYN-ACK ${formatCount(a.synAck)}, FIN ${formatCount(a.fin)}, RST ${formatCount(a.rst)}, ` +
          `retransmissions ${formatCount(a.retransmissions)}, dup ACKs ${formatCount(a.dupAcks)}, ` +
          `zero windows ${formatCount(a.zeroWindows)}, keep-alives ${formatCount(a.keepAlives)}`,
      ),
    );
  }
}

function renderEndStates(report: Report, style: ChalkInstance, out: string[]): void {
  out.push(style.bold(`Connections: ${formatCount(report.summary.flows)}`));
  const rows = endStatesBySide(report);
  if (rows.length === 0) return;
  const perSide = rows[0]!.client !== null;
  const t = new Table({
    head: perSide ? ['end state', 'client', 'server'] : ['end state', 'endpoints'],
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: perSide ? ['left', 'right', 'right'] : ['left', 'right'],
  });
  for (const r of rows) {
    const name = r.state === 'CLOSED' || r.state === 'TIME_WAIT' ? r.state : style.yellow(r.state);
    t.push(perSide ? [name, formatCount(r.client ?? 0), formatCount(r.server ?? 0)] : [name, formatCount(r.total)]);
  }
  out.push(indent(t.toString(), '  '));
}

function renderFindings(report: Report, opts: TableOptions, width: number, out: string[]): void {
  const { style } = opts;
  const { error, warning, info } = report.summary.findings;
  out.push(style.bold(`Findings: ${error} error, ${warning} warning, ${info} info`));
  const omitted = omittedText(report.summary);
  if (omitted !== '') out.push(...wrapText(omitted, width, '  ').map((l) => style.dim(l)));
  if (report.findings.length === 0) {
    out.push('  none');
    return;
  }
  const { start } = captureSpan(report);
  for (const g of groupByService(report)) {
    out.push('');
    out.push(`${style.bold(g.label)}  ${serviceLine(g, report)}`);
    for (const batch of byId(g.findings)) {
      const limit = opts.perIdLimit ?? DEFAULT_PER_ID;
      for (const f of batch.slice(0, limit)) renderFinding(f, start, style, width, out);
      if (batch.length > limit) out.push(style.dim(moreLine(batch.slice(limit))));
    }
  }
}

/** The group's findings by severity; a capped report adds what report.services counts beyond them. */
function serviceLine(g: ServiceGroup, report: Report): string {
  const capped = report.summary.findingsOmitted !== undefined && g.service !== null;
  const all = capped ? report.services?.find((s) => s.ip === g.service!.ip && s.port === g.service!.port) : undefined;
  const total = all === undefined ? 0 : Object.values(all.findings).reduce((a, b) => a + b, 0);
  const unlisted = total > g.findings.length ? `, ${formatCount(total - g.findings.length)} more not listed` : '';
  const conns = Math.max(g.flowIds.length, all?.flows ?? 0);
  return `${severityCounts(g.findings)}${unlisted}${conns > 0 ? ` on ${formatCount(conns)} connection${conns === 1 ? '' : 's'}` : ''}`;
}

/** Findings of one id together, in the group's (worst first) order. */
function byId(findings: Finding[]): Finding[][] {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = m.get(f.id) ?? [];
    list.push(f);
    m.set(f.id, list);
  }
  return [...m.values()];
}

function renderFinding(f: Finding, start: number, style: ChalkInstance, width: number, out: string[]): void {
  const open = f.censored ? style.red(' (still open at capture end)') : '';
  out.push(`  ${severityLabel(f.severity, style)} ${style.bold(f.id)}  ${formatDuration(f.duration)}${open}`);
  const flows = f.flowIds.length === 0 ? '' : ` · ${f.flowIds.length === 1 ? 'flow' : 'flows'} ${listIds(f.flowIds)}`;
  out.push(`    at ${endpointText(f.endpoint.ip, f.endpoint.port)}${flows} · since ${relativeTime(f.since, start)}`);
  out.push(...wrapText(f.message, width, '    '));
  if (f.frames.length > 0) {
    const more = f.frames.length > MAX_FRAMES ? ` … (${f.frames.length} in all)` : '';
    out.push(style.dim(`    frames ${f.frames.slice(0, MAX_FRAMES).join(' ')}${more}`));
  }
  // Never wrapped: it must paste into Wireshark as one line.
  if (f.wiresharkFilter) out.push(style.dim(`    filter: ${f.wiresharkFilter}`));
}

function moreLine(rest: Finding[]): string {
  const censored = rest.filter((f) => f.censored).length;
  const longest = Math.max(...rest.map((f) => f.duration));
  const open = censored > 0 ? `, ${formatCount(censored)} still open at capture end` : '';
  return `  … ${formatCount(rest.length)} more ${rest[0]!.id} (longest ${formatDuration(longest)}${open})`;
}

function listIds(ids: number[]): string {
  return ids.length > 6 ? `${ids.slice(0, 6).join(', ')} … (${ids.length})` : ids.join(', ');
}

export function severityLabel(s: Severity, style: ChalkInstance): string {
  if (s === 'error') return style.red.bold('ERROR  ');
  if (s === 'warning') return style.yellow.bold('WARNING');
  return style.cyan('INFO   ');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}
