import { Analysis, Explained, explain, explained, stateBit, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import { ByFlowId } from './by-flow-id.js';
import type { Detector } from './detector.js';
import type { FindingCap } from './finding-cap.js';
import { makeFinding, ref, serviceOf } from './finding.js';
import { INFO_MIN_SECONDS, lastTransitionTo } from './episode.js';
import { peerOf, role, sideOf } from './side.js';
import { StateEpisodes, type StateEpisode } from './state-episodes.js';
import { duration, hostPort } from './text.js';
import type { Thresholds } from './thresholds.js';

const CW = TcpState.CLOSE_WAIT;
// Old data resent or a keep-alive is the kernel's doing, not the application writing.
const NOT_APP_DATA = Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION | Analysis.KEEP_ALIVE;

interface Episode extends StateEpisode {
  enterFrame: number;
  peerFinFrame: number;
  /** Start of the final quiet stretch: entry, or the last data this side wrote. */
  quietSince: number;
  lastDataFrame: number;
  endFrame: number;
  /** 'FIN' | 'RST' | 'peer RST' when resolved; 'end' at capture end; 'evicted' when dropped from the table. */
}

/**
 * close-wait-stuck: the peer's FIN was acked (this side is in CLOSE_WAIT) and
 * this side then sends neither data nor its own FIN for ≥ closeWaitSeconds:
 * the application read EOF and never called close().
 */
export class CloseWaitStuckDetector extends StateEpisodes<Episode> implements Detector {
  readonly id = 'close-wait-stuck';
  readonly states = stateBit(CW);
  private readonly atEndByFlow = new ByFlowId(this.pending.atEnd);

  constructor(
    private readonly t: Thresholds,
    cap?: FindingCap,
  ) {
    super(cap);
  }

  protected begin(ev: SegmentEvent, client: boolean): Episode {
    const peer = peerOf(ev.flow, client);
    return {
      flow: ev.flow,
      client,
      enterFrame: ev.frame,
      peerFinFrame: lastTransitionTo(peer, TcpState.FIN_WAIT_1)?.frame ?? 0,
      quietSince: ev.ts,
      lastDataFrame: 0,
      endTs: 0,
      endFrame: 0,
      how: '',
    };
  }

  protected update(ep: Episode, ev: SegmentEvent): void {
    const after = ep.client ? ev.clientAfter : ev.serverAfter;
    const fromSide = ev.fromClient === ep.client;
    if (after !== CW) {
      ep.endTs = ev.ts;
      ep.endFrame = ev.frame;
      ep.how = !fromSide ? 'peer RST' : after === TcpState.LAST_ACK ? 'FIN' : 'RST';
      this.end(ep);
    } else if (fromSide && ev.payloadLen > 0 && (ev.analysis & NOT_APP_DATA) === 0) {
      ep.quietSince = ev.ts;
      ep.lastDataFrame = ev.frame;
    }
  }

  protected leftOut(ep: Episode, endTs: number): boolean {
    const censored = ep.how === 'end' || ep.how === 'evicted';
    const quiet = endTs - ep.quietSince;
    return quiet < this.t.closeWaitSeconds && (!censored || quiet < INFO_MIN_SECONDS);
  }

  protected override reported(ep: Episode): void {
    explain(ep.flow, Explained.CLOSE_WAIT_REPORTED, ep.client);
  }

  /** Whether a side of this connection is reported here (so the peer's FIN_WAIT_2 is the same story). */
  reports(flow: Flow, lastTs: number): boolean {
    if (explained(flow, Explained.CLOSE_WAIT_REPORTED, true) || explained(flow, Explained.CLOSE_WAIT_REPORTED, false)) return true;
    return this.atEndByFlow.some(flow.id, (ep) => !this.leftOut(ep, lastTs));
  }

  protected finding(ep: Episode, lastTs: number): Finding | null {
    const T = this.t.closeWaitSeconds;
    const censored = ep.how === 'end' || ep.how === 'evicted';
    const endTs = ep.endTs < 0 ? lastTs : ep.endTs;
    const quiet = endTs - ep.quietSince;
    if (this.leftOut(ep, endTs)) return null;
    const side = sideOf(ep.flow, ep.client);
    const me = hostPort(side.ip, side.port);
    const ack = `${me} acknowledged the ${role(!ep.client)}'s FIN at frame ${ep.enterFrame}`;
    const wrote = ep.lastDataFrame > 0 ? `, wrote its last data at frame ${ep.lastDataFrame}` : '';
    let message: string;
    if (quiet < T) {
      message =
        `${ack}${wrote} and the capture ended ${duration(quiet)} later with the socket still in CLOSE_WAIT: ` +
        `too short to tell a leak from a slow close (threshold ${duration(T)}).`;
    } else if (censored) {
      const until = ep.how === 'end' ? 'until the capture ended' : 'until tcpstate stopped tracking the connection';
      message = `${ack}${wrote} and sent nothing for ${duration(quiet)} ${until}: the application has not called close() on this socket.`;
    } else if (ep.how === 'FIN') {
      message = `${ack}${wrote} and sent nothing for ${duration(quiet)} before its FIN at frame ${ep.endFrame}: the application calls close() late.`;
    } else if (ep.how === 'RST') {
      message = `${ack}${wrote} and sent nothing for ${duration(quiet)}, then reset the connection at frame ${ep.endFrame}: the application left the socket open, then aborted it.`;
    } else {
      message = `${ack}${wrote} and sent nothing for ${duration(quiet)} until the ${role(!ep.client)} reset the connection at frame ${ep.endFrame}: the application never called close().`;
    }
    return makeFinding({
      id: this.id,
      severity: quiet < T ? 'info' : 'error',
      message,
      endpoint: ref(side),
      flowIds: [ep.flow.id],
      since: ep.quietSince,
      duration: quiet,
      censored,
      frames: [ep.peerFinFrame, ep.enterFrame, ep.lastDataFrame, ep.endFrame],
      service: serviceOf(ep.flow),
      details: { state: 'CLOSE_WAIT', ended: ep.how, thresholdSeconds: T },
    });
  }
}
