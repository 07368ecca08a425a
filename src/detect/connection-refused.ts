import { TcpFlag } from '../model/decoded.js';
import { Analysis, Interest, type SegmentEvent } from '../model/events.js';
import type { Finding } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { FindingContext, ShardedDetector } from './detector.js';
import { DestinationGroups, groupFinding, type GroupState } from './handshake-group.js';
import { hostPort, plural } from './text.js';

/** States of a side that has not answered the SYN with a SYN+ACK: its RST is a refusal. */
function noConnection(s: number): boolean {
  return s === TcpState.UNKNOWN || s === TcpState.CLOSED || s === TcpState.LISTEN;
}

/**
 * connection-refused: a SYN answered by RST (nothing listening on the port, or
 * a firewall rejecting). One finding per destination ip:port.
 */
export class ConnectionRefusedDetector implements ShardedDetector<GroupState[]> {
  readonly id = 'connection-refused';
  readonly marksKept = true;
  readonly interest = Interest.RST;
  private readonly groups = new DestinationGroups();
  /** Destinations a syn-flood finding already covers. */
  excludedService: (ip: string, port: number) => boolean = () => false;

  segment(ev: SegmentEvent): void {
    if ((ev.flags & TcpFlag.RST) === 0 || ev.analysis & Analysis.RST_OUT_OF_WINDOW) return;
    const senderBefore = ev.fromClient ? ev.clientBefore : ev.serverBefore;
    const peerBefore = ev.fromClient ? ev.serverBefore : ev.clientBefore;
    if (peerBefore !== TcpState.SYN_SENT || !noConnection(senderBefore)) return;
    const flow = ev.flow;
    const peer = ev.fromClient ? flow.server : flow.client;
    const dest = ev.fromClient ? flow.client : flow.server;
    this.groups.add(dest.ip, dest.port, {
      flowId: flow.id,
      firstFrame: flow.firstFrame,
      srcIp: peer.ip,
      start: peer.firstTs,
      end: ev.ts,
      censored: false,
      frames: [flow.firstFrame, ev.frame],
      retransmissions: Math.max(0, peer.syns - 1),
      clientSyns: flow.client.syns,
    });
  }

  shardState(globalId: (id: number) => number): GroupState[] {
    return this.groups.states(globalId);
  }

  absorb(states: readonly GroupState[][]): void {
    for (const s of states) this.groups.absorb(s);
  }

  findings(_ctx: FindingContext): Finding[] {
    const out: Finding[] = [];
    for (const g of this.groups.groups()) {
      if (this.excludedService(g.ip, g.port)) continue;
      const n = g.count;
      const first = g.first;
      const who = g.sources === 1 ? first.srcIp : `${g.sources} hosts`;
      const message =
        `${hostPort(g.ip, g.port)} answered ${plural(n, 'connection attempt')} from ${who} with RST ` +
        `(first at frame ${first.frames[1]}): nothing listens on that port, the service is down, or a firewall rejects the connections.`;
      out.push(groupFinding(this.id, 'warning', g, message, { attempts: n, sources: g.sources }));
    }
    return out;
  }
}
