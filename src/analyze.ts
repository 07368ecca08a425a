import { buildReport, findingContext, findingFlowIds } from './build-report.js';
import { CaptureRun } from './capture-run.js';
import { DEFAULT_MAX_FINDINGS, listingCap } from './detect/finding-cap.js';
import { applyThresholds, DEFAULT_THRESHOLDS, type Thresholds } from './detect/thresholds.js';
import type { FlowsMode } from './flow-collector.js';
import { closeSpills, openSpillFile, spilledEntries } from './flow-spill.js';
import type { DecodedPacket } from './model/decoded.js';
import type { TrackerListener } from './model/events.js';
import type { FlowReport, Listing, Report, Severity } from './model/report.js';
import { analyzeSharded, type ShardedResult } from './parallel/sharded-analysis.js';
import { chooseJobs, usableJobs } from './parallel/jobs.js';
import { toFlowReport } from './report/flow-report.js';
import { packetFilter } from './select/packet-filter.js';
import type { AddressSelection } from './select/selection.js';

export interface AnalyzeOptions {
  /** Threshold overrides on top of DEFAULT_THRESHOLDS. */
  thresholds?: Partial<Thresholds>;
  /** 2·MSL: how long TIME_WAIT lasts in capture time (default 60 s, Linux). */
  timeWaitSeconds?: number;
  /**
   * How long (capture seconds) a connection still in its handshake may stay
   * idle before the tracker parks it to save memory (default 0.1; Infinity:
   * never). The report is the same for any value.
   */
  parkIdleSeconds?: number;
  /** Progress of reading, in bytes (the total is null for stdin), and the packets read so far. */
  onProgress?: (bytesRead: number, totalBytes: number | null, packets: number) => void;
  /** More listeners on the tracker (e.g. a timeline collector); the run is then single-threaded. */
  listeners?: TrackerListener[];
  /** Only connections with an endpoint in this selection (src/select); works with jobs. */
  selection?: AddressSelection;
  /**
   * Keeps only the TCP packets it accepts: called once per decoded TCP packet
   * before the tracker (in the main thread, which reads for the workers too),
   * so it must be cheap and symmetric (accept both directions of a
   * connection alike).
   */
  filter?: (packet: DecodedPacket) => boolean;
  /** Which connections `flows` lists (default all); the summary counts every one. */
  flows?: FlowsMode;
  /**
   * Worker threads, each tracking a share of the connections (default: from
   * the files' size and the cores, see chooseJobs). The report is the same
   * for any number.
   */
  jobs?: number;
  /** Findings of each kind the report lists (default DEFAULT_MAX_FINDINGS; Infinity: all); the rest are counted. */
  maxFindings?: number;
  /** Per-finding-id severities in place of the detectors' (a config's overrides). */
  severity?: Readonly<Record<string, Severity>>;
}

/**
 * The library API: reads the captures, tracks every connection and returns
 * the report of DESIGN.md §5. Throws CaptureFormatError / InputError for
 * input that cannot be read at all.
 */
export async function analyze(paths: string[], opts: AnalyzeOptions = {}): Promise<Report> {
  if (opts.flows !== 'findings') return (await run(paths, opts, false)).report;
  // Which flows a finding names is known only at the end: every flow waits on disk, not in memory.
  const spilled = await analyzeSpilled(paths, opts);
  try {
    const flows = Array.from(spilled.flowEntries, (e) => JSON.parse(e) as FlowReport);
    return { ...spilled.report, flows };
  } finally {
    spilled.dispose();
  }
}

/** A report whose flows stay on disk until they are written (see analyzeSpilled). */
export interface SpilledReport {
  /** The report with an empty `flows`. */
  report: Report;
  /** The flows[] entries (pretty-printed JSON, ids in front) in id order; read once. */
  flowEntries: Iterable<string>;
  /** Frees the spill files (call once the entries are written, or on failure). */
  dispose(): void;
}

/**
 * analyze() for a JSON report of millions of connections: each connection's
 * entry is written to a temporary file as it ends and read back, in id order,
 * while the report is written, so memory follows the open connections rather
 * than every connection of the capture.
 */
export async function analyzeSpilled(paths: string[], opts: AnalyzeOptions = {}): Promise<SpilledReport> {
  const { report, flowEntries, spills } = await run(paths, opts, true);
  return { report, flowEntries: flowEntries ?? [], dispose: () => closeSpills(spills.map((s) => s.fd)) };
}

async function run(paths: string[], opts: AnalyzeOptions, spillAll: boolean): Promise<ShardedResult> {
  const thresholds = applyThresholds(DEFAULT_THRESHOLDS, opts.thresholds ?? {});
  const timeWaitSeconds = opts.timeWaitSeconds ?? thresholds.timeWaitSeconds;
  const flows = opts.flows ?? 'all';
  const spill = flows === 'findings' || (spillAll && flows === 'all');
  const filter = opts.filter ?? (opts.selection ? packetFilter(opts.selection) : undefined);
  const threadable = (opts.listeners ?? []).length === 0;
  const jobs = threadable ? usableJobs(opts.jobs ?? (await chooseJobs(paths))) : 1;
  const listing: Listing = { maxFindings: opts.maxFindings ?? DEFAULT_MAX_FINDINGS, severity: opts.severity ?? {} };
  if (jobs > 1) {
    return analyzeSharded(paths, jobs, {
      listing,
      thresholds,
      timeWaitSeconds,
      parkIdleSeconds: opts.parkIdleSeconds,
      flows,
      spill,
      filter,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
  }

  const spillFd = spill ? openSpillFile() : undefined;
  const r = new CaptureRun({ thresholds, listing, timeWaitSeconds, parkIdleSeconds: opts.parkIdleSeconds, flows, listeners: opts.listeners ?? [], filter, onProgress: opts.onProgress, spillFd });
  try {
    await r.read(paths);
  } catch (e) {
    if (spillFd !== undefined) closeSpills([spillFd]);
    throw e;
  }
  const ctx = findingContext(r.captures);
  const findings = listingCap(listing);
  for (const d of r.detectors) {
    for (const f of d.findings(ctx)) findings.offer(f);
    if (d.omitted) findings.absorb(d.omitted());
  }
  const listed = findings.listed();
  const report = buildReport({
    captures: r.captures,
    flowCount: r.collector.count,
    endStates: r.collector.endStateCounts(),
    endStatesBySide: r.collector.bySide(),
    analysis: r.counters.summary(),
    findings: listed,
    omitted: findings.omitted(),
    flows: r.collector.listed().map(toFlowReport),
  });
  if (r.spill === null) return { report, flowEntries: null, spills: [] };
  const wanted = flows === 'findings' ? findingFlowIds(listed) : null;
  const index = r.spill.index();
  return { report, flowEntries: spilledEntries([index], null, wanted), spills: [index] };
}
