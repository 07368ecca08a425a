import { CaptureQualityDetector } from './capture-quality.js';
import { CloseWaitStuckDetector } from './close-wait-stuck.js';
import { ConnectionRefusedDetector } from './connection-refused.js';
import { ConnectionResetDetector } from './connection-reset.js';
import type { Detector } from './detector.js';
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
 * CLOSE_WAIT is one close-wait-stuck, not also its peer's FIN_WAIT_2. The links are queried
 * only in findings(), after every flow has ended.
 */
export function createDetectors(t: Thresholds): Detector[] {
  const synFlood = new SynFloodDetector(t);
  const halfOpen = new HalfOpenDetector(t);
  const keepalive = new KeepaliveDeadPeerDetector(t);
  const refused = new ConnectionRefusedDetector();
  const unanswered = new SynUnansweredDetector();
  const reset = new ConnectionResetDetector();
  const finWait1 = new FinWait1StuckDetector(t);
  const storm = new RetransmissionStormDetector(t);
  const closeWait = new CloseWaitStuckDetector(t);
  const finWait2 = new FinWait2OrphanedDetector(t);

  const flooded = (ip: string, port: number): boolean => synFlood.isFlooded(ip, port);
  halfOpen.excludedService = flooded;
  refused.excludedService = flooded;
  unanswered.excludedService = flooded;
  reset.claimed = (flowId, client) => keepalive.claimsReset(flowId, client) || halfOpen.claimsReset(flowId, client);
  finWait1.excluded = (flowId, client) => halfOpen.peerVanished(flowId, client);
  storm.excluded = (flowId, client) => halfOpen.peerVanished(flowId, client);
  finWait2.excluded = (flowId, lastTs) => closeWait.reports(flowId, lastTs);

  return [
    closeWait,
    finWait2,
    finWait1,
    new LastAckStuckDetector(t),
    synFlood,
    halfOpen,
    unanswered,
    refused,
    reset,
    new TimeWaitPileupDetector(t),
    new PortReuseTimeWaitDetector(t),
    new ZeroWindowStallDetector(t),
    storm,
    keepalive,
    new CaptureQualityDetector(),
  ];
}
