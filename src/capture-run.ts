import { readCaptures, type CaptureFileInfo } from './capture/open.js';
import { decodePacket } from './decode/packet.js';
import { linkTypeName, isSupportedLinkType } from './decode/link-types.js';
import { AnalysisCounters } from './detect/analysis-counters.js';
import type { Detector } from './detect/detector.js';
import { createDetectors } from './detect/registry.js';
import type { Thresholds } from './detect/thresholds.js';
import { FlowCollector, type FlowsMode } from './flow-collector.js';
import { FlowSpill } from './flow-spill.js';
import { shardOf } from './flow/shard.js';
import type { CaptureSummary } from './model/capture.js';
import { DecodeStatus, newDecodedPacket, type DecodedPacket } from './model/decoded.js';
import type { TrackerListener } from './model/events.js';
import { recordTime } from './model/packet.js';
import { ConnectionTracker } from './tcp/tracker.js';

export interface RunOptions {
  thresholds: Thresholds;
  timeWaitSeconds: number;
  flows: FlowsMode;
  listeners?: TrackerListener[];
  filter?: ((packet: DecodedPacket) => boolean) | undefined;
  onProgress?: ((bytesRead: number, totalBytes: number | null, packets: number) => void) | undefined;
  /**
   * Track only the connections of this shard (--jobs): every packet is still
   * read and decoded, so frame numbers and capture time are the whole
   * capture's; other shards' packets only advance the tracker's clock.
   * Record hooks (capture-quality) run in shard 0 alone.
   */
  shard?: { index: number; count: number };
  /**
   * Write each ending flow's report entry to this file (openSpillFile,
   * FlowSpill) instead of keeping flows. Needed for flows 'findings': which
   * flows a finding names is known only at the end.
   */
  spillFd?: number | undefined;
}

/**
 * One pass over the captures: decoder, tracker, detectors and collectors,
 * wired once. analyze() runs one over every connection; each worker of a
 * --jobs run runs one over its shard.
 */
export class CaptureRun {
  readonly detectors: Detector[];
  readonly counters = new AnalysisCounters();
  readonly collector: FlowCollector;
  readonly tracker: ConnectionTracker;
  readonly spill: FlowSpill | null;
  captures: CaptureSummary[] = [];

  constructor(private readonly opts: RunOptions) {
    this.detectors = createDetectors(opts.thresholds);
    this.spill = opts.spillFd !== undefined && opts.flows !== 'none' ? new FlowSpill(opts.spillFd) : null;
    this.collector = new FlowCollector(this.spill === null && opts.flows === 'all');
    this.tracker = new ConnectionTracker({
      timeWaitSeconds: opts.timeWaitSeconds,
      listeners: [this.counters, ...this.detectors, this.collector, ...(this.spill ? [this.spill] : []), ...(opts.listeners ?? [])],
    });
  }

  async read(paths: string[]): Promise<void> {
    const tracker = this.tracker;
    const shard = this.opts.shard;
    const shards = shard?.count ?? 1;
    const mine = shard?.index ?? 0;
    const recordHooks = mine === 0 ? this.detectors.filter((d) => d.record !== undefined) : [];
    const tcpPackets = new Array<number>(paths.length).fill(0);
    const unsupported = new Array<number>(paths.length).fill(0);
    const view = newDecodedPacket();
    const filter = this.opts.filter;
    const onProgress = this.opts.onProgress;
    let frame = 0;

    const infos = await readCaptures(
      paths,
      (rec, fileIndex) => {
        frame++;
        const ts = recordTime(rec);
        const status = decodePacket(rec, view);
        if (status === DecodeStatus.TCP) {
          tcpPackets[fileIndex]!++;
          if (filter !== undefined && !filter(view)) return;
          if (shards === 1 || shardOf(view, shards) === mine) tracker.packet(view, ts, frame);
          else tracker.skip(ts);
        } else if (status === DecodeStatus.UNSUPPORTED_LINK) {
          unsupported[fileIndex]!++;
        }
        for (let i = 0; i < recordHooks.length; i++) recordHooks[i]!.record!(view, rec, frame, ts);
      },
      onProgress ? { onProgress: (bytes, total) => onProgress(bytes, total, frame) } : {},
    );
    tracker.finish();
    this.captures = infos.map((info, i) => captureSummary(info, tcpPackets[i]!, unsupported[i]!));
  }
}

function captureSummary(info: CaptureFileInfo, tcpPackets: number, unsupportedPackets: number): CaptureSummary {
  const warnings = [...info.warnings];
  const undecoded = info.linkTypes.filter((id) => !isSupportedLinkType(id));
  if (undecoded.length > 0 && unsupportedPackets > 0) {
    const names = undecoded.map((id) => `${linkTypeName(id)} (${id})`).join(', ');
    warnings.push({ offset: 0, message: `link type ${names} not decoded: ${unsupportedPackets} packets skipped` });
  }
  return {
    path: info.path,
    format: info.format,
    compressed: info.compressed,
    linkTypes: info.linkTypes.map((id) => ({ id, name: linkTypeName(id), supported: isSupportedLinkType(id) })),
    packets: info.packets,
    tcpPackets,
    truncatedPackets: info.truncatedPackets,
    unsupportedPackets,
    firstTs: info.firstTs,
    lastTs: info.lastTs,
    warnings,
  };
}
