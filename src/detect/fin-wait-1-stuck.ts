import { TcpFlag } from '../model/decoded.js';
import { Explained, explained, stateBit, type SegmentEvent } from '../model/events.js';
import type { Finding } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { Detector } from './detector.js';
import type { FindingCap } from './finding-cap.js';
import { INFO_MIN_SECONDS } from './episode.js';
import { MAX_EVIDENCE_FRAMES, makeFinding, ref, serviceOf } from './finding.js';
import { peerOf, sideOf } from './side.js';
import { StateEpisodes, type StateEpisode } from './state-episodes.js';
import { duration, hostPort, plural } from './text.js';
import type { Thresholds } from './thresholds.js';

const FW1 = TcpState.FIN_WAIT_1;
const CLOSING = TcpState.CLOSING;

interface Episode extends StateEpisode {
  finFrame: number;
  finTs: number;
  retransmissions: number;
  /** Frames of the FIN's retransmissions, null until the first: most FINs are acked without one. */
  retransmitted: number[] | null;
  /** Packets the peer sent while the FIN was outstanding: it is alive but does not ack. */
  peerPackets: number;
  endFrame: number;
  /** how: 'acked', 'rst', 'end', 'evicted'. */
}

/** Unacked FIN: this side is in FIN_WAIT_1 (or CLOSING, the same wait after a crossing FIN). */
function waiting(s: number): boolean {
  return s === FW1 || s === CLOSING;
}

/**
 * fin-wait-1-stuck: a FIN retransmitted ≥ finWait1Retransmissions times, or
 * left unacked ≥ finWait1Seconds, without the peer acknowledging it.
 */
export class FinWait1StuckDetector extends StateEpisodes<Episode> implements Detector {
  readonly id = 'fin-wait-1-stuck';
  readonly states = stateBit(FW1) | stateBit(CLOSING);
  constructor(
    private readonly t: Thresholds,
    cap?: FindingCap,
  ) {
    super(cap);
  }

  protected begin(ev: SegmentEvent, client: boolean): Episode {
    return {
      flow: ev.flow,
      client,
      finFrame: ev.frame,
      finTs: ev.ts,
      retransmissions: 0,
      retransmitted: null,
      peerPackets: 0,
      endTs: 0,
      endFrame: 0,
      how: '',
    };
  }

  protected update(ep: Episode, ev: SegmentEvent): void {
    const fromSide = ev.fromClient === ep.client;
    if (fromSide && ev.flags & TcpFlag.FIN) {
      ep.retransmissions++;
      // Bounded as addFrame would bound [finFrame, ...retransmitted].
      ep.retransmitted ??= [];
      if (ep.retransmitted.length < MAX_EVIDENCE_FRAMES - 1) ep.retransmitted.push(ev.frame);
    } else if (!fromSide) {
      ep.peerPackets++;
    }
    const after = ep.client ? ev.clientAfter : ev.serverAfter;
    if (waiting(after)) return;
    ep.endTs = ev.ts;
    ep.endFrame = ev.frame;
    ep.how = ev.flags & TcpFlag.RST ? 'rst' : 'acked';
    this.end(ep);
  }

  /** findings()' test for a FIN acked in time, given where the episode ended. */
  protected leftOut(ep: Episode, endTs: number): boolean {
    const censored = ep.how === 'end' || ep.how === 'evicted';
    const waited = endTs - ep.finTs;
    const stuck = ep.retransmissions >= this.t.finWait1Retransmissions || waited >= this.t.finWait1Seconds;
    return !stuck && (!censored || waited < INFO_MIN_SECONDS);
  }

  protected finding(ep: Episode, lastTs: number): Finding | null {
    const N = this.t.finWait1Retransmissions;
    const T = this.t.finWait1Seconds;
    const peer = peerOf(ep.flow, ep.client);
    // Nothing ever seen from the peer: a one-sided capture, not a stuck FIN.
    if (peer.packets === 0) return null;
    // A peer that vanished is half-open's story.
    if (explained(ep.flow, Explained.GAVE_UP_ON_PEER, ep.client)) return null;
    const censored = ep.how === 'end' || ep.how === 'evicted';
    const endTs = ep.endTs < 0 ? lastTs : ep.endTs;
    const waited = endTs - ep.finTs;
    const stuck = ep.retransmissions >= N || waited >= T;
    if (!stuck && (!censored || waited < INFO_MIN_SECONDS)) return null;
    const side = sideOf(ep.flow, ep.client);
    const me = hostPort(side.ip, side.port);
    const p = hostPort(peer.ip, peer.port);
    const head = `${me} sent its FIN at frame ${ep.finFrame}` + (ep.retransmissions > 0 ? ` and retransmitted it ${plural(ep.retransmissions, 'time')}` : '');
    let message: string;
    if (!stuck) {
      message = `${head}; the capture ended ${duration(waited)} later before ${p} acknowledged it: too short to call it stuck (threshold ${plural(N, 'retransmission')} or ${duration(T)}).`;
    } else if (censored) {
      const alive = ep.peerPackets > 0 ? `${p} kept sending (${plural(ep.peerPackets, 'packet')}) without acknowledging it` : `${p} never acknowledged it`;
      message = `${head}; ${alive} for ${duration(waited)}: the FIN is lost on the way or ${p} no longer processes the connection (dead host, full receive window).`;
    } else if (ep.how === 'rst') {
      message = `${head}; it was not acknowledged for ${duration(waited)} until the connection was reset at frame ${ep.endFrame}: ${p} did not get or accept the FIN.`;
    } else {
      message = `${head}; ${p} acknowledged it only ${duration(waited)} later (frame ${ep.endFrame}): FINs or their ACKs are being lost on this path.`;
    }
    return makeFinding({
      id: this.id,
      severity: stuck ? 'warning' : 'info',
      message,
      endpoint: ref(side),
      flowIds: [ep.flow.id],
      since: ep.finTs,
      duration: waited,
      censored,
      frames: [ep.finFrame, ...(ep.retransmitted ?? []), ep.endFrame],
      service: serviceOf(ep.flow),
      details: { state: 'FIN_WAIT_1', finRetransmissions: ep.retransmissions, ended: ep.how },
    });
  }
}
