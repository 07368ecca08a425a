import { parentPort, workerData } from 'node:worker_threads';
import { findingContext } from '../build-report.js';
import { CaptureRun } from '../capture-run.js';
import { isSharded } from '../detect/detector.js';
import type { Flow } from '../model/flow.js';
import { listingCap, withGlobalIds } from '../detect/finding-cap.js';
import { toFlowReport } from '../report/flow-report.js';
import type { CaptureSummary } from '../model/capture.js';
import { newDecodedPacket } from '../model/decoded.js';
import type { ConnectionTracker } from '../tcp/tracker.js';
import { replayBatch } from './batch-replay.js';
import { serializeError } from './errors.js';
import type { FromWorker, ShardTask, ToWorker } from '../model/shard-messages.js';

/** A worker of a --jobs run: tracks the packets of one shard, then answers the main thread (shard-messages.ts). */

const port = parentPort!;
const task = workerData as ShardTask;

function post(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

function next(): Promise<ToWorker> {
  return new Promise((resolve) => port.once('message', resolve));
}

/** Tracks the batches as they come, each given back at once; resolves with the captures' summaries at `end`. */
function track(tracker: ConnectionTracker): Promise<CaptureSummary[]> {
  const view = newDecodedPacket();
  const slots: SharedArrayBuffer[] = [];
  return new Promise((resolve, reject) => {
    const onMessage = (m: ToWorker): void => {
      try {
        if (m.type === 'batch') {
          if (m.buffer !== undefined) slots[m.slot] = m.buffer;
          replayBatch(slots[m.slot]!, m.words, view, tracker);
          post({ type: 'free', slot: m.slot });
        } else if (m.type === 'end') {
          port.off('message', onMessage);
          resolve(m.captures);
        } else throw new Error(`worker expected packets, got ${m.type}`);
      } catch (e) {
        port.off('message', onMessage);
        reject(e as Error);
      }
    };
    port.on('message', onMessage);
  });
}

async function main(): Promise<void> {
  const firstFrames: number[] = [];
  const run = new CaptureRun({
    thresholds: task.thresholds,
    listing: task.listing,
    timeWaitSeconds: task.timeWaitSeconds,
    parkIdleSeconds: task.parkIdleSeconds,
    flows: task.flows,
    // Local ids are 1, 2, ... in order of flowStart: the frame list is indexed by them.
    listeners: [{ flowStart: (flow: Flow) => void firstFrames.push(flow.firstFrame) }],
    spillFd: task.spillFd,
  });
  run.finish(await track(run.tracker));
  const frames = Float64Array.from(firstFrames);
  post({ type: 'tracked', firstFrames: frames }, [frames.buffer]);

  const ids = await next();
  if (ids.type !== 'ids') throw new Error(`worker expected ids, got ${ids.type}`);
  const map = ids.globalIds;
  const globalId = (local: number): number => map[local]!;
  const ctx = findingContext(run.captures);
  const findings = listingCap(task.listing);
  for (const d of run.detectors) {
    const own = isSharded(d) ? (d.shardFindings?.(ctx) ?? []) : d.findings(ctx);
    // Local ids grow with global ones: sorted lists stay sorted. Mapped first: the cap's order reads them.
    for (const f of own) {
      f.flowIds = f.flowIds.map(globalId);
      findings.offer(f);
    }
    if (d.omitted) findings.absorb(withGlobalIds(d.omitted(), globalId));
  }
  post({
    type: 'shard',
    flowCount: run.collector.count,
    clientStates: run.collector.clientStates,
    serverStates: run.collector.serverStates,
    analysis: run.counters.summary(),
    findings: findings.listed(),
    omitted: findings.omitted(),
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
