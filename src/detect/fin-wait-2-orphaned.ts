import { TcpFlag } from '../model/decoded.js';
import { Analysis, stateBit, type SegmentEvent } from '../model/events.js';
import type { Finding } from '../model/report.js';
import type { Flow } from '../model/flow.js';
import { TcpState } from '../model/tcp-state.js';
import type { Detector } from './detector.js';
import type { FindingCap } from './finding-cap.js';
import { INFO_MIN_SECONDS } from './episode.js';
import { makeFinding, ref, serviceOf } from './finding.js';
import { peerOf, sideOf } from './side.js';
import { StateEpisodes, type StateEpisode } from './state-episodes.js';
import { duration, hostPort } from './text.js';
import type { Thresholds } from './thresholds.js';

const FW2 = TcpState.FIN_WAIT_2;
const NOT_APP_DATA = Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION | Analysis.KEEP_ALIVE;

/** `client` is the side in FIN_WAIT_2 (the active closer). */
interface Episode extends StateEpisode {
  enterFrame: number;
  enterTs: number;
  /** Start of the final quiet stretch of the peer: entry, or the peer's last data. */
  quietSince: number;
  peerLastDataFrame: number;
  peerFinFrame: number;
  peerFinTs: number;
  endFrame: number;
  /** how: 'closed' (peer FIN acked), 'orphan-rst' (late FIN answered by RST), 'rst', 'peer RST', 'end', 'evicted'. */
}

/**
 * fin-wait-2-orphaned: the active closer's FIN was acked and the peer does
 * not close for ≥ finWait2Seconds; or the peer's FIN finally arrives and is
 * answered by RST — the closer's kernel had already dropped the orphaned
 * socket (Linux tcp_fin_timeout), whatever the duration.
 */
export class FinWait2OrphanedDetector extends StateEpisodes<Episode> implements Detector {
  readonly id = 'fin-wait-2-orphaned';
  readonly states = stateBit(FW2);

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
      enterFrame: ev.frame,
      enterTs: ev.ts,
      quietSince: ev.ts,
      peerLastDataFrame: 0,
      peerFinFrame: 0,
      peerFinTs: 0,
      endTs: 0,
      endFrame: 0,
      how: '',
    };
  }

  protected update(ep: Episode, ev: SegmentEvent): void {
    const fromSide = ev.fromClient === ep.client;
    if (!fromSide) {
      if (ev.flags & TcpFlag.FIN && ep.peerFinFrame === 0) {
        ep.peerFinFrame = ev.frame;
        ep.peerFinTs = ev.ts;
      } else if (ev.payloadLen > 0 && (ev.analysis & NOT_APP_DATA) === 0 && ep.peerFinFrame === 0) {
        ep.quietSince = ev.ts;
        ep.peerLastDataFrame = ev.frame;
      }
    }
    const after = ep.client ? ev.clientAfter : ev.serverAfter;
    if (after === FW2) return;
    ep.endTs = ev.ts;
    ep.endFrame = ev.frame;
    if (!fromSide) ep.how = ev.flags & TcpFlag.RST ? 'peer RST' : 'closed';
    else if (ev.flags & TcpFlag.RST) ep.how = ep.peerFinFrame > 0 ? 'orphan-rst' : 'rst';
    else ep.how = 'closed';
    this.end(ep);
  }

  /** A RST from the closer for data (not a FIN) is connection-reset's, never reported here. */
  protected override keepIfReportable(ep: Episode): void {
    if (ep.how !== 'rst') super.keepIfReportable(ep);
  }

  /** findings()' test for a peer that closed in time; the quiet stretch ends at the peer's FIN if it came. */
  protected leftOut(ep: Episode, endTs: number): boolean {
    if (ep.endTs >= 0 && ep.peerFinFrame > 0) endTs = ep.peerFinTs;
    const censored = ep.how === 'end' || ep.how === 'evicted';
    const quiet = endTs - ep.quietSince;
    return ep.how !== 'orphan-rst' && quiet < this.t.finWait2Seconds && (!censored || quiet < INFO_MIN_SECONDS);
  }

  /** Connections another detector already reports for the same cause (wired in registry.ts). */
  excluded: (flow: Flow, lastTs: number) => boolean = () => false;

  protected finding(ep: Episode, lastTs: number): Finding | null {
    const T = this.t.finWait2Seconds;
    const censored = ep.how === 'end' || ep.how === 'evicted';
    const endTs = ep.endTs < 0 ? lastTs : ep.peerFinFrame > 0 ? ep.peerFinTs : ep.endTs;
    const quiet = endTs - ep.quietSince;
    const orphanRst = ep.how === 'orphan-rst';
    if (!orphanRst && quiet < T && (!censored || quiet < INFO_MIN_SECONDS)) return null;
    // The peer stuck in CLOSE_WAIT is the same story told from its side; a late FIN answered by RST is news.
    if (!orphanRst && this.excluded(ep.flow, lastTs)) return null;
    const closer = sideOf(ep.flow, ep.client);
    const other = peerOf(ep.flow, ep.client);
    const c = hostPort(closer.ip, closer.port);
    const p = hostPort(other.ip, other.port);
    const head = `${c} closed first (FIN acked at frame ${ep.enterFrame})`;
    let message: string;
    if (orphanRst) {
      message =
        `${head}; ${p} sent its FIN only ${duration(quiet)} later (frame ${ep.peerFinFrame}) and ${c} answered with RST ` +
        `(frame ${ep.endFrame}): ${c}'s kernel had already dropped the orphaned FIN_WAIT_2 socket (Linux tcp_fin_timeout); ` +
        `the application on ${p} closes its sockets too late.`;
    } else if (quiet < T) {
      message =
        `${head} and the capture ended ${duration(quiet)} later with ${p} not yet closed: ` +
        `too short to call it orphaned (threshold ${duration(T)}).`;
    } else if (censored) {
      const until = ep.how === 'end' ? 'until the capture ended' : 'until tcpstate stopped tracking the connection';
      message =
        `${head}; ${p} sent no FIN for ${duration(quiet)} ${until}: its application keeps the socket open, ` +
        `and ${c}'s kernel drops its orphaned FIN_WAIT_2 socket after tcp_fin_timeout.`;
    } else {
      const end = ep.how === 'peer RST' ? `reset the connection at frame ${ep.endFrame}` : `sent its FIN only at frame ${ep.peerFinFrame}`;
      message = `${head}; ${p} ${end}, ${duration(quiet)} later: its application closes the socket late.`;
    }
    return makeFinding({
      id: this.id,
      severity: orphanRst || quiet >= T ? 'warning' : 'info',
      message,
      endpoint: ref(other),
      flowIds: [ep.flow.id],
      since: ep.quietSince,
      duration: quiet,
      censored,
      frames: [ep.enterFrame, ep.peerLastDataFrame, ep.peerFinFrame, ep.endFrame],
      service: serviceOf(ep.flow),
      details: { state: 'FIN_WAIT_2', closer: c, ended: ep.how, thresholdSeconds: T },
    });
  }
}
