import { Analysis, keepFlow, stateBit, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding, OmittedFindings } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { Detector, FindingContext } from './detector.js';
import { everIn, reachedByFlow } from './episode.js';
import type { FindingCap } from './finding-cap.js';
import { byStart, makeFinding, ref, serviceOf } from './finding.js';
import { FlowMap } from './flow-map.js';
import { PendingFindings } from './pending-findings.js';
import { sideOf } from './side.js';
import { duration, hostPort } from './text.js';
import type { Thresholds } from './thresholds.js';
import { TimeWaitTable, tupleHash, type TimeWait } from './time-wait-table.js';

const TIME_WAIT_BIT = stateBit(TcpState.TIME_WAIT);

interface Reuse {
  prev: TimeWait | null;
  flow: Flow;
}

/**
 * port-reuse-time-wait: a new SYN on a 4-tuple whose previous connection is
 * still in TIME_WAIT on one side (less than 2·MSL after it began).
 */
export class PortReuseTimeWaitDetector implements Detector {
  readonly id = 'port-reuse-time-wait';
  readonly marksKept = true;
  readonly interest = Analysis.REUSED_PORTS;
  readonly enters = TIME_WAIT_BIT;
  /**
   * One TIME_WAIT entry per 4-tuple: a flow's own entry, if any, is its
   * tuple's entry (no second map by flow: entries live for 2·MSL).
   */
  private readonly timeWaits = new TimeWaitTable();
  /** By the connection that reused the tuple, until it ends: its finding is written then. */
  private readonly reuses = new FlowMap<Reuse>();
  private readonly written: PendingFindings<Reuse>;

  constructor(
    private readonly t: Thresholds,
    cap?: FindingCap,
  ) {
    this.written = new PendingFindings((r) => this.finding(r), cap);
  }

  segment(ev: SegmentEvent): void {
    if (ev.clientAfter === TcpState.TIME_WAIT && ev.clientBefore !== TcpState.TIME_WAIT) this.enter(ev, true);
    else if (ev.serverAfter === TcpState.TIME_WAIT && ev.serverBefore !== TcpState.TIME_WAIT) this.enter(ev, false);
    if (ev.analysis & Analysis.REUSED_PORTS && !this.reuses.has(ev.flow)) {
      // The tracker saw the reuse but no TIME_WAIT entry of ours matched (e.g. it began before a flip).
      keepFlow(ev.flow);
      this.reuses.set(ev.flow, { prev: null, flow: ev.flow });
    }
  }

  private enter(ev: SegmentEvent, client: boolean): void {
    const flow = ev.flow;
    const hash = tupleHash(flow);
    const old = this.timeWaits.size > 0 ? this.timeWaits.find(flow, hash) : -1;
    if (old >= 0) this.timeWaits.remove(old);
    this.timeWaits.add(flow, client, ev.ts, ev.frame, hash);
  }

  flowStart(flow: Flow): void {
    if (this.timeWaits.size === 0) return;
    const i = this.timeWaits.find(flow, tupleHash(flow));
    if (i < 0 || this.timeWaits.flowAt(i) === flow) return;
    const tw = this.timeWaits.entry(i);
    this.timeWaits.remove(i);
    if (flow.firstTs - tw.ts >= this.t.timeWaitSeconds) return;
    keepFlow(flow);
    keepFlow(tw.flow);
    this.reuses.set(flow, { prev: tw, flow });
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    const r = this.reuses.size > 0 ? this.reuses.get(flow) : undefined;
    if (r !== undefined) {
      // Nothing about it depends on the capture's end.
      this.reuses.delete(flow);
      this.written.settle(r);
    }
    // Only a flow that entered TIME_WAIT has an entry of its own.
    if (this.timeWaits.size === 0 || (reachedByFlow(flow) & TIME_WAIT_BIT) === 0) return;
    const i = this.timeWaits.find(flow, tupleHash(flow));
    if (i < 0 || this.timeWaits.flowAt(i) !== flow) return;
    // A flow ended while still in TIME_WAIT is being replaced by a new SYN: keep it for flowStart.
    if (atCaptureEnd || sideOf(flow, this.timeWaits.clientAt(i)).state !== TcpState.TIME_WAIT) this.timeWaits.remove(i);
  }

  findings(_ctx: FindingContext): Finding[] {
    return this.written.findings(NaN).sort(byStart);
  }

  omitted(): OmittedFindings {
    return this.written.omitted();
  }

  private finding(r: Reuse): Finding {
    const flow = r.flow;
    const c = hostPort(flow.client.ip, flow.client.port);
    const s = hostPort(flow.server.ip, flow.server.port);
    const completed = everIn(flow.server, TcpState.ESTABLISHED);
    const outcome = completed
      ? flow.client.syns > 1
        ? 'the handshake completed only after SYN retransmissions'
        : 'the handshake completed (the TIME_WAIT side accepted the higher sequence number)'
      : 'the handshake did not complete';
    let head: string;
    let since = flow.firstTs;
    const frames = [flow.firstFrame];
    if (r.prev !== null) {
      const tw = sideOf(r.prev.flow, r.prev.client);
      head =
        `${c} opened a new connection to ${s} at frame ${flow.firstFrame}, ${duration(flow.firstTs - r.prev.ts)} after the previous connection ` +
        `on the same ports (from frame ${r.prev.flow.firstFrame}) put ${hostPort(tw.ip, tw.port)} in TIME_WAIT (frame ${r.prev.frame})`;
      since = r.prev.ts;
      frames.push(r.prev.frame);
    } else {
      head = `${c} opened a new connection to ${s} at frame ${flow.firstFrame} while the previous connection on the same ports was in TIME_WAIT`;
    }
    const message = `${head}; ${outcome}: the client reuses ports too fast (ephemeral port exhaustion, a NAT, or a fixed source port).`;
    return makeFinding({
      id: this.id,
      severity: 'warning',
      message,
      endpoint: ref(flow.client),
      flowIds: r.prev !== null ? [r.prev.flow.id, flow.id] : [flow.id],
      since,
      duration: flow.firstTs - since,
      censored: false,
      frames,
      service: serviceOf(flow),
      details: { handshakeCompleted: completed, synRetransmissions: Math.max(0, flow.client.syns - 1) },
    });
  }
}
