import { parentPort, workerData } from 'node:worker_threads';
import { findingContext } from '../build-report.js';
import { CaptureRun } from '../capture-run.js';
import { isSharded } from '../detect/detector.js';
import type { Flow } from '../model/flow.js';
import type { Finding } from '../model/report.js';
import { toFlowReport } from '../report/flow-report.js';
import { packetFilter } from '../select/packet-filter.js';
import { serializeError } from './errors.js';
import type { FromWorker, ShardTask, ToWorker } from '../model/shard-messages.js';

/** A worker of a --jobs run: tracks one shard of the connections, then answers the main thread (messages.ts). */

const PROGRESS_MS = 100;
const port = parentPort!;
const task = workerData as ShardTask;

function post(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

function next(): Promise<ToWorker> {
  return new Promise((resolve) => port.once('message', resolve));
}

async function main(): Promise<void> {
  const firstFrames: number[] = [];
  let lastProgress = 0;
  const run = new CaptureRun({
    thresholds: task.thresholds,
    timeWaitSeconds: task.timeWaitSeconds,
    flows: task.flows,
    // Local ids are 1, 2, ... in order of flowStart: the frame list is indexed by them.
    listeners: [{ flowStart: (flow: Flow) => void firstFrames.push(flow.firstFrame) }],
    filter: task.selection ? packetFilter(task.selection) : undefined,
    onProgress: task.progress
      ? (bytes, total, packets) => {
          const now = Date.now();
          if (now - lastProgress < PROGRESS_MS) return;
          lastProgress = now;
          post({ type: 'progress', bytes, total, packets });
        }
      : undefined,
    shard: { index: task.index, count: task.count },
    spillFd: task.spillFd,
  });
  await run.read(task.paths);
  const frames = Float64Array.from(firstFrames);
  post({ type: 'tracked', firstFrames: frames }, [frames.buffer]);

  const ids = await next();
  if (ids.type !== 'ids') throw new Error(`worker expected ids, got ${ids.type}`);
  const map = ids.globalIds;
  const globalId = (local: number): number => map[local]!;
  const ctx = findingContext(run.captures);
  const findings: Finding[] = [];
  for (const d of run.detectors) {
    const own = isSharded(d) ? (d.shardFindings?.(ctx) ?? []) : d.findings(ctx);
    // Local ids grow with global ones: sorted lists stay sorted.
    for (const f of own) findings.push({ ...f, flowIds: f.flowIds.map(globalId) });
  }
  post({
    type: 'shard',
    captures: run.captures,
    flowCount: run.collector.count,
    clientStates: run.collector.clientStates,
    serverStates: run.collector.serverStates,
    analysis: run.counters.summary(),
    findings,
    states: run.detectors.map((d) => (isSharded(d) ? d.shardState(globalId) : null)),
  });

  if (task.flows === 'none') return;
  const ask = await next();
  if (ask.type !== 'flows') throw new Error(`worker expected flows, got ${ask.type}`);
  if (run.spill !== null) {
    const index = run.spill.index();
    post({ type: 'spill', index }, [index.offsets.buffer as ArrayBuffer, index.lengths.buffer as ArrayBuffer]);
    return;
  }
  post({ type: 'flows', flows: run.collector.kept.map((f) => ({ ...toFlowReport(f), id: globalId(f.id) })) });
}

main().catch((e: unknown) => post({ type: 'error', error: serializeError(e) }));
