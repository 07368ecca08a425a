import type { Flow } from '../model/flow.js';
import type { Finding, Severity } from '../model/report.js';
import { MAX_EVIDENCE_FRAMES, makeFinding } from './finding.js';

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

/**
 * Attempts kept in full per destination (their flows, for flowIds and the
 * message's first attempt). Beyond this many only their counts, sources and
 * earliest frames are kept, so that millions of refused or unanswered
 * connections to one service hold bounded memory; the finding then lists the
 * first MAX_ATTEMPTS_KEPT flow ids and says how many it left out
 * (details.flowIdsOmitted).
 */
export const MAX_ATTEMPTS_KEPT = 10000;
/** Distinct source addresses counted per destination (beyond: "at least" this many). */
export const MAX_GROUP_SOURCES = 65536;

export interface GroupSummary {
  ip: string;
  port: number;
  /** The first MAX_ATTEMPTS_KEPT attempts, in the order they were added. */
  attempts: Attempt[];
  /** Every attempt, kept or not. */
  count: number;
  sources: number;
  retransmissions: number;
  /** Highest retransmissions of one attempt. */
  worstRetransmissions: number;
  /** Sum of the SYNs the attempts' clients sent (their final count). */
  clientSyns: number;
  since: number;
  end: number;
  censored: boolean;
  /** The earliest frames of the attempts not kept (at most MAX_EVIDENCE_FRAMES). */
  omittedFrames: number[];
}

interface Group extends GroupSummary {
  sourceSet: Set<string>;
}

/**
 * Connection attempts grouped per destination ip:port as they come: a
 * refused or unanswered service is one finding, not one per retry. Add an
 * attempt once its flow will not change roles any more (its end, or a RST
 * refusing the SYN).
 */
export class DestinationGroups {
  private readonly byIp = new Map<string, Map<number, Group>>();
  private readonly list: Group[] = [];

  add(a: Attempt): void {
    const dest = a.destClient ? a.flow.client : a.flow.server;
    const src = a.destClient ? a.flow.server : a.flow.client;
    let byPort = this.byIp.get(dest.ip);
    if (byPort === undefined) {
      byPort = new Map();
      this.byIp.set(dest.ip, byPort);
    }
    let g = byPort.get(dest.port);
    if (g === undefined) {
      g = {
        ip: dest.ip,
        port: dest.port,
        attempts: [],
        count: 0,
        sources: 0,
        retransmissions: 0,
        worstRetransmissions: 0,
        clientSyns: 0,
        since: a.start,
        end: a.end,
        censored: false,
        omittedFrames: [],
        sourceSet: new Set(),
      };
      byPort.set(dest.port, g);
      this.list.push(g);
    }
    g.count++;
    if (g.attempts.length < MAX_ATTEMPTS_KEPT) g.attempts.push(a);
    else keepEarliest(g.omittedFrames, a.frames);
    if (g.sourceSet.size < MAX_GROUP_SOURCES) g.sourceSet.add(src.ip);
    g.sources = g.sourceSet.size;
    g.retransmissions += a.retransmissions;
    if (a.retransmissions > g.worstRetransmissions) g.worstRetransmissions = a.retransmissions;
    g.clientSyns += a.flow.client.syns;
    if (a.start < g.since) g.since = a.start;
    if (a.end >= g.end) {
      g.end = a.end;
      g.censored = a.censored;
    }
  }

  /** The groups by start, then destination. */
  groups(): GroupSummary[] {
    return [...this.list].sort((a, b) => a.since - b.since || a.ip.localeCompare(b.ip) || a.port - b.port);
  }
}

/** Merges frames into `into`, keeping the MAX_EVIDENCE_FRAMES smallest distinct positive ones, sorted. */
function keepEarliest(into: number[], frames: readonly number[]): void {
  for (const f of frames) {
    if (f <= 0 || into.includes(f)) continue;
    if (into.length >= MAX_EVIDENCE_FRAMES && f > into[into.length - 1]!) continue;
    let i = into.length;
    while (i > 0 && into[i - 1]! > f) i--;
    into.splice(i, 0, f);
    if (into.length > MAX_EVIDENCE_FRAMES) into.pop();
  }
}

/** Connection attempts grouped per destination ip:port (see DestinationGroups). */
export function groupByDestination(attempts: readonly Attempt[]): GroupSummary[] {
  const groups = new DestinationGroups();
  for (const a of attempts) groups.add(a);
  return groups.groups();
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
  for (const f of g.omittedFrames) frames.push(f);
  const omitted = g.count - g.attempts.length;
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
    details: omitted > 0 ? { ...details, flowIdsOmitted: omitted } : details,
  });
}
