import { TcpFlag } from '../model/decoded.js';
import { Analysis, Explained, Interest, WatchBit, explain, keepFlow, unwatchFlow, watchFlow, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding, OmittedFindings } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { FindingContext, ShardedDetector } from './detector.js';
import { INFO_MIN_SECONDS, everIn } from './episode.js';
import { addFrame, byStart, makeFinding, ref, serviceOf } from './finding.js';
import type { FindingCap } from './finding-cap.js';
import { FlowMap } from './flow-map.js';
import { PendingFindings } from './pending-findings.js';
import { DestinationGroups, groupFinding, type GroupState } from './handshake-group.js';
import { peerOf, sideOf } from './side.js';
import { duration, hostPort, plural } from './text.js';
import type { Thresholds } from './thresholds.js';

const RETRANSMITTED = Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION;

/** Data retransmitted by one side since the peer last sent anything. */
interface Run {
  count: number;
  first: number;
  last: number;
  firstGap: number;
  lastGap: number;
  frames: number[];
  rstFrame: number;
  rstTs: number;
}

/**
 * What is noted on a watched flow. Most are only waiting for the third ACK:
 * those are kept as the SYN+ACK's frame alone (a number in the map, no
 * object: a SYN flood leaves hundreds of thousands waiting), the others as
 * this object, with no arrays until needed.
 */
interface Notes {
  /** Frame of the server's first SYN+ACK, 0 before it. */
  synAck: number;
  /** Frames of the server's SYN+ACKs (bounded as addFrame bounds) once there is a second one; null before. */
  synAckFrames: number[] | null;
  clientRun: Run | null;
  serverRun: Run | null;
}

interface Vanished {
  flow: Flow;
  client: boolean;
  run: Run;
  censored: boolean;
}

/** Notes as the object, whichever way they are kept. */
function expand(v: Notes | number | undefined): Notes | undefined {
  return typeof v === 'number' ? { synAck: v, synAckFrames: null, clientRun: null, serverRun: null } : v;
}

function established(flow: Flow): boolean {
  return everIn(flow.server, TcpState.ESTABLISHED) || everIn(flow.client, TcpState.ESTABLISHED);
}

/** This segment left a side in ESTABLISHED, and the handshake did complete. */
function handshakeCompleted(ev: SegmentEvent): boolean {
  return (ev.clientAfter === TcpState.ESTABLISHED || ev.serverAfter === TcpState.ESTABLISHED) && established(ev.flow);
}

/**
 * half-open, two ways a connection is left with one side talking to nobody:
 * - handshake: SYN+ACK sent (and retransmitted), the handshake never completed
 *   (third ACK lost, spoofed source); grouped per destination ip:port;
 * - peer vanished: one side retransmits data ≥ halfOpenRetransmissions times
 *   with (exponential) backoff and the peer never sends anything again.
 */
export class HalfOpenDetector implements ShardedDetector<GroupState[]> {
  readonly id = 'half-open';
  readonly explains = true;
  readonly marksKept = true;
  readonly interest = Interest.SYN | RETRANSMITTED;
  /** A flow with notes is followed packet by packet: anything from the peer ends a run. */
  readonly watchBit = WatchBit.HALF_OPEN;
  private readonly notes = new FlowMap<Notes | number>();
  private readonly handshakes = new DestinationGroups();
  /** Peers that vanished: one connection's story each, written as its flow ends. */
  private readonly vanished: PendingFindings<Vanished>;
  excludedService: (ip: string, port: number) => boolean = () => false;

  constructor(
    private readonly t: Thresholds,
    cap?: FindingCap,
  ) {
    this.vanished = new PendingFindings((v, lastTs) => this.vanishedFinding(v, lastTs), cap);
  }

  segment(ev: SegmentEvent): void {
    const f = ev.flags;
    const v = this.notes.size > 0 ? this.notes.get(ev.flow) : undefined;
    const synAck = (f & (TcpFlag.SYN | TcpFlag.ACK)) === (TcpFlag.SYN | TcpFlag.ACK);
    const dataRetx = ev.payloadLen > 0 && (ev.analysis & RETRANSMITTED) !== 0 && (ev.analysis & Analysis.KEEP_ALIVE) === 0;
    if (typeof v === 'number' && !synAck && !dataRetx) {
      // Only a SYN+ACK noted, no run to end or extend (the third ACK of most connections): no object to build.
      if (handshakeCompleted(ev)) {
        this.notes.delete(ev.flow);
        unwatchFlow(ev.flow, WatchBit.HALF_OPEN);
      }
      return;
    }
    let n = expand(v);
    if (n === undefined) {
      if (!synAck && !dataRetx) return;
      n = { synAck: 0, synAckFrames: null, clientRun: null, serverRun: null };
      watchFlow(ev.flow, WatchBit.HALF_OPEN);
    }
    if (synAck) {
      if (n.synAck === 0) n.synAck = ev.frame;
      else if (n.synAckFrames === null) n.synAckFrames = [n.synAck, ev.frame];
      else addFrame(n.synAckFrames, ev.frame);
    }
    const fromClient = ev.fromClient;
    // Anything from the peer proves it is alive: the other side's run is over.
    if (fromClient) n.serverRun = null;
    else n.clientRun = null;
    if (dataRetx) {
      let r = fromClient ? n.clientRun : n.serverRun;
      if (r === null) {
        r = { count: 0, first: ev.ts, last: ev.ts, firstGap: 0, lastGap: 0, frames: [], rstFrame: 0, rstTs: 0 };
        if (fromClient) n.clientRun = r;
        else n.serverRun = r;
      } else {
        const gap = ev.ts - r.last;
        if (r.count === 1) r.firstGap = gap;
        r.lastGap = gap;
        r.last = ev.ts;
      }
      r.count++;
      addFrame(r.frames, ev.frame);
    } else if (f & TcpFlag.RST) {
      const r = fromClient ? n.clientRun : n.serverRun;
      if (r !== null && r.rstFrame === 0) {
        r.rstFrame = ev.frame;
        r.rstTs = ev.ts;
      }
    }
    // Once the handshake completed, SYN+ACK frames no longer matter; without a run the notes can go.
    if (n.clientRun === null && n.serverRun === null && handshakeCompleted(ev)) {
      this.notes.delete(ev.flow);
      unwatchFlow(ev.flow, WatchBit.HALF_OPEN);
      return;
    }
    // Notes that are only the SYN+ACK's frame go back to being that number; an object already in the map needs no second store.
    if (n.synAck > 0 && n.synAckFrames === null && n.clientRun === null && n.serverRun === null) this.notes.set(ev.flow, n.synAck);
    else if (n !== v) this.notes.set(ev.flow, n);
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    // The watch bit is set exactly while the flow has notes.
    if (((flow.watch ?? 0) & WatchBit.HALF_OPEN) === 0) return;
    const n = expand(this.notes.get(flow));
    if (n === undefined) return;
    this.notes.delete(flow);
    unwatchFlow(flow, WatchBit.HALF_OPEN);
    this.keepVanished(flow, true, n.clientRun, atCaptureEnd);
    this.keepVanished(flow, false, n.serverRun, atCaptureEnd);
    if (n.synAck === 0 || established(flow)) return;
    if (flow.client.rsts > 0 || flow.server.rsts > 0) return;
    const synAckFrames = n.synAckFrames ?? [n.synAck];
    this.handshakes.add(flow.server.ip, flow.server.port, {
      flowId: flow.id,
      firstFrame: flow.firstFrame,
      srcIp: flow.client.ip,
      start: flow.server.firstTs,
      end: flow.server.lastTs,
      censored: atCaptureEnd && flow.server.state === TcpState.SYN_RCVD,
      frames: [flow.firstFrame, ...synAckFrames],
      retransmissions: Math.max(0, synAckFrames.length - 1),
      clientSyns: flow.client.syns,
    });
  }

  private keepVanished(flow: Flow, client: boolean, r: Run | null, atCaptureEnd: boolean): void {
    if (r === null || r.count < this.t.halfOpenRetransmissions) return;
    // The other detectors leave this side's stuck FIN, storm and final RST to this finding.
    explain(flow, Explained.GAVE_UP_ON_PEER, client);
    if (r.rstFrame > 0) explain(flow, Explained.RST_FOR_DEAD_PEER, client);
    const v = { flow, client, run: r, censored: atCaptureEnd && r.rstFrame === 0 };
    if (!v.censored) this.vanished.settle(v);
    else {
      keepFlow(flow);
      this.vanished.keepToEnd(v);
    }
  }

  /** Handshake groups span connections: in a sharded run the main thread merges them. */
  shardState(globalId: (id: number) => number): GroupState[] {
    return this.handshakes.states(globalId);
  }

  absorb(states: readonly GroupState[][]): void {
    for (const s of states) this.handshakes.absorb(s);
  }

  /** A peer that vanished is one connection's story: each shard reports its own. */
  shardFindings(ctx: FindingContext): Finding[] {
    return this.vanished.findings(ctx.lastTs).sort(byStart);
  }

  omitted(): OmittedFindings {
    return this.vanished.omitted();
  }

  findings(ctx: FindingContext): Finding[] {
    return [...this.shardFindings(ctx), ...this.handshakeFindings(ctx)];
  }

  private vanishedFinding(v: Vanished, lastTs: number): Finding {
    const side = sideOf(v.flow, v.client);
    const peer = peerOf(v.flow, v.client);
    const me = hostPort(side.ip, side.port);
    const p = hostPort(peer.ip, peer.port);
    const end = v.run.rstFrame > 0 ? v.run.rstTs : v.censored ? lastTs : v.run.last;
    const backoff = v.run.count >= 3 && v.run.lastGap >= 1.5 * v.run.firstGap && v.run.firstGap > 0;
    const how = backoff ? ` with exponential backoff (${duration(v.run.firstGap)} growing to ${duration(v.run.lastGap)})` : '';
    const tail =
      v.run.rstFrame > 0
        ? `, then gave up and reset the connection at frame ${v.run.rstFrame}`
        : v.censored
          ? ', still retransmitting when the capture ended'
          : '';
    const message =
      `${me} retransmitted data ${plural(v.run.count, 'time')}${how} over ${duration(v.run.last - v.run.first)} and ${p} never answered${tail}: ` +
      `${p} vanished (crashed, rebooted, unplugged, or a firewall/NAT dropped the connection's state) while ${me} still holds the connection.`;
    return makeFinding({
      id: this.id,
      severity: 'warning',
      message,
      endpoint: ref(peer),
      flowIds: [v.flow.id],
      since: v.run.first,
      duration: end - v.run.first,
      censored: v.censored,
      frames: [...v.run.frames, v.run.rstFrame],
      service: serviceOf(v.flow),
      details: { kind: 'peer-vanished', retransmissions: v.run.count, sender: me, backoff },
    });
  }

  private handshakeFindings(ctx: FindingContext): Finding[] {
    const N = this.t.halfOpenRetransmissions;
    const handshakeFindings: Finding[] = [];
    for (const g of this.handshakes.groups()) {
      if (this.excludedService(g.ip, g.port)) continue;
      const waited = (g.censored ? ctx.lastTs : g.end) - g.since;
      const worst = g.worstRetransmissions;
      if (worst < N && waited < INFO_MIN_SECONDS) continue;
      const n = g.count;
      const from = g.sources === 1 ? g.first.srcIp : `${g.sources} hosts`;
      const head = `${hostPort(g.ip, g.port)} answered ${plural(n, 'SYN')} from ${from} with SYN+ACK (first at frame ${g.first.frames[1] ?? g.first.frames[0]})`;
      const message =
        worst >= N
          ? `${head}, retransmitted it up to ${plural(worst, 'time')}, and the handshake never completed: the client's final ACK is lost, or the SYNs came from spoofed or vanished sources; each attempt holds a slot in the SYN backlog.`
          : worst === 0
            ? `${head} and the handshake never completed, without any SYN+ACK retransmission (SYN cookies, or the capture ended first; threshold ${plural(N, 'retransmission')}).`
            : `${head} and the handshake had not completed when the capture ended (${plural(worst, 'SYN+ACK retransmission')}, threshold ${N}).`;
      const f = groupFinding(this.id, worst >= N ? 'warning' : 'info', g, message, { kind: 'handshake', attempts: n, synAckRetransmissions: g.retransmissions });
      handshakeFindings.push(f);
    }
    return handshakeFindings;
  }
}
