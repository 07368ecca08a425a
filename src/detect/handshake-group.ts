import type { Finding, Severity } from '../model/report.js';
import { ByService } from './by-service.js';
import { MAX_EVIDENCE_FRAMES, makeFinding } from './finding.js';
import { offerSmallest } from './smallest.js';

/**
 * One failed connection attempt, kept until findings() groups them per
 * destination. Plain data (no Flow): a worker of a sharded run (--jobs) sends
 * its groups to the main thread, which merges them.
 */
export interface Attempt {
  flowId: number;
  /** The flow's first frame: attempts are kept and listed in this order. */
  firstFrame: number;
  /** Address of the side that made the attempt. */
  srcIp: string;
  start: number;
  end: number;
  censored: boolean;
  frames: number[];
  /** Retransmissions seen in this attempt (SYNs or SYN+ACKs). */
  retransmissions: number;
  /** SYNs the attempt's client sent (its final count). */
  clientSyns: number;
}

/**
 * Attempts kept in full per destination (for flowIds and the message's first
 * attempt): the earliest by first frame. Beyond this many only their counts,
 * sources and earliest frames are kept, so that millions of refused or
 * unanswered connections to one service hold bounded memory; the finding then
 * lists MAX_ATTEMPTS_KEPT flow ids and says how many it left out
 * (details.flowIdsOmitted).
 */
export const MAX_ATTEMPTS_KEPT = 10000;
/** Distinct source addresses counted per destination (beyond: "at least" this many). */
export const MAX_GROUP_SOURCES = 65536;

/** An attempt the finding lists: its flow, and its first frame, which orders them. */
export interface KeptAttempt {
  firstFrame: number;
  flowId: number;
}

/** Everything kept for one destination ip:port; plain data, mergeable across shards. */
export interface GroupState {
  ip: string;
  port: number;
  /**
   * The MAX_ATTEMPTS_KEPT earliest attempts (by first frame), in no order (a
   * max-heap on first frame): only what flowIds needs, since everything
   * else is summed below as attempts come.
   */
  kept: KeptAttempt[];
  /** The earliest attempt in full: the message names its source and frames. */
  first: Attempt;
  /** Every attempt, kept or not. */
  count: number;
  /** Up to MAX_GROUP_SOURCES distinct source addresses. */
  sources: string[];
  retransmissions: number;
  /** Highest retransmissions of one attempt. */
  worstRetransmissions: number;
  /** Sum of the SYNs the attempts' clients sent. */
  clientSyns: number;
  since: number;
  end: number;
  /** Whether an attempt ending at `end` was still going when the capture ended. */
  censored: boolean;
  /** The earliest frames of every attempt (at most MAX_EVIDENCE_FRAMES): the finding's evidence. */
  evidence: number[];
}

/** A group as findings() reads it: kept attempts sorted by first frame, sources counted. */
export interface GroupSummary extends Omit<GroupState, 'sources'> {
  sources: number;
}

interface Group extends GroupState {
  sourceSet: Set<string>;
}

/**
 * Connection attempts grouped per destination ip:port: a refused or
 * unanswered service is one finding, not one per retry. Add an attempt once
 * its flow will not change roles any more (its end, or a RST refusing the
 * SYN). What it keeps depends only on the set of attempts, not on the order
 * they were added, so shards of a run merge into the same groups.
 */
export class DestinationGroups {
  private readonly byService = new ByService<Group>();

  add(ip: string, port: number, a: Attempt): void {
    const g = this.group(ip, port, a);
    g.count++;
    keepAttempt(g, { firstFrame: a.firstFrame, flowId: a.flowId });
    if (a.firstFrame < g.first.firstFrame) g.first = a;
    keepEarliest(g.evidence, a.frames);
    if (g.sourceSet.size < MAX_GROUP_SOURCES) g.sourceSet.add(a.srcIp);
    g.retransmissions += a.retransmissions;
    if (a.retransmissions > g.worstRetransmissions) g.worstRetransmissions = a.retransmissions;
    g.clientSyns += a.clientSyns;
    widen(g, a.start, a.end, a.censored);
  }

  /** The groups by start, then destination. */
  groups(): GroupSummary[] {
    return [...this.byService.list]
      .sort((a, b) => a.since - b.since || a.ip.localeCompare(b.ip) || a.port - b.port)
      .map((g) => {
        const { sourceSet, kept, ...rest } = g;
        return { ...rest, kept: [...kept].sort(byFirstFrame), sources: sourceSet.size };
      });
  }

  /** Every group as plain data, flow ids passed through `globalId` (a shard's state for the main thread). */
  states(globalId: (id: number) => number): GroupState[] {
    return this.byService.list.map(({ sourceSet, ...g }) => ({
      ...g,
      kept: g.kept.map((a) => ({ firstFrame: a.firstFrame, flowId: globalId(a.flowId) })),
      first: { ...g.first, flowId: globalId(g.first.flowId) },
      sources: [...sourceSet],
    }));
  }

  /** Merges another shard's groups: the result is what one DestinationGroups fed every attempt would hold. */
  absorb(states: readonly GroupState[]): void {
    for (const s of states) {
      const g = this.group(s.ip, s.port, s.first);
      g.count += s.count;
      for (const a of s.kept) keepAttempt(g, a);
      if (s.first.firstFrame < g.first.firstFrame) g.first = s.first;
      keepEarliest(g.evidence, s.evidence);
      for (const ip of s.sources) {
        if (g.sourceSet.size >= MAX_GROUP_SOURCES) break;
        g.sourceSet.add(ip);
      }
      g.retransmissions += s.retransmissions;
      if (s.worstRetransmissions > g.worstRetransmissions) g.worstRetransmissions = s.worstRetransmissions;
      g.clientSyns += s.clientSyns;
      widen(g, s.since, s.end, s.censored);
    }
  }

  /** The group of ip:port; a new one starts with `first` as its earliest attempt and span. */
  private group(ip: string, port: number, first: Attempt): Group {
    return (
      this.byService.get(ip, port) ??
      this.byService.add(ip, port, {
        ip,
        port,
        kept: [],
        first,
        count: 0,
        sources: [],
        retransmissions: 0,
        worstRetransmissions: 0,
        clientSyns: 0,
        since: first.start,
        end: first.end,
        censored: false,
        evidence: [],
        sourceSet: new Set(),
      })
    );
  }
}

function widen(g: GroupState, since: number, end: number, censored: boolean): void {
  if (since < g.since) g.since = since;
  if (end > g.end) {
    g.end = end;
    g.censored = censored;
  } else if (end === g.end && censored) g.censored = true;
}

/** Keeps `a` if it is among the MAX_ATTEMPTS_KEPT earliest (its frames are in the evidence either way). */
function keepAttempt(g: GroupState, a: KeptAttempt): void {
  offerSmallest(g.kept, a, MAX_ATTEMPTS_KEPT, byFirstFrame);
}

function byFirstFrame(a: KeptAttempt, b: KeptAttempt): number {
  return a.firstFrame - b.firstFrame;
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
export function groupByDestination(attempts: readonly (Attempt & { dest: { ip: string; port: number } })[]): GroupSummary[] {
  const groups = new DestinationGroups();
  for (const a of attempts) groups.add(a.dest.ip, a.dest.port, a);
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
  const omitted = g.count - g.kept.length;
  return makeFinding({
    id,
    severity,
    message,
    endpoint: { ip: g.ip, port: g.port },
    flowIds: g.kept.map((a) => a.flowId),
    since: g.since,
    duration: g.end - g.since,
    censored: g.censored,
    frames: g.evidence,
    service: { ip: g.ip, port: g.port },
    details: omitted > 0 ? { ...details, flowIdsOmitted: omitted } : details,
  });
}
