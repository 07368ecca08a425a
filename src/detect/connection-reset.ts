import { TcpFlag } from '../model/decoded.js';
import { Analysis, Explained, Interest, explained, type SegmentEvent } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import type { Finding, OmittedFindings } from '../model/report.js';
import { TcpState, stateName } from '../model/tcp-state.js';
import type { Detector, FindingContext } from './detector.js';
import { addFrame, byStart, makeFinding, ref, serviceOf } from './finding.js';
import type { FindingCap } from './finding-cap.js';
import { FlowMap } from './flow-map.js';
import { PendingFindings } from './pending-findings.js';
import { peerOf, role, sideOf } from './side.js';
import { count, hostPort } from './text.js';

const S = TcpState;

interface Reset {
  /** The flow, until it ends (roles may still flip): the finding is written then. */
  flow: Flow;
  /** The resetting side. */
  client: boolean;
  state: TcpState;
  frame: number;
  ts: number;
  clientBytes: number;
  serverBytes: number;
  /** Evidence once a later RST joined it (null while the first RST, `frame`, is all there is: most resets). */
  frames: number[] | null;
}

/** Why a side in this state sends a RST. */
const CAUSE: Partial<Record<TcpState, string>> = {
  [S.ESTABLISHED]: 'an abortive close (SO_LINGER 0), a crashed or killed process, or data arriving for a socket already closed',
  [S.CLOSE_WAIT]: 'the application closed the socket with unread data, or aborted it instead of close()',
  [S.FIN_WAIT_1]: 'data arrived after the application closed its socket: the peer kept sending after the close',
  [S.FIN_WAIT_2]: 'data arrived after the application closed its socket: the peer kept sending after the close',
  [S.CLOSING]: 'an abort during a simultaneous close',
  [S.LAST_ACK]: 'an abort while waiting for the final ACK',
  [S.SYN_RCVD]: 'a reset during the handshake: a full accept queue with tcp_abort_on_overflow, or a firewall',
  [S.SYN_SENT]: 'the client aborted its own handshake (a SYN scan, or a SYN+ACK for a connection it never opened)',
  [S.UNKNOWN]: 'this side has no record of the connection (restarted host, or state lost in a NAT or firewall)',
};

/**
 * connection-reset: a RST that closes a connection (the first per connection;
 * later RSTs join its evidence). Refusals of a SYN belong to
 * connection-refused, a RST answering a late FIN in FIN_WAIT_2 to
 * fin-wait-2-orphaned, and a RST after unanswered keep-alives or
 * retransmissions to the dead-peer findings.
 */
export class ConnectionResetDetector implements Detector {
  readonly id = 'connection-reset';
  readonly marksKept = true;
  readonly interest = Interest.RST;
  private readonly byFlow = new FlowMap<Reset>();
  private readonly resets: PendingFindings<Reset>;

  constructor(cap?: FindingCap) {
    this.resets = new PendingFindings((r) => this.finding(r), cap);
  }

  segment(ev: SegmentEvent): void {
    if ((ev.flags & TcpFlag.RST) === 0) return;
    const known = this.byFlow.get(ev.flow);
    if (known !== undefined) {
      if (known.frames === null) known.frames = [known.frame, ev.frame];
      else addFrame(known.frames, ev.frame);
      return;
    }
    if (ev.analysis & Analysis.RST_OUT_OF_WINDOW) return;
    const before = (ev.fromClient ? ev.clientBefore : ev.serverBefore) as TcpState;
    const peerBefore = ev.fromClient ? ev.serverBefore : ev.clientBefore;
    if (before === S.TIME_WAIT || before === S.CLOSED || before === S.LISTEN) return;
    // A RST from a side with no connection, to a SYN: a refusal.
    if (peerBefore === S.SYN_SENT && before === S.UNKNOWN) return;
    if (peerBefore === S.CLOSED || peerBefore === S.TIME_WAIT) return;
    const peer = peerOf(ev.flow, ev.fromClient);
    // RST to the peer's late FIN: the orphan was gone (fin-wait-2-orphaned).
    if (before === S.FIN_WAIT_2 && peer.finSeen) return;
    const r: Reset = {
      flow: ev.flow,
      client: ev.fromClient,
      state: before,
      frame: ev.frame,
      ts: ev.ts,
      clientBytes: ev.flow.client.payloadBytes,
      serverBytes: ev.flow.server.payloadBytes,
      frames: null,
    };
    this.byFlow.set(ev.flow, r);
  }

  /** Nothing about a reset depends on the capture's end: its finding is written as its flow ends. */
  flowEnd(flow: Flow): void {
    const r = this.byFlow.size > 0 ? this.byFlow.get(flow) : undefined;
    if (r === undefined) return;
    this.byFlow.delete(flow);
    this.resets.settle(r);
  }

  findings(_ctx: FindingContext): Finding[] {
    return this.resets.findings(NaN).sort(byStart);
  }

  omitted(): OmittedFindings {
    return this.resets.omitted();
  }

  private finding(r: Reset): Finding | null {
    // The sender gave up on a dead peer: half-open's or keepalive-dead-peer's finding tells it.
    if (explained(r.flow, Explained.RST_FOR_DEAD_PEER, r.client)) return null;
    const side = sideOf(r.flow, r.client);
    const me = hostPort(side.ip, side.port);
    const state = stateName(r.state);
    const bytes = `after ${count(r.clientBytes)} bytes from the client and ${count(r.serverBytes)} from the server`;
    const handshakeAbort = r.state === S.SYN_SENT;
    const message = `${me} (the ${role(r.client)}) reset the connection at frame ${r.frame} while ${state}, ${bytes}: ${CAUSE[r.state] ?? 'an abort'}.`;
    return makeFinding({
      id: this.id,
      severity: handshakeAbort ? 'info' : 'warning',
      message,
      endpoint: ref(side),
      flowIds: [r.flow.id],
      since: r.ts,
      duration: 0,
      censored: false,
      frames: r.frames ?? [r.frame],
      service: serviceOf(r.flow),
      details: { resetBy: role(r.client), state, clientBytes: r.clientBytes, serverBytes: r.serverBytes },
    });
  }
}
