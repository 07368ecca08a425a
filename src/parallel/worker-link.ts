import { Worker } from 'node:worker_threads';
import type { FromWorker, ShardTask, ToWorker } from '../model/shard-messages.js';
import { reviveError } from './errors.js';

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
export class WorkerLink {
  private readonly queue: FromWorker[] = [];
  private waiting: ((m: FromWorker) => void) | null = null;
  private failure: ((e: Error) => void) | null = null;
  /** The worker's last message arrived: it may exit now. */
  private done = false;
  readonly worker: Worker;

  constructor(task: ShardTask, onFree: (slot: number) => void, fail: (e: Error) => void) {
    this.failure = fail;
    const last: FromWorker['type'] = task.flows === 'none' ? 'shard' : task.spillFd !== undefined ? 'spill' : 'flows';
    this.worker = new Worker(workerUrl(), { workerData: task });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === last) this.done = true;
      if (m.type === 'free') onFree(m.slot);
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

