import { TcpFlag } from '../model/decoded.js';
import { Analysis, Explained, WatchBit, explain, keepFlow, unwatchFlow, watchFlow, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding, OmittedFindings } from '../model/report.js';
import type { Detector, FindingContext } from './detector.js';
import { addFrame, byStart, makeFinding, ref, serviceOf } from './finding.js';
import type { FindingCap } from './finding-cap.js';
import { FlowMap } from './flow-map.js';
import { PendingFindings } from './pending-findings.js';
import { peerOf, sideOf } from './side.js';
import { duration, hostPort, plural } from './text.js';
import type { Thresholds } from './thresholds.js';

/** Keep-alives one side sent since the peer last sent anything. */
interface Run {
  probes: number;
  first: number;
  last: number;
  frames: number[];
  rstFrame: number;
  rstTs: number;
}

interface Dead {
  flow: Flow;
  client: boolean;
  run: Run;
  /** 'answered' (the peer finally replied), 'rst' (the prober gave up), 'end', 'evicted'. */
  how: string;
  answerFrame: number;
  answerTs: number;
}

/**
 * keepalive-dead-peer: ≥ keepaliveProbes keep-alive probes in a row with no
 * packet at all from the peer. A run the peer finally answers is info.
 */
export class KeepaliveDeadPeerDetector implements Detector {
  readonly id = 'keepalive-dead-peer';
  readonly explains = true;
  readonly marksKept = true;
  readonly interest = Analysis.KEEP_ALIVE;
  /** A flow with a run of probes is followed packet by packet: the peer's next packet answers it. */
  readonly watchBit = WatchBit.KEEPALIVE_DEAD_PEER;
  private readonly runs = new FlowMap<[Run | null, Run | null]>();
  /** Runs the peer answered while the flow goes on: written when it ends (roles are final then). */
  private readonly answered = new FlowMap<Dead[]>();
  private readonly dead: PendingFindings<Dead>;

  constructor(
    private readonly t: Thresholds,
    cap?: FindingCap,
  ) {
    this.dead = new PendingFindings((d, lastTs) => this.finding(d, lastTs), cap);
  }

  segment(ev: SegmentEvent): void {
    const ka = (ev.analysis & Analysis.KEEP_ALIVE) !== 0;
    let pair = this.runs.size > 0 ? this.runs.get(ev.flow) : undefined;
    if (pair === undefined) {
      if (!ka) return;
      pair = [null, null];
      this.runs.set(ev.flow, pair);
      watchFlow(ev.flow, WatchBit.KEEPALIVE_DEAD_PEER);
    }
    const me = ev.fromClient ? 0 : 1;
    const other = pair[1 - me];
    if (other !== null) {
      // The peer of that run speaks: it was alive.
      if (other.probes >= this.t.keepaliveProbes && other.rstFrame === 0) {
        // Held until flowEnd only: a flow with keep-alives is never parked.
        const d = { flow: ev.flow, client: me === 1, run: other, how: 'answered', answerFrame: ev.frame, answerTs: ev.ts };
        const list = this.answered.get(ev.flow);
        if (list === undefined) this.answered.set(ev.flow, [d]);
        else list.push(d);
      }
      pair[1 - me] = null;
    }
    const mine = pair[me];
    if (ka) {
      if (mine === null) pair[me] = { probes: 1, first: ev.ts, last: ev.ts, frames: [ev.frame], rstFrame: 0, rstTs: 0 };
      else {
        mine.probes++;
        mine.last = ev.ts;
        addFrame(mine.frames, ev.frame);
      }
    } else if (mine !== null && ev.flags & TcpFlag.RST && mine.rstFrame === 0) {
      mine.rstFrame = ev.frame;
      mine.rstTs = ev.ts;
    }
    // No run left: the notes go (a new keep-alive starts them again).
    if (pair[0] === null && pair[1] === null) {
      this.runs.delete(ev.flow);
      unwatchFlow(ev.flow, WatchBit.KEEPALIVE_DEAD_PEER);
    }
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    const answered = this.answered.size > 0 ? this.answered.get(flow) : undefined;
    if (answered !== undefined) {
      this.answered.delete(flow);
      for (const d of answered) this.dead.settle(d);
    }
    const pair = this.runs.size > 0 ? this.runs.get(flow) : undefined;
    if (pair === undefined) return;
    this.runs.delete(flow);
    unwatchFlow(flow, WatchBit.KEEPALIVE_DEAD_PEER);
    for (let i = 0; i < 2; i++) {
      const r = pair[i];
      if (r === null || r.probes < this.t.keepaliveProbes) continue;
      const how = r.rstFrame > 0 ? 'rst' : atCaptureEnd ? 'end' : 'evicted';
      const d = { flow, client: i === 0, run: r, how, answerFrame: 0, answerTs: 0 };
      // The prober's RST after its unanswered probes is part of this finding, not a separate reset.
      if (how === 'rst') explain(flow, Explained.RST_FOR_DEAD_PEER, i === 0);
      if (how !== 'end') this.dead.settle(d);
      else {
        keepFlow(flow);
        this.dead.keepToEnd(d);
      }
    }
  }

  findings(ctx: FindingContext): Finding[] {
    return this.dead.findings(ctx.lastTs).sort(byStart);
  }

  omitted(): OmittedFindings {
    return this.dead.omitted();
  }

  /** The run's finding; `lastTs` (the capture's end) only for a run it cut short. */
  private finding(d: Dead, lastTs: number): Finding {
    const side = sideOf(d.flow, d.client);
    const peer = peerOf(d.flow, d.client);
    const me = hostPort(side.ip, side.port);
    const p = hostPort(peer.ip, peer.port);
    const end = d.how === 'rst' ? d.run.rstTs : d.how === 'answered' ? d.answerTs : d.how === 'end' ? lastTs : d.run.last;
    const head = `${me} sent ${plural(d.run.probes, 'keep-alive probe')} over ${duration(d.run.last - d.run.first)} (from frame ${d.run.frames[0]}) and ${p} answered none`;
    const message =
      d.how === 'answered'
        ? `${head} until frame ${d.answerFrame}: the path to ${p} lost packets for ${duration(end - d.run.first)}, but the peer is alive.`
        : d.how === 'rst'
          ? `${head}; ${me} then gave up and reset the connection at frame ${d.run.rstFrame}: ${p} is dead or unreachable (crashed, rebooted, or a firewall/NAT forgot the connection).`
          : `${head}${d.how === 'end' ? ' before the capture ended' : ''}: ${p} is dead or unreachable (crashed, rebooted, or a firewall/NAT forgot the connection).`;
    return makeFinding({
      id: this.id,
      severity: d.how === 'answered' ? 'info' : 'warning',
      message,
      endpoint: ref(peer),
      flowIds: [d.flow.id],
      since: d.run.first,
      duration: end - d.run.first,
      censored: d.how === 'end' || d.how === 'evicted',
      frames: [...d.run.frames, d.run.rstFrame, d.answerFrame],
      service: serviceOf(d.flow),
      details: { probes: d.run.probes, prober: me, ended: d.how },
    });
  }
}
