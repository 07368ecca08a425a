import { readCaptures, type CaptureFileInfo } from './capture/open.js';
import { decodePacket } from './decode/packet.js';
import { linkTypeName, isSupportedLinkType } from './decode/link-types.js';
import type { Detector } from './detect/detector.js';
import type { CaptureSummary } from './model/capture.js';
import { DecodeStatus, newDecodedPacket, type DecodedPacket } from './model/decoded.js';
import { recordTime } from './model/packet.js';

/** Where a pass hands each TCP packet: the tracker itself, or the --jobs dispatcher. */
export interface TcpSink {
  packet(p: DecodedPacket, ts: number, frame: number): void;
}

export interface PassOptions {
  /** Keeps only the TCP packets it accepts (a selection); the others reach neither the sink nor the record hooks. */
  filter?: ((packet: DecodedPacket) => boolean) | undefined;
  /** The run's detectors: those with a record hook (Detector.record) see every record. */
  detectors: readonly Detector[];
  onProgress?: ((bytesRead: number, totalBytes: number | null, packets: number) => void) | undefined;
  /** Called between two chunks of input; reading waits for the promise it returns (the --jobs dispatcher's backpressure). */
  pace?: (() => Promise<void> | undefined) | undefined;
}

/**
 * One pass over the captures: numbers the frames, decodes every record once,
 * counts TCP and undecodable packets per file, and hands each TCP packet to
 * the sink with its time and frame number. Returns each file's summary.
 */
export async function passTcpPackets(paths: string[], opts: PassOptions, sink: TcpSink): Promise<CaptureSummary[]> {
  const recordHooks = opts.detectors.filter((d) => d.record !== undefined);
  const tcpPackets = new Array<number>(paths.length).fill(0);
  const unsupported = new Array<number>(paths.length).fill(0);
  const view = newDecodedPacket();
  const filter = opts.filter;
  const onProgress = opts.onProgress;
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
        sink.packet(view, ts, frame);
      } else if (status === DecodeStatus.UNSUPPORTED_LINK) {
        unsupported[fileIndex]!++;
      }
      for (let i = 0; i < recordHooks.length; i++) recordHooks[i]!.record!(view, rec, frame, ts);
    },
    {
      ...(onProgress ? { onProgress: (bytes: number, total: number | null) => onProgress(bytes, total, frame) } : {}),
      ...(opts.pace ? { pace: opts.pace } : {}),
    },
  );
  return infos.map((info, i) => captureSummary(info, tcpPackets[i]!, unsupported[i]!));
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
