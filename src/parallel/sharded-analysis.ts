import { Worker } from 'node:worker_threads';
import { buildReport, findingContext, findingFlowIds } from '../build-report.js';
import { closeSpills, openSpillFile, spilledEntries, type SpillIndex } from '../flow-spill.js';
import { isSharded } from '../detect/detector.js';
import { AnalysisCounters } from '../detect/analysis-counters.js';
import { createDetectors } from '../detect/registry.js';
import { passTcpPackets, type TcpSink } from '../capture-pass.js';
import type { Detector } from '../detect/detector.js';
import { shardOf } from '../flow/shard.js';
import type { CaptureSummary } from '../model/capture.js';
import type { DecodedPacket } from '../model/decoded.js';
import { ShardFeed } from './shard-feed.js';
import type { Thresholds } from '../detect/thresholds.js';
import { stateCounts, type FlowsMode } from '../flow-collector.js';
import type { AnalysisSummary, FlowReport, Report } from '../model/report.js';
import { reviveError } from './errors.js';
import { globalFlowIds } from './flow-ids.js';
import type { FromWorker, ShardTask, ToWorker } from '../model/shard-messages.js';

export interface ShardedOptions {
  thresholds: Thresholds;
  timeWaitSeconds: number;
  flows: FlowsMode;
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
 * Compiled, the worker sits next to this file. Run from source (the tests run
 * under tsx) it is the .ts beside it, and a worker does not inherit tsx's
 * loader: a one-line module registers it first.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./shard-worker.js', import.meta.url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./shard-worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(worker)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

/** One worker and the messages it sent that nobody has taken yet. */
class WorkerLink {
  private readonly queue: FromWorker[] = [];
  private waiting: ((m: FromWorker) => void) | null = null;
  private failure: ((e: Error) => void) | null = null;
  /** The worker's last message arrived: it may exit now. */
  private done = false;
  readonly worker: Worker;

  constructor(task: ShardTask, onFree: (buffer: SharedArrayBuffer) => void, fail: (e: Error) => void) {
    this.failure = fail;
    const last: FromWorker['type'] = task.flows === 'none' ? 'shard' : task.spillFd !== undefined ? 'spill' : 'flows';
    this.worker = new Worker(workerUrl(), { workerData: task });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === last) this.done = true;
      if (m.type === 'free') onFree(m.buffer);
      else if (m.type === 'error') this.failure?.(reviveError(m.error));
      else if (this.waiting !== null) {
        const w = this.waiting;
        this.waiting = null;
        w(m);
      } else this.queue.push(m);
    });
    this.worker.on('error', (e) => this.failure?.(e));
    this.worker.on('exit', (code) => {
      // Exiting before its last message would leave the merge waiting forever.
      if (code !== 0 || !this.done) this.failure?.(new Error(`worker ${task.index} exited (code ${code}) before it finished`));
    });
  }

  next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    const check = (m: FromWorker): Extract<FromWorker, { type: T }> => {
      if (m.type !== type) throw new Error(`worker sent ${m.type}, expected ${type}`);
      return m as Extract<FromWorker, { type: T }>;
    };
    const m = this.queue.shift();
    if (m !== undefined) return Promise.resolve(check(m));
    return new Promise((resolve, reject) => {
      this.waiting = (x) => {
        try {
          resolve(check(x));
        } catch (e) {
          reject(e as Error);
        }
      };
    });
  }

  send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  stop(): Promise<number> {
    this.failure = null;
    return this.worker.terminate();
  }
}

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
      flows: opts.flows,
      ...(spillFds.length > 0 ? { spillFd: spillFds[index]! } : {}),
    };
    return new WorkerLink(task, (buffer) => feeds[index]!.returned(buffer), (e) => failed(e));
  });
  feeds = links.map((l) => new ShardFeed((buffer, words) => l.send({ type: 'batch', buffer, words })));
  // The main thread's own detectors see every record (capture-quality), then absorb the shards' states.
  const detectors = createDetectors(opts.thresholds);
  const stopped = (): Error | null => stop;
  let merged = false;
  try {
    const result = await Promise.race([
      failure,
      dispatch(paths, links, feeds, detectors, opts, stopped).then((captures) => merge(links, detectors, captures, opts)),
    ]);
    merged = true;
    return result;
  } finally {
    await Promise.all(links.map((l) => l.stop()));
    // Only once no worker can write to them any more.
    if (!merged) closeSpills(spillFds);
  }
}

/** Batches a worker may hold before reading waits for it: a few MiB each, so memory stays bounded when it lags. */
const MAX_IN_FLIGHT = 4;

/** Reads the captures once, sending each worker its packets; ends with `end` and returns the captures' summaries. */
async function dispatch(
  paths: string[],
  links: WorkerLink[],
  feeds: ShardFeed[],
  detectors: Detector[],
  opts: ShardedOptions,
  stopped: () => Error | null,
): Promise<CaptureSummary[]> {
  const jobs = feeds.length;
  const sink: TcpSink = {
    packet(p, ts, frame) {
      const mine = shardOf(p, jobs);
      for (let i = 0; i < jobs; i++) {
        if (i === mine) feeds[i]!.packet(p, ts, frame);
        else feeds[i]!.skip(ts);
      }
    },
  };
  const wait = async (): Promise<void> => {
    for (const f of feeds) while (f.inFlight >= MAX_IN_FLIGHT && stopped() === null) await f.below(MAX_IN_FLIGHT);
    const e = stopped();
    if (e !== null) throw e;
  };
  const pace = (): Promise<void> | undefined => (stopped() !== null || feeds.some((f) => f.inFlight >= MAX_IN_FLIGHT) ? wait() : undefined);
  const captures = await passTcpPackets(
    paths,
    { filter: opts.filter, recordHooks: detectors.filter((d) => d.record !== undefined), onProgress: opts.onProgress, pace },
    sink,
  );
  for (const f of feeds) f.flush();
  for (const l of links) l.send({ type: 'end', captures });
  return captures;
}

async function merge(links: WorkerLink[], detectors: Detector[], captures: CaptureSummary[], opts: ShardedOptions): Promise<ShardedResult> {
  const tracked = await Promise.all(links.map((l) => l.next('tracked')));
  const maps = globalFlowIds(tracked.map((t) => t.firstFrames));
  links.forEach((l, i) => l.send({ type: 'ids', globalIds: maps[i]! }));
  const shards: Shard[] = await Promise.all(links.map((l) => l.next('shard')));

  const ctx = findingContext(captures);
  const findings = shards.flatMap((s) => s.findings);
  detectors.forEach((d, i) => {
    if (!isSharded(d)) return;
    d.absorb(shards.map((s) => s.states[i]));
    findings.push(...d.findings(ctx));
  });

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
    flows,
  });
  return { report, flowEntries, spills };
}

function sumAnalysis(parts: AnalysisSummary[]): AnalysisSummary {
  const out = new AnalysisCounters().summary();
  for (const p of parts) for (const k of Object.keys(out) as (keyof AnalysisSummary)[]) out[k] += p[k];
  return out;
}
