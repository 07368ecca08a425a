import type { Report } from '../model/report.js';
import { STATE_NAMES, type TcpStateName } from '../model/tcp-state.js';

export interface EndStateRow {
  state: TcpStateName;
  /** Null when the report carries no connections (only the summary's totals). */
  client: number | null;
  server: number | null;
  total: number;
}

/** How connections ended, per side, in RFC order. */
export function endStatesBySide(report: Report): EndStateRow[] {
  const client = new Map<TcpStateName, number>();
  const server = new Map<TcpStateName, number>();
  const bySide = report.summary.endStatesBySide;
  if (bySide !== undefined) {
    for (const [s, n] of Object.entries(bySide.client)) client.set(s as TcpStateName, n);
    for (const [s, n] of Object.entries(bySide.server)) server.set(s as TcpStateName, n);
  } else {
    // Reports written before the summary had sides: count the listed flows.
    for (const f of report.flows) {
      client.set(f.client.state, (client.get(f.client.state) ?? 0) + 1);
      server.set(f.server.state, (server.get(f.server.state) ?? 0) + 1);
    }
  }
  const perSide = bySide !== undefined || report.flows.length > 0;
  const rows: EndStateRow[] = [];
  for (const state of STATE_NAMES) {
    const total = perSide ? (client.get(state) ?? 0) + (server.get(state) ?? 0) : (report.summary.endStates[state] ?? 0);
    if (total === 0) continue;
    rows.push({
      state,
      client: perSide ? (client.get(state) ?? 0) : null,
      server: perSide ? (server.get(state) ?? 0) : null,
      total,
    });
  }
  return rows;
}
