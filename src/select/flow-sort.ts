import type { FlowReport } from '../model/report.js';

export const SORT_KEYS = ['start', 'duration', 'bytes'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** start: oldest first; duration and bytes: largest first. Ties keep flow id order. */
export function sortFlows(flows: readonly FlowReport[], key: SortKey): FlowReport[] {
  const value = (f: FlowReport): number => {
    if (key === 'duration') return -(f.lastTs - f.firstTs);
    if (key === 'bytes') return -(f.client.bytes + f.server.bytes);
    return f.firstTs;
  };
  return [...flows].sort((a, b) => value(a) - value(b) || a.id - b.id);
}
