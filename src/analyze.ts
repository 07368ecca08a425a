import { buildReport, findingContext } from './build-report.js';
import { CaptureRun } from './capture-run.js';
import { applyThresholds, DEFAULT_THRESHOLDS, type Thresholds } from './detect/thresholds.js';
import type { FlowsMode } from './flow-collector.js';
import type { DecodedPacket } from './model/decoded.js';
import type { TrackerListener } from './model/events.js';
import type { Report } from './model/report.js';
import { analyzeSharded } from './parallel/sharded-analysis.js';
import { chooseJobs, usableJobs } from './parallel/jobs.js';
import { toFlowReport } from './report/flow-report.js';
import { packetFilter } from './select/packet-filter.js';
import type { AddressSelection } from './select/selection.js';

export interface AnalyzeOptions {
  /** Threshold overrides on top of DEFAULT_THRESHOLDS. */
  thresholds?: Partial<Thresholds>;
  /** 2·MSL: how long TIME_WAIT lasts in capture time (default 60 s, Linux). */
  timeWaitSeconds?: number;
  /** Progress of reading, in bytes (the total is null for stdin), and the packets read so far. */
  onProgress?: (bytesRead: number, totalBytes: number | null, packets: number) => void;
  /** More listeners on the tracker (e.g. a timeline collector); the run is then single-threaded. */
  listeners?: TrackerListener[];
  /** Only connections with an endpoint in this selection (src/select); works with jobs. */
  selection?: AddressSelection;
  /**
   * Keeps only the TCP packets it accepts: called once per decoded TCP packet
   * before the tracker, so it must be cheap and symmetric (accept both
   * directions of a connection alike). A function cannot reach worker
   * threads: with it the run is single-threaded.
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
}

/**
 * The library API: reads the captures, tracks every connection and returns
 * the report of DESIGN.md §5. Throws CaptureFormatError / InputError for
 * input that cannot be read at all.
 */
export async function analyze(paths: string[], opts: AnalyzeOptions = {}): Promise<Report> {
  const thresholds = applyThresholds(DEFAULT_THRESHOLDS, opts.thresholds ?? {});
  const timeWaitSeconds = opts.timeWaitSeconds ?? thresholds.timeWaitSeconds;
  const flows = opts.flows ?? 'all';
  const threadable = (opts.listeners ?? []).length === 0 && opts.filter === undefined;
  const jobs = threadable ? usableJobs(paths, opts.jobs ?? (await chooseJobs(paths))) : 1;
  if (jobs > 1) {
    return analyzeSharded(paths, jobs, {
      thresholds,
      timeWaitSeconds,
      flows,
      ...(opts.selection ? { selection: opts.selection } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
  }

  const filter = opts.filter ?? (opts.selection ? packetFilter(opts.selection) : undefined);
  const run = new CaptureRun({ thresholds, timeWaitSeconds, flows, listeners: opts.listeners ?? [], filter, onProgress: opts.onProgress });
  await run.read(paths);
  const ctx = findingContext(run.captures);
  return buildReport({
    captures: run.captures,
    flowCount: run.collector.count,
    endStates: run.collector.endStateCounts(),
    analysis: run.counters.summary(),
    findings: run.detectors.flatMap((d) => d.findings(ctx)),
    flows: (ids) => run.collector.listed(ids).map(toFlowReport),
  });
}
