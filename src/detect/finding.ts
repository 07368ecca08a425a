import type { EndpointRef, Finding } from '../model/report.js';
import { framesFilter } from './wireshark-filter.js';

/** Evidence kept per finding: enough to open the packets in Wireshark, bounded for huge captures. */
export const MAX_EVIDENCE_FRAMES = 64;

/** What a detector fills in; makeFinding derives the rest. */
export type FindingDraft = Omit<Finding, 'frames' | 'wiresharkFilter' | 'service' | 'details'> & {
  /** Evidence in any order, duplicates and zeros (no such frame) allowed. */
  frames: readonly number[];
  service?: EndpointRef | undefined;
  details?: Finding['details'] | undefined;
};

/** A Finding with its frames sorted, deduplicated, bounded, and the matching display filter. */
export function makeFinding(d: FindingDraft): Finding {
  const frames = [...new Set(d.frames)].filter((f) => f > 0).sort((a, b) => a - b).slice(0, MAX_EVIDENCE_FRAMES);
  const f: Finding = {
    id: d.id,
    severity: d.severity,
    message: flat(d.message),
    endpoint: { ip: d.endpoint.ip, port: d.endpoint.port },
    flowIds: [...new Set(d.flowIds)].sort((a, b) => a - b),
    since: d.since,
    // Microseconds: what a capture can resolve; avoids 94.00000000001 in reports.
    duration: Math.max(0, Math.round(d.duration * 1e6) / 1e6),
    censored: d.censored,
    frames,
    wiresharkFilter: flat(framesFilter(frames)),
  };
  if (d.service !== undefined) f.service = { ip: d.service.ip, port: d.service.port };
  if (d.details !== undefined) f.details = d.details;
  return f;
}

/**
 * The string as one flat sequence of characters. A message built from
 * template pieces is a tree of V8 cons strings (about 450 bytes for a
 * 170-character message, against 250 flat), and a report keeps up to
 * --max-findings findings of every kind until it is written.
 */
function flat(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

export function ref(e: EndpointRef): EndpointRef {
  return { ip: e.ip, port: e.port };
}

/** The service a connection belongs to: its server's ip:port. */
export function serviceOf(flow: { server: EndpointRef }): EndpointRef {
  return ref(flow.server);
}

/** Appends a frame to bounded evidence (keeps the first ones: they show how it began). */
export function addFrame(frames: number[], frame: number): void {
  if (frames.length < MAX_EVIDENCE_FRAMES) frames.push(frame);
}

/** Deterministic order inside one detector: by start, then first flow, then endpoint. */
export function byStart(a: Finding, b: Finding): number {
  return (
    a.since - b.since ||
    (a.flowIds[0] ?? 0) - (b.flowIds[0] ?? 0) ||
    a.endpoint.ip.localeCompare(b.endpoint.ip) ||
    a.endpoint.port - b.endpoint.port
  );
}
