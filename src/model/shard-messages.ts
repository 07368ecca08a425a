import type { Thresholds } from '../detect/thresholds.js';
import type { FlowsMode } from '../flow-collector.js';
import type { CaptureSummary } from './capture.js';
import type { AnalysisSummary, Finding, FlowReport, Listing, OmittedFindings } from './report.js';
import type { SerializedError } from '../parallel/errors.js';
import type { SpillIndex } from '../flow-spill.js';

/** What a worker is given (its workerData). */
export interface ShardTask {
  index: number;
  thresholds: Thresholds;
  timeWaitSeconds: number;
  /** How long a connection still in its handshake stays idle before the tracker parks it (TrackerOptions.parkIdleSeconds). */
  parkIdleSeconds?: number | undefined;
  flows: FlowsMode;
  /** How the report lists findings: each worker caps its own the same way. */
  listing: Listing;
  /** Spill flows to this file (opened by the main thread, which closes it) instead of keeping them. */
  spillFd?: number;
}

/**
 * The conversation, in order: the main thread reads the captures and sends
 * each worker `batch`es of its shard's packets (shard-feed.ts), which the
 * worker tracks and hands back as `free`, then `end`; the worker posts
 * `tracked`; the main thread numbers every flow of every shard and answers
 * `ids`; the worker posts `shard`; if the report lists flows the main thread
 * asks `flows` and the worker answers with them. `error` may come any time.
 */
export type FromWorker =
  /** A batch tracked, its slot's buffer given back for the next one. */
  | { type: 'free'; slot: number }
  /** Every flow's first frame, in local id order (local id = index + 1). */
  | { type: 'tracked'; firstFrames: Float64Array }
  | {
      type: 'shard';
      flowCount: number;
      /** Clients and servers per end state (TcpState index). */
      clientStates: Uint32Array;
      serverStates: Uint32Array;
      analysis: AnalysisSummary;
      /** Per-connection findings, with global flow ids: what the shard's FindingCap listed. */
      findings: Finding[];
      /** What it left out. */
      omitted: OmittedFindings;
      /** Per detector (registry order): its shardState(), or null for per-connection detectors. */
      states: unknown[];
    }
  | { type: 'flows'; flows: FlowReport[] }
  /** Instead of `flows` when the flows were spilled: where each local id's entry is. */
  | { type: 'spill'; index: SpillIndex }
  | { type: 'error'; error: SerializedError };

export type ToWorker =
  /**
   * Packet-codec entries in words 0 to `words` of the slot's buffer, which
   * the main thread leaves alone until `free`. The buffer comes with a slot's
   * first batch only.
   */
  | { type: 'batch'; slot: number; words: number; buffer?: SharedArrayBuffer }
  /** The captures are over; these are their summaries. */
  | { type: 'end'; captures: CaptureSummary[] }
  /** globalIds[localId] = the flow's id in the whole capture. */
  | { type: 'ids'; globalIds: Uint32Array }
  /** Send the flows: every one kept, or the spill file's index. */
  | { type: 'flows' };
