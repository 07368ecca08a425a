import { passTcpPackets } from './capture-pass.js';
import { collectGarbage } from './collect-garbage.js';
import { AnalysisCounters } from './detect/analysis-counters.js';
import type { Detector } from './detect/detector.js';
import { createDetectors, trackingOrder } from './detect/registry.js';
import type { Thresholds } from './detect/thresholds.js';
import { FlowCollector, type FlowsMode } from './flow-collector.js';
import { FlowSpill } from './flow-spill.js';
import type { CaptureSummary } from './model/capture.js';
import type { Listing } from './model/report.js';
import type { DecodedPacket } from './model/decoded.js';
import type { TrackerListener } from './model/events.js';
import { ConnectionTracker } from './tcp/tracker.js';

export interface RunOptions {
  thresholds: Thresholds;
  /** How the report lists findings (default: every one). */
  listing?: Listing | undefined;
  timeWaitSeconds: number;
  /** How long a connection still in its handshake stays idle before the tracker parks it (TrackerOptions.parkIdleSeconds). */
  parkIdleSeconds?: number | undefined;
  flows: FlowsMode;
  listeners?: TrackerListener[];
  filter?: ((packet: DecodedPacket) => boolean) | undefined;
  onProgress?: ((bytesRead: number, totalBytes: number | null, packets: number) => void) | undefined;
  /**
   * Write each ending flow's report entry to this file (openSpillFile,
   * FlowSpill) instead of keeping flows. Needed for flows 'findings': which
   * flows a finding names is known only at the end.
   */
  spillFd?: number | undefined;
}

/**
 * The analysis of one run: tracker, detectors and collectors, wired once.
 * analyze() runs one over the captures; each worker of a --jobs run feeds
 * one the packets of its shard (shard-worker.ts).
 */
export class CaptureRun {
  readonly detectors: Detector[];
  readonly counters = new AnalysisCounters();
  readonly collector: FlowCollector;
  readonly tracker: ConnectionTracker;
  readonly spill: FlowSpill | null;
  captures: CaptureSummary[] = [];

  constructor(private readonly opts: RunOptions) {
    this.detectors = createDetectors(opts.thresholds, opts.listing);
    this.spill = opts.spillFd !== undefined && opts.flows !== 'none' ? new FlowSpill(opts.spillFd) : null;
    this.collector = new FlowCollector(this.spill === null && opts.flows === 'all');
    this.tracker = new ConnectionTracker({
      timeWaitSeconds: opts.timeWaitSeconds,
      parkIdleSeconds: opts.parkIdleSeconds,
      listeners: [this.counters, ...trackingOrder(this.detectors), this.collector, ...(this.spill ? [this.spill] : []), ...(opts.listeners ?? [])],
    });
  }

  /** Tracks every TCP packet of the captures (single-threaded analyze()). */
  async read(paths: string[]): Promise<void> {
    const captures = await passTcpPackets(paths, { filter: this.opts.filter, detectors: this.detectors, onProgress: this.opts.onProgress }, this.tracker);
    this.finish(captures);
  }

  /** The captures are over: open flows end, and the report will describe these files. */
  finish(captures: CaptureSummary[]): void {
    this.tracker.finish();
    this.captures = captures;
    // Every flow has ended and the tracker's pages are let go: collected now, before the findings are built
    // on top of them, they do not set the peak (1005-1033 MB on the bench's 1M capture, 1099-1234 MB without).
    collectGarbage();
  }
}
