import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { Finding, FlowReport } from '../model/report.js';
import { SCHEMA_VERSION } from '../model/report.js';
import type { TcpStateName } from '../model/tcp-state.js';
import { formatBytes } from './bytes-text.js';
import { endpointText } from './endpoint-text.js';
import { formatDuration } from './format-units.js';

export interface FlowsTableOptions {
  style: ChalkInstance;
  /** Terminal width; rows fold onto two lines when one does not fit. Unlimited when unset (a pipe). */
  width?: number;
  /** First packet of the capture: START is counted from it. */
  captureStart: number;
  findings?: readonly Finding[];
}

/** Finding ids per connection. */
export function findingsByFlow(findings: readonly Finding[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const f of findings) {
    for (const id of f.flowIds) {
      const list = m.get(id) ?? [];
      if (!list.includes(f.id)) list.push(f.id);
      m.set(id, list);
    }
  }
  return m;
}

const QUIET_STATES: ReadonlySet<TcpStateName> = new Set(['CLOSED', 'TIME_WAIT', 'ESTABLISHED']);

/** `tcpstate flows`: one row per connection. */
export function renderFlowsTable(flows: readonly FlowReport[], opts: FlowsTableOptions): string {
  const { style } = opts;
  const named = findingsByFlow(opts.findings ?? []);
  if (flows.length === 0) return 'no connection matches\n';
  const state = (s: TcpStateName): string => (QUIET_STATES.has(s) ? s : style.yellow(s));
  const cells = flows.map((f) => ({
    id: String(f.id),
    client: endpointText(f.client.ip, f.client.port),
    server: endpointText(f.server.ip, f.server.port),
    cs: f.client.state,
    ss: f.server.state,
    conn: f.connState,
    history: f.history + (f.partial ? ' (partial)' : ''),
    start: `+${(f.firstTs - opts.captureStart).toFixed(3)}`,
    duration: formatDuration(f.lastTs - f.firstTs),
    bytes: formatBytes(f.client.bytes + f.server.bytes),
    findings: (named.get(f.id) ?? []).join(', '),
  }));
  const wide = new Table({
    head: ['ID', 'CLIENT', 'SERVER', 'CLIENT STATE', 'SERVER STATE', 'CONN', 'HISTORY', 'START', 'DURATION', 'BYTES', 'FINDINGS'],
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
    colAligns: ['right', 'left', 'left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'],
  });
  for (const c of cells) {
    wide.push([c.id, c.client, c.server, state(c.cs), state(c.ss), c.conn, c.history, c.start, c.duration, c.bytes, c.findings]);
  }
  const text = trimLines(wide.toString());
  const natural = Math.max(...text.split('\n').map((l) => visibleLength(l)));
  if (opts.width === undefined || natural <= opts.width) return `${style.bold(text.split('\n')[0]!)}\n${text.split('\n').slice(1).join('\n')}\n`;
  // Too wide for the terminal: two lines per connection.
  const out: string[] = [];
  for (const c of cells) {
    out.push(`${style.bold(`#${c.id}`)}  ${c.client} → ${c.server}  ${c.conn} ${c.history}${c.findings ? `  ${style.red(c.findings)}` : ''}`);
    out.push(`    client ${state(c.cs)}  server ${state(c.ss)}  start ${c.start} s  ${c.duration}  ${c.bytes}`);
  }
  return `${out.join('\n')}\n`;
}

/** `tcpstate flows --format json`: the selected connections with their durations and finding ids. */
export function renderFlowsJson(flows: readonly FlowReport[], findings: readonly Finding[]): string {
  const named = findingsByFlow(findings);
  const rows = flows.map((f) => ({ ...f, duration: f.lastTs - f.firstTs, findings: named.get(f.id) ?? [] }));
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, flows: rows }, null, 2)}\n`;
}

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '',
};

function trimLines(s: string): string {
  return s
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => l.trimEnd())
    .join('\n');
}

function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}
