import type { CaptureSummary } from '../model/capture.js';
import type { DecodedPacket } from '../model/decoded.js';
import type { TrackerListener } from '../model/events.js';
import type { PacketRecord } from '../model/packet.js';
import type { Finding, OmittedFindings } from '../model/report.js';

/** What a detector may need to know about the whole run when it writes its findings. */
export interface FindingContext {
  /** Timestamp of the first and last record of all captures (epoch seconds). */
  lastTs: number;
  firstTs: number;
  captures: CaptureSummary[];
}

/**
 * One finding's detector: fed by the tracker's events (and, for capture
 * quality, by every record), it keeps only aggregates, never per-packet
 * objects, and writes its findings once the tracker has finished.
 *
 * Hot path: most packets are plain data or ACKs. The tracker computes one
 * mask per segment (Interest: SYN, FIN, RST, state change, zero window, data,
 * plus the Analysis bits) and calls segment() only when it meets the
 * detector's `interest`, when either side was in one of its `states` before
 * the segment or entered one of its `enters` on it, or when the flow carries
 * its `watchBit` (watchFlow while the detector has notes on that flow,
 * unwatchFlow when they go). These are filters only: segment() must do
 * nothing on any other segment, so tests may feed every segment. Memory
 * follows the open connections and the findings listed: at flowEnd a note
 * becomes its finding (PendingFindings, capped per kind) or is dropped, unless
 * its finding depends on when the capture ended; no key string is built per
 * connection.
 */
export interface Detector extends TrackerListener {
  /** The finding id this detector reports. */
  readonly id: string;
  /** It sets Flow.explained: the tracker calls it before the detectors that read it (registry.ts trackingOrder). */
  readonly explains?: boolean;
  /** Optional: every record, TCP or not, after decoding (only capture-quality needs it; keep it cheap). */
  record?(p: DecodedPacket, rec: PacketRecord, frame: number, ts: number): void;
  /** After the tracker's finish(): this detector's findings, in a deterministic order. */
  findings(ctx: FindingContext): Finding[];
  /**
   * What findings() leaves out of a capped list (PendingFindings): the
   * report counts them. Absent: findings() returns every finding.
   */
  omitted?(): OmittedFindings;
}

/**
 * A detector whose findings span connections (per destination, per server, per
 * capture). In a sharded run (--jobs) each worker tracks a share of the
 * connections and sends shardState(); the main thread absorb()s every shard's
 * state into its own detector (which saw every record() there), whose
 * findings() then cover the whole capture exactly as one detector fed every
 * connection would. Detectors without these methods see whole connections
 * in one shard and write their findings there.
 */
export interface ShardedDetector<S = unknown> extends Detector {
  /** This shard's state as plain data (structured-clone safe), flow ids passed through `globalId`. */
  shardState(globalId: (localId: number) => number): S;
  absorb(states: readonly S[]): void;
  /** The per-connection findings a shard still writes itself (local flow ids); none if absent. */
  shardFindings?(ctx: FindingContext): Finding[];
}

export function isSharded(d: Detector): d is ShardedDetector {
  return 'absorb' in d && 'shardState' in d;
}
