import { Chalk } from 'chalk';
import type { Finding, Report } from '../model/report.js';
import { captureSpan, relativeTime } from './capture-span.js';
import { endStatesBySide } from './end-states.js';
import { endpointText } from './endpoint-text.js';
import { formatCount, formatDuration, formatTimestamp } from './format-units.js';
import { capTimeline, pickLadders, type LadderSource } from './ladder-pick.js';
import { omittedText } from './omitted-text.js';
import { compareFindings, groupByService } from './service-groups.js';
import { renderTimeline } from './timeline.js';

export interface MarkdownOptions {
  /** Ladders of the connections named by findings (omit for a report without ladders). */
  ladders?: LadderSource;
  /** How many connections get a ladder. */
  maxLadders?: number;
  /** Rows of the findings table before the rest is summed up. */
  maxFindings?: number;
}

const PLAIN = new Chalk({ level: 0 });

/** A postmortem-ready report: paste it into the incident document as is. */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  const { start, end } = captureSpan(report);
  out.push('# TCP connection report', '');
  out.push(...summarySection(report, start, end), '');
  out.push(...endStateSection(report), '');
  out.push(...findingsSection(report, start, opts.maxFindings ?? 50), '');
  const services = servicesSection(report);
  if (services.length > 0) out.push(...services, '');
  if (opts.ladders) out.push(...laddersSection(report, opts.ladders, opts.maxLadders ?? 5, start));
  return `${out.join('\n').trimEnd()}\n`;
}

function summarySection(report: Report, start: number, end: number): string[] {
  const s = report.summary;
  const files = report.captures.map((c) => `\`${code(c.path)}\` (${c.format}${c.compressed ? ', gzip' : ''})`).join(', ');
  const lines = [
    '## Summary',
    '',
    '| | |',
    '|---|---|',
    `| Capture${report.captures.length === 1 ? '' : 's'} | ${files || '-'} |`,
    `| Time | ${formatTimestamp(start)} to ${formatTimestamp(end)} (${formatDuration(end - start)}) |`,
    `| Packets | ${formatCount(s.packets)} (${formatCount(s.tcpPackets)} TCP) |`,
    `| Connections | ${formatCount(s.flows)} |`,
    `| Findings | ${s.findings.error} error, ${s.findings.warning} warning, ${s.findings.info} info |`,
  ];
  const warnings = report.captures.flatMap((c) => c.warnings.map((w) => `${c.path}: byte ${w.offset}: ${w.message}`));
  if (warnings.length > 0) lines.push('', ...warnings.map((w) => `> **Capture warning:** ${text(w)}`));
  return lines;
}

function endStateSection(report: Report): string[] {
  const rows = endStatesBySide(report);
  if (rows.length === 0) return ['## End states', '', 'No TCP connection in the capture.'];
  const perSide = rows[0]!.client !== null;
  const lines = ['## End states', ''];
  if (perSide) {
    lines.push('| State | Client side | Server side |', '|---|--:|--:|');
    for (const r of rows) lines.push(`| ${r.state} | ${formatCount(r.client ?? 0)} | ${formatCount(r.server ?? 0)} |`);
  } else {
    lines.push('| State | Endpoints |', '|---|--:|');
    for (const r of rows) lines.push(`| ${r.state} | ${formatCount(r.total)} |`);
  }
  return lines;
}

function findingsSection(report: Report, start: number, max: number): string[] {
  const lines = ['## Findings', ''];
  if (report.findings.length === 0) return [...lines, 'None: no connection went wrong in a way tcpstate detects.'];
  const sorted = [...report.findings].sort(compareFindings);
  lines.push('| Severity | Finding | Endpoint | Flows | Since | Duration | Frames |', '|---|---|---|---|--:|--:|---|');
  for (const f of sorted.slice(0, max)) {
    lines.push(
      `| ${f.severity} | ${f.id} | \`${code(endpointText(f.endpoint.ip, f.endpoint.port))}\` | ${ids(f.flowIds)} | ` +
        `${relativeTime(f.since, start)} | ${durationText(f)} | ${ids(f.frames)} |`,
    );
  }
  if (sorted.length > max) lines.push('', `${formatCount(sorted.length - max)} more findings are in the JSON report.`);
  const omitted = omittedText(report.summary);
  if (omitted !== '') lines.push('', text(omitted));
  lines.push('', '### What they mean', '');
  for (const [i, f] of sorted.slice(0, max).entries()) {
    lines.push(`${i + 1}. **${f.id}** (${f.severity}) at \`${span(endpointText(f.endpoint.ip, f.endpoint.port))}\`: ${text(f.message)}`);
    if (f.wiresharkFilter) lines.push(`   Wireshark: \`${span(f.wiresharkFilter)}\``);
  }
  return lines;
}

function servicesSection(report: Report): string[] {
  const groups = groupByService(report);
  if (groups.length === 0) return [];
  const lines = ['## Per service', '', '| Service | Worst | Findings | Connections | Longest |', '|---|---|---|--:|--:|'];
  for (const g of groups) {
    const counts = new Map<string, number>();
    for (const f of g.findings) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
    const list = [...counts].map(([id, n]) => `${id} ×${n}`).join(', ');
    const longest = Math.max(...g.findings.map((f) => f.duration));
    const open = g.findings.some((f) => f.censored) ? ' (still open)' : '';
    const label = g.service ? `\`${code(g.label)}\`` : g.label;
    lines.push(`| ${label} | ${g.worst} | ${list} | ${formatCount(g.flowIds.length)} | ${formatDuration(longest)}${open} |`);
  }
  return lines;
}

function laddersSection(report: Report, source: LadderSource, max: number, start: number): string[] {
  const picked = pickLadders(report, source, max);
  if (picked.length === 0) return [];
  const lines = ['## Ladders of the worst connections', ''];
  for (const { timeline, finding } of picked) {
    const h = timeline.header;
    lines.push(
      `### Flow ${h.flowId}: ${text(endpointText(h.client.ip, h.client.port))} → ${text(endpointText(h.server.ip, h.server.port))} (${finding.id})`,
      '',
      '```text',
      renderTimeline(capTimeline(timeline, 30, 10), { style: PLAIN, captureStart: start }).trimEnd(),
      '```',
      '',
    );
  }
  return lines;
}

function durationText(f: Finding): string {
  return `${formatDuration(f.duration)}${f.censored ? ' (still open at capture end)' : ''}`;
}

function ids(list: number[]): string {
  if (list.length === 0) return '-';
  return list.length > 8 ? `${list.slice(0, 8).join(', ')} … (${list.length})` : list.join(', ');
}

/** Prose in a cell or a list: markdown punctuation and raw HTML neutralised, one line. */
function text(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|#&]/g, '\\$&');
}

/** Code span text outside tables: one line, no backtick to close it early. */
function span(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/`/g, "'");
}

/** In a table cell even a code span's pipe must be escaped: GFM splits cells before it parses spans. */
function code(s: string): string {
  return span(s).replace(/\|/g, '\\|');
}
