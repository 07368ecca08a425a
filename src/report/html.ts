import type { Finding, Report } from '../model/report.js';
import { captureSpan, relativeTime } from './capture-span.js';
import { endStatesBySide } from './end-states.js';
import { endpointText } from './endpoint-text.js';
import { formatCount, formatDuration, formatTimestamp } from './format-units.js';
import { HTML_STYLE } from './html-style.js';
import { capTimeline, pickLadders, type LadderSource } from './ladder-pick.js';
import { omittedText } from './omitted-text.js';
import { compareFindings, groupByService } from './service-groups.js';
import type { StateSeriesData } from './state-series.js';
import { esc } from './svg/escape.js';
import { ladderSvg } from './svg/ladder.js';
import { rateChart, stateChart } from './svg/state-chart.js';

export interface HtmlOptions {
  /** Per-state counts over time (a StateSeries listener's data); charts are left out without it. */
  series?: StateSeriesData;
  ladders?: LadderSource;
  /** Connections that get a ladder. */
  maxLadders?: number;
  maxFindings?: number;
  /** tcpstate's version, for the footer. */
  version?: string;
}

/**
 * The postmortem report as one self-contained page: inline CSS and SVG, no
 * script, nothing fetched (the CSP forbids it, so a stray URL fails loudly in
 * a browser instead of leaking the reader's address).
 */
export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const { start, end } = captureSpan(report);
  const title = `TCP connection report: ${report.captures.map((c) => c.path).join(', ')}`;
  const body: string[] = [];
  body.push(`<h1>TCP connection report</h1>`);
  body.push(
    `<p class="sub">${report.captures.map((c) => `<code>${esc(c.path)}</code>`).join(', ')} · ` +
      `${esc(formatTimestamp(start))} to ${esc(formatTimestamp(end))} (${esc(formatDuration(end - start))})</p>`,
  );
  body.push(cards(report));
  for (const c of report.captures) {
    for (const w of c.warnings) body.push(`<p class="open">capture warning: ${esc(c.path)}: byte ${w.offset}: ${esc(w.message)}</p>`);
  }
  if (opts.series) {
    body.push('<h2>Connections over time</h2>');
    body.push(`<div class="panel">${stateChart(opts.series)}</div>`);
    body.push(`<div class="panel">${rateChart(opts.series)}</div>`);
  }
  body.push(endStates(report));
  body.push(findingsTable(report, start, opts.maxFindings ?? 200));
  body.push(services(report));
  if (opts.ladders) body.push(ladders(report, opts.ladders, opts.maxLadders ?? 30));
  body.push(`<footer>tcpstate${opts.version ? ` ${esc(opts.version)}` : ''} · times are UTC; “since” is counted from the first packet of the capture</footer>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    `<body><main>${body.join('\n')}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

function cards(report: Report): string {
  const s = report.summary;
  const card = (label: string, value: string, cls = ''): string =>
    `<div class="card${cls ? ` ${cls}` : ''}"><b>${esc(value)}</b>${esc(label)}</div>`;
  return `<div class="cards">${[
    card('packets', formatCount(s.packets)),
    card('TCP packets', formatCount(s.tcpPackets)),
    card('connections', formatCount(s.flows)),
    card('errors', String(s.findings.error), s.findings.error > 0 ? 'error' : ''),
    card('warnings', String(s.findings.warning), s.findings.warning > 0 ? 'warning' : ''),
    card('info', String(s.findings.info)),
  ].join('')}</div>`;
}

function endStates(report: Report): string {
  const rows = endStatesBySide(report);
  if (rows.length === 0) return '<h2>End states</h2><p>No TCP connection in the capture.</p>';
  const perSide = rows[0]!.client !== null;
  const head = perSide ? '<tr><th>state</th><th>client side</th><th>server side</th></tr>' : '<tr><th>state</th><th>endpoints</th></tr>';
  const body = rows
    .map((r) =>
      perSide
        ? `<tr><td>${r.state}</td><td class="n">${formatCount(r.client ?? 0)}</td><td class="n">${formatCount(r.server ?? 0)}</td></tr>`
        : `<tr><td>${r.state}</td><td class="n">${formatCount(r.total)}</td></tr>`,
    )
    .join('');
  return `<h2>End states</h2><table>${head}${body}</table>`;
}

function findingsTable(report: Report, start: number, max: number): string {
  if (report.findings.length === 0) return '<h2>Findings</h2><p>None: no connection went wrong in a way tcpstate detects.</p>';
  const sorted = [...report.findings].sort(compareFindings);
  const rows = sorted.slice(0, max).map((f) => findingRow(f, start));
  const omitted = omittedText(report.summary);
  const more =
    (sorted.length > max ? `<p>${formatCount(sorted.length - max)} more findings are in the JSON report.</p>` : '') +
    (omitted !== '' ? `<p>${esc(omitted)}</p>` : '');
  return (
    '<h2>Findings</h2><table><tr><th>severity</th><th>finding</th><th>endpoint</th><th>flows</th><th>since</th><th>duration</th></tr>' +
    `${rows.join('')}</table>${more}`
  );
}

function findingRow(f: Finding, start: number): string {
  const open = f.censored ? ' <span class="open">still open at capture end</span>' : '';
  const frames = f.frames.length > 0 ? ` Frames ${esc(ids(f.frames))}.` : '';
  const filter = f.wiresharkFilter ? ` <code>${esc(f.wiresharkFilter)}</code>` : '';
  return (
    `<tr><td class="sev ${esc(f.severity)}">${esc(f.severity)}</td><td><b>${esc(f.id)}</b>` +
    `<p class="msg">${esc(f.message)}${frames}${filter}</p></td>` +
    `<td><code>${esc(endpointText(f.endpoint.ip, f.endpoint.port))}</code></td><td>${esc(ids(f.flowIds))}</td>` +
    `<td class="n">${esc(relativeTime(f.since, start))}</td><td class="n">${esc(formatDuration(f.duration))}${open}</td></tr>`
  );
}

function services(report: Report): string {
  const groups = groupByService(report);
  if (groups.length === 0) return '';
  const rows = groups.map((g) => {
    const counts = new Map<string, number>();
    for (const f of g.findings) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
    const list = [...counts].map(([id, n]) => `${id} ×${n}`).join(', ');
    const longest = Math.max(...g.findings.map((f) => f.duration));
    return (
      `<tr><td><code>${esc(g.label)}</code></td><td class="sev ${esc(g.worst)}">${esc(g.worst)}</td><td>${esc(list)}</td>` +
      `<td class="n">${formatCount(g.flowIds.length)}</td><td class="n">${esc(formatDuration(longest))}</td></tr>`
    );
  });
  return `<h2>Per service</h2><table><tr><th>service</th><th>worst</th><th>findings</th><th>connections</th><th>longest</th></tr>${rows.join('')}</table>`;
}

function ladders(report: Report, source: LadderSource, max: number): string {
  const picked = pickLadders(report, source, max);
  if (picked.length === 0) return '';
  const parts = picked.map(({ timeline, finding }, i) => {
    const h = timeline.header;
    const what = `Flow ${h.flowId}: ${endpointText(h.client.ip, h.client.port)} → ${endpointText(h.server.ip, h.server.port)} · ${finding.id} · ${h.connState} ${h.history}`;
    return `<details${i < 5 ? ' open' : ''}><summary>${esc(what)}</summary><div class="panel">${ladderSvg(capTimeline(timeline, 30, 10))}</div></details>`;
  });
  return `<h2>Ladders</h2>${parts.join('\n')}`;
}

function ids(list: number[]): string {
  if (list.length === 0) return '-';
  return list.length > 12 ? `${list.slice(0, 12).join(', ')} … (${list.length})` : list.join(', ');
}
