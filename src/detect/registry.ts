import type { Listing } from '../model/report.js';
import { CaptureQualityDetector } from './capture-quality.js';
import { CloseWaitStuckDetector } from './close-wait-stuck.js';
import { ConnectionRefusedDetector } from './connection-refused.js';
import { ConnectionResetDetector } from './connection-reset.js';
import type { Detector } from './detector.js';
import { LIST_ALL, listingCap, type FindingCap } from './finding-cap.js';
import { FinWait1StuckDetector } from './fin-wait-1-stuck.js';
import { FinWait2OrphanedDetector } from './fin-wait-2-orphaned.js';
import { HalfOpenDetector } from './half-open.js';
import { KeepaliveDeadPeerDetector } from './keepalive-dead-peer.js';
import { LastAckStuckDetector } from './last-ack-stuck.js';
import { PortReuseTimeWaitDetector } from './port-reuse-time-wait.js';
import { RetransmissionStormDetector } from './retransmission-storm.js';
import { SynFloodDetector } from './syn-flood.js';
import { SynUnansweredDetector } from './syn-unanswered.js';
import type { Thresholds } from './thresholds.js';
import { TimeWaitPileupDetector } from './time-wait-pileup.js';
import { ZeroWindowStallDetector } from './zero-window-stall.js';

/**
 * Every detector of DESIGN.md §3, wired so that one cause gives one finding:
 * a flooded service is one syn-flood, not thousands of half-open or refused
 * attempts; a peer that vanished is one half-open or keepalive-dead-peer, not
 * also a reset, a stuck FIN or a retransmission storm; a socket stuck in
 * CLOSE_WAIT is one close-wait-stuck, not also its peer's FIN_WAIT_2.
 *
 * Per-connection links go through Flow.explained, which a detector sets by
 * its flowEnd at the latest: the tracker calls the detectors that set it
 * first (trackingOrder), so the others read it final when the same
 * connection ends for them and can write their findings then. Links across
 * connections (a flooded service) are queried in findings(), after every
 * flow has ended. The list is in catalogue order (finding-ids.ts).
 */
export function createDetectors(t: Thresholds, listing: Listing = LIST_ALL): Detector[] {
  // Per-connection detectors write their findings into a cap of their own as connections end.
  const cap = (): FindingCap => listingCap(listing);
  const synFlood = new SynFloodDetector(t);
  const halfOpen = new HalfOpenDetector(t, cap());
  const keepalive = new KeepaliveDeadPeerDetector(t, cap());
  const refused = new ConnectionRefusedDetector();
  const unanswered = new SynUnansweredDetector();
  const closeWait = new CloseWaitStuckDetector(t, cap());
  const finWait2 = new FinWait2OrphanedDetector(t, cap());

  const flooded = (ip: string, port: number): boolean => synFlood.isFlooded(ip, port);
  halfOpen.excludedService = flooded;
  refused.excludedService = flooded;
  unanswered.excludedService = flooded;
  finWait2.excluded = (flow, lastTs) => closeWait.reports(flow, lastTs);

  return [
    closeWait,
    finWait2,
    new FinWait1StuckDetector(t, cap()),
    new LastAckStuckDetector(t, cap()),
    synFlood,
    halfOpen,
    unanswered,
    refused,
    new ConnectionResetDetector(cap()),
    new TimeWaitPileupDetector(t),
    new PortReuseTimeWaitDetector(t, cap()),
    new ZeroWindowStallDetector(t, cap()),
    new RetransmissionStormDetector(t, cap()),
    keepalive,
    new CaptureQualityDetector(),
  ];
}

/** The order the tracker calls the detectors in: those that set Flow.explained first, the others in the order given. */
export function trackingOrder(detectors: readonly Detector[]): Detector[] {
  return [...detectors.filter((d) => d.explains === true), ...detectors.filter((d) => d.explains !== true)];
}
