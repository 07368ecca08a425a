import { buildReport, findingContext, findingFlowIds } from '../build-report.js';
import { AnalysisCounters } from '../detect/analysis-counters.js';
import { isSharded, type Detector } from '../detect/detector.js';
import { listingCap } from '../detect/finding-cap.js';
import { createDetectors } from '../detect/registry.js';
import type { Thresholds } from '../detect/thresholds.js';
import { stateCounts, type FlowsMode } from '../flow-collector.js';
import { closeSpills, openSpillFile, spilledEntries, type SpillIndex } from '../flow-spill.js';
import type { CaptureSummary } from '../model/capture.js';
import type { DecodedPacket } from '../model/decoded.js';
import type { AnalysisSummary, FlowReport, Listing, Report } from '../model/report.js';
import type { FromWorker, ShardTask } from '../model/shard-messages.js';
import { dispatch } from './dispatch.js';
import { globalFlowIds } from './flow-ids.js';
import { ShardFeed } from './shard-feed.js';
import { WorkerLink } from './worker-link.js';

export interface ShardedOptions {
  thresholds: Thresholds;
  timeWaitSeconds: number;
  /** How long a connection still in its handshake stays idle before the tracker parks it (TrackerOptions.parkIdleSeconds). */
  parkIdleSeconds?: number | undefined;
  flows: FlowsMode;
  /** How the report lists findings (FindingCap). */
  listing: Listing;
  /** Keeps only the TCP packets it accepts (run in the main thread, before sharding). */
  filter?: ((packet: DecodedPacket) => boolean) | undefined;
  onProgress?: (bytesRead: number, totalBytes: number | null, packets: number) => void;
  /** Workers spill their flows (always for flows 'findings'); the result then reads them back in id order. */
  spill: boolean;
}

export interface ShardedResult {
  report: Report;
  /** With spill: the flows[] entries in id order (the report's flows are then empty). */
  flowEntries: Iterable<string> | null;
  /** The spill files to close (closeSpills) once the entries are written. */
  spills: SpillIndex[];
}

type Shard = Extract<FromWorker, { type: 'shard' }>;

/**
 * analyze() over `jobs` worker threads. The main thread reads and decodes
 * the captures once and sends each worker the packets of its shard
 * (src/flow/shard.ts) and the times of all others, so every worker's clock
 * is the whole capture's. Flows are numbered as one tracker would number
 * them, per-connection findings come from the shards, and findings across
 * connections (syn-flood, grouped attempts, TIME_WAIT pile-ups, capture
 * quality) from the shards' merged states: the report is the single-threaded one.
 */
export async function analyzeSharded(paths: string[], jobs: number, opts: ShardedOptions): Promise<ShardedResult> {
  let feeds: ShardFeed[] = [];
  let stop: Error | null = null;
  let failed: (e: Error) => void = () => {};
  const failure = new Promise<never>((_, reject) => {
    failed = (e) => {
      stop ??= e;
      // The dispatcher may be waiting for a worker that is gone.
      for (const f of feeds) f.release();
      reject(e);
    };
  });
  // A worker failing after the merge settled has nobody left to tell.
  failure.catch(() => {});
  const spillFds = opts.spill ? Array.from({ length: jobs }, () => openSpillFile()) : [];
  const links = Array.from({ length: jobs }, (_, index) => {
    const task: ShardTask = {
      index,
      thresholds: opts.thresholds,
      timeWaitSeconds: opts.timeWaitSeconds,
      parkIdleSeconds: opts.parkIdleSeconds,
      flows: opts.flows,
      listing: opts.listing,
      ...(spillFds.length > 0 ? { spillFd: spillFds[index]! } : {}),
    };
    return new WorkerLink(task, (slot) => feeds[index]!.returned(slot), (e) => failed(e));
  });
  feeds = links.map((l) => new ShardFeed((slot, words, buffer) => l.send({ type: 'batch', slot, words, ...(buffer ? { buffer } : {}) })));
  // The main thread's own detectors see every record (capture-quality), then absorb the shards' states.
  const detectors = createDetectors(opts.thresholds, opts.listing);
  let merged = false;
  try {
    const result = await Promise.race([
      failure,
      dispatch(paths, links, feeds, { filter: opts.filter, onProgress: opts.onProgress, detectors, stopped: () => stop }).then((captures) =>
        merge(links, detectors, captures, opts),
      ),
    ]);
    merged = true;
    return result;
  } finally {
    await Promise.all(links.map((l) => l.stop()));
    // Only once no worker can write to them any more.
    if (!merged) closeSpills(spillFds);
  }
}

async function merge(links: WorkerLink[], detectors: Detector[], captures: CaptureSummary[], opts: ShardedOptions): Promise<ShardedResult> {
  const tracked = await Promise.all(links.map((l) => l.next('tracked')));
  const maps = globalFlowIds(tracked.map((t) => t.firstFrames));
  links.forEach((l, i) => l.send({ type: 'ids', globalIds: maps[i]! }));
  const shards: Shard[] = await Promise.all(links.map((l) => l.next('shard')));

  const ctx = findingContext(captures);
  // Each shard listed the earliest of its own findings of each kind: the whole capture's earliest are among them.
  const cap = listingCap(opts.listing);
  for (const s of shards) {
    for (const f of s.findings) cap.offer(f);
    cap.absorb(s.omitted);
  }
  detectors.forEach((d, i) => {
    if (!isSharded(d)) return;
    d.absorb(shards.map((s) => s.states[i]));
    for (const f of d.findings(ctx)) cap.offer(f);
  });
  const findings = cap.listed();

  let flows: FlowReport[] = [];
  let flowEntries: Iterable<string> | null = null;
  let spills: SpillIndex[] = [];
  const wanted = opts.flows === 'findings' ? findingFlowIds(findings) : null;
  if (opts.spill) {
    for (const l of links) l.send({ type: 'flows' });
    spills = (await Promise.all(links.map((l) => l.next('spill')))).map((s) => s.index);
    flowEntries = spilledEntries(spills, maps, wanted);
  } else if (opts.flows !== 'none') {
    for (const l of links) l.send({ type: 'flows' });
    const lists = await Promise.all(links.map((l) => l.next('flows')));
    flows = lists.flatMap((l) => l.flows).sort((a, b) => a.id - b.id);
  }

  const report = buildReport({
    captures,
    flowCount: shards.reduce((n, s) => n + s.flowCount, 0),
    endStates: stateCounts([...shards.map((s) => s.clientStates), ...shards.map((s) => s.serverStates)]),
    endStatesBySide: { client: stateCounts(shards.map((s) => s.clientStates)), server: stateCounts(shards.map((s) => s.serverStates)) },
    analysis: sumAnalysis(shards.map((s) => s.analysis)),
    findings,
    omitted: cap.omitted(),
    flows,
  });
  return { report, flowEntries, spills };
}

function sumAnalysis(parts: AnalysisSummary[]): AnalysisSummary {
  const out = new AnalysisCounters().summary();
  for (const p of parts) for (const k of Object.keys(out) as (keyof AnalysisSummary)[]) out[k] += p[k];
  return out;
}
