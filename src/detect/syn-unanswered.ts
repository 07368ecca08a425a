import { TcpFlag } from '../model/decoded.js';
import { Interest, WatchBit, unwatchFlow, watchFlow, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { FindingContext, ShardedDetector } from './detector.js';
import { addFrame } from './finding.js';
import { FlowMap } from './flow-map.js';
import { DestinationGroups, groupFinding, type GroupState } from './handshake-group.js';
import { duration, hostPort, plural } from './text.js';

/**
 * syn-unanswered: a SYN (and its retransmissions) that got no reply at all:
 * a connect timeout. Warning once the client retransmitted (it waited at
 * least one RTO); a lone SYN is info (a scanner, or the capture ended).
 * One finding per destination ip:port.
 */
export class SynUnansweredDetector implements ShardedDetector<GroupState[]> {
  readonly id = 'syn-unanswered';
  readonly marksKept = true;
  readonly interest = Interest.SYN;
  /** A flow with a pending SYN is followed until the server's first packet. */
  readonly watchBit = WatchBit.SYN_UNANSWERED;
  /** The frames of each pending flow's SYNs: the first alone as a number (no array per flooding SYN), then an array. */
  private readonly pending = new FlowMap<number[] | number>();
  private readonly groups = new DestinationGroups();
  excludedService: (ip: string, port: number) => boolean = () => false;

  segment(ev: SegmentEvent): void {
    const f = ev.flags;
    if (ev.fromClient && (f & (TcpFlag.SYN | TcpFlag.ACK | TcpFlag.RST)) === TcpFlag.SYN) {
      if (ev.flow.server.packets > 0) return;
      const frames = this.pending.get(ev.flow);
      if (frames === undefined) {
        this.pending.set(ev.flow, ev.frame);
        watchFlow(ev.flow, WatchBit.SYN_UNANSWERED);
      } else if (typeof frames === 'number') {
        // A literal sized to its frames: a push on an empty array reserves 17 slots.
        this.pending.set(ev.flow, [frames, ev.frame]);
      } else addFrame(frames, ev.frame);
    } else if (this.pending.size > 0 && !ev.fromClient) {
      if (this.pending.delete(ev.flow)) unwatchFlow(ev.flow, WatchBit.SYN_UNANSWERED);
    }
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    const pending = this.pending.get(flow);
    if (pending === undefined) return;
    const frames = typeof pending === 'number' ? [pending] : pending;
    this.pending.delete(flow);
    unwatchFlow(flow, WatchBit.SYN_UNANSWERED);
    if (flow.server.packets > 0) return;
    this.groups.add(flow.server.ip, flow.server.port, {
      flowId: flow.id,
      firstFrame: flow.firstFrame,
      srcIp: flow.client.ip,
      start: flow.client.firstTs,
      end: flow.client.lastTs,
      censored: atCaptureEnd && flow.client.state === TcpState.SYN_SENT,
      frames,
      retransmissions: Math.max(0, flow.client.syns - 1),
      clientSyns: flow.client.syns,
    });
  }

  shardState(globalId: (id: number) => number): GroupState[] {
    return this.groups.states(globalId);
  }

  absorb(states: readonly GroupState[][]): void {
    for (const s of states) this.groups.absorb(s);
  }

  findings(ctx: FindingContext): Finding[] {
    const out: Finding[] = [];
    for (const g of this.groups.groups()) {
      if (this.excludedService(g.ip, g.port)) continue;
      const n = g.count;
      const syns = g.clientSyns;
      const waited = (g.censored ? ctx.lastTs : g.end) - g.since;
      const from = g.sources === 1 ? g.first.srcIp : `${g.sources} hosts`;
      const retried = g.retransmissions > 0;
      const head = `${plural(syns, 'SYN')} from ${from} to ${hostPort(g.ip, g.port)} (${plural(n, 'connection attempt')}, first at frame ${g.first.frames[0]}) got no reply in ${duration(waited)}`;
      const message = retried
        ? `${head}: the host is down or unreachable, or a firewall silently drops the SYNs; the clients see connect timeouts.`
        : `${head} and ${n === 1 ? 'was' : 'were'} never retransmitted: a probe or scan, or the capture stopped before the client retried.`;
      const f = groupFinding(this.id, retried ? 'warning' : 'info', g, message, { attempts: n, syns, sources: g.sources });
      f.duration = Math.round(waited * 1e6) / 1e6;
      out.push(f);
    }
    return out;
  }
}
