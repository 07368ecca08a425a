import { readCaptures, type CaptureFileInfo } from './capture/open.js';
import { decodePacket } from './decode/packet.js';
import { linkTypeName, isSupportedLinkType } from './decode/link-types.js';
import { createDetectors } from './detect/registry.js';
import { AnalysisCounters } from './detect/analysis-counters.js';
import { applyThresholds, DEFAULT_THRESHOLDS, type Thresholds } from './detect/thresholds.js';
import type { Detector } from './detect/detector.js';
import { DecodeStatus, newDecodedPacket, type DecodedPacket } from './model/decoded.js';
import type { CaptureSummary } from './model/capture.js';
import type { TrackerListener } from './model/events.js';
import { recordTime } from './model/packet.js';
import type { Report } from './model/report.js';
import { ConnectionTracker } from './tcp/tracker.js';
import { buildReport } from './build-report.js';
import { FlowCollector, type FlowsMode } from './flow-collector.js';

export interface AnalyzeOptions {
  /** Threshold overrides on top of DEFAULT_THRESHOLDS. */
  thresholds?: Partial<Thresholds>;
  /** 2·MSL: how long TIME_WAIT lasts in capture time (default 60 s, Linux). */
  timeWaitSeconds?: number;
  /** Progress of reading, in bytes (the total is null for stdin). */
  onProgress?: (bytesRead: number, totalBytes: number | null) => void;
  /** More listeners on the tracker (e.g. a timeline collector). */
  listeners?: TrackerListener[];
  /**
   * Keeps only the TCP packets it accepts (src/select/packet-filter.ts): called
   * once per decoded TCP packet before the tracker, so it must be cheap and
   * symmetric (accept both directions of a connection alike).
   */
  filter?: (packet: DecodedPacket) => boolean;
  /** Which connections `flows` lists (default all); the summary counts every one. */
  flows?: FlowsMode;
}

/**
 * The library API: reads the captures, tracks every connection and returns
 * the report of DESIGN.md §5. Throws CaptureFormatError / InputError for
 * input that cannot be read at all.
 */
export async function analyze(paths: string[], opts: AnalyzeOptions = {}): Promise<Report> {
  const thresholds = applyThresholds(DEFAULT_THRESHOLDS, opts.thresholds ?? {});
  const detectors: Detector[] = createDetectors(thresholds);
  const counters = new AnalysisCounters();
  const collector = new FlowCollector(opts.flows ?? 'all');
  const tracker = new ConnectionTracker({
    timeWaitSeconds: opts.timeWaitSeconds ?? thresholds.timeWaitSeconds,
    listeners: [counters, ...detectors, collector, ...(opts.listeners ?? [])],
  });
  const recordHooks = detectors.filter((d) => d.record !== undefined);

  const tcpPackets = new Array<number>(paths.length).fill(0);
  const unsupported = new Array<number>(paths.length).fill(0);
  const view = newDecodedPacket();
  const filter = opts.filter;
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
        tracker.packet(view, ts, frame);
      } else if (status === DecodeStatus.UNSUPPORTED_LINK) {
        unsupported[fileIndex]!++;
      }
      for (let i = 0; i < recordHooks.length; i++) recordHooks[i]!.record!(view, rec, frame, ts);
    },
    opts.onProgress ? { onProgress: opts.onProgress } : {},
  );
  tracker.finish();

  const captures = infos.map((info, i) => captureSummary(info, tcpPackets[i]!, unsupported[i]!));
  return buildReport(captures, collector, detectors, counters);
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
