import type { Flow } from '../model/flow.js';
import type { Finding, Severity } from '../model/report.js';
import { makeFinding } from './finding.js';
import { serviceKey } from './side.js';

/** One failed connection attempt, kept until findings() groups them per destination. */
export interface Attempt {
  flow: Flow;
  /** The destination's side of the flow (normally the server). */
  destClient: boolean;
  start: number;
  end: number;
  censored: boolean;
  frames: number[];
  /** Retransmissions seen in this attempt (SYNs or SYN+ACKs). */
  retransmissions: number;
}

export interface GroupSummary {
  ip: string;
  port: number;
  attempts: Attempt[];
  sources: number;
  retransmissions: number;
  since: number;
  end: number;
  censored: boolean;
}

/**
 * Connection attempts grouped per destination ip:port: a refused or
 * unanswered service is one finding, not one per retry.
 */
export function groupByDestination(attempts: readonly Attempt[]): GroupSummary[] {
  const groups = new Map<string, GroupSummary>();
  const sources = new Map<string, Set<string>>();
  for (const a of attempts) {
    const dest = a.destClient ? a.flow.client : a.flow.server;
    const src = a.destClient ? a.flow.server : a.flow.client;
    const k = serviceKey(dest.ip, dest.port);
    let g = groups.get(k);
    if (g === undefined) {
      g = { ip: dest.ip, port: dest.port, attempts: [], sources: 0, retransmissions: 0, since: a.start, end: a.end, censored: false };
      groups.set(k, g);
      sources.set(k, new Set());
    }
    g.attempts.push(a);
    sources.get(k)!.add(src.ip);
    g.retransmissions += a.retransmissions;
    if (a.start < g.since) g.since = a.start;
    if (a.end >= g.end) {
      g.end = a.end;
      g.censored = a.censored;
    }
  }
  for (const [k, g] of groups) g.sources = sources.get(k)!.size;
  return [...groups.values()].sort((a, b) => a.since - b.since || a.ip.localeCompare(b.ip) || a.port - b.port);
}

/** The finding for one destination group. */
export function groupFinding(
  id: string,
  severity: Severity,
  g: GroupSummary,
  message: string,
  details: Record<string, number | string | boolean>,
): Finding {
  const frames: number[] = [];
  for (const a of g.attempts) for (const f of a.frames) frames.push(f);
  return makeFinding({
    id,
    severity,
    message,
    endpoint: { ip: g.ip, port: g.port },
    flowIds: g.attempts.map((a) => a.flow.id),
    since: g.since,
    duration: g.end - g.since,
    censored: g.censored,
    frames,
    service: { ip: g.ip, port: g.port },
    details,
  });
}
