/**
 * Builders for renderer and collector tests: Report values as analyze()
 * returns them, and scripted connections that feed a TrackerListener the
 * events the tracker would emit (one reused SegmentEvent, as the tracker does).
 */
import type { SegmentEvent, TrackerListener } from '../../src/model/events.js';
import type { Endpoint, Flow } from '../../src/model/flow.js';
import type { CaptureSummary } from '../../src/model/capture.js';
import type { EndpointReport, Finding, FlowReport, Report, Severity } from '../../src/model/report.js';
import { STATE_NAMES, TcpState, stateName, type TcpStateName } from '../../src/model/tcp-state.js';
import { TcpFlag } from '../../src/model/decoded.js';

export const T0 = 1_700_000_000; // 2023-11-14 22:13:20 UTC

export function capture(over: Partial<CaptureSummary> = {}): CaptureSummary {
  return {
    path: 'fixtures/demo/example.pcap',
    format: 'pcap',
    compressed: false,
    linkTypes: [{ id: 1, name: 'ETHERNET', supported: true }],
    packets: 40,
    tcpPackets: 38,
    truncatedPackets: 0,
    unsupportedPackets: 0,
    firstTs: T0,
    lastTs: T0 + 30,
    warnings: [],
    ...over,
  };
}

function side(ip: string, port: number, state: TcpStateName, packets = 5, bytes = 400): EndpointReport {
  const analysis = { syn: 0, synAck: 0, fin: 0, rst: 0, retransmissions: 0, dupAcks: 0, zeroWindows: 0, keepAlives: 0 };
  return { ip, port, state, packets, bytes, payloadBytes: Math.max(0, bytes - packets * 52), analysis };
}

export function flowReport(
  id: number,
  over: {
    client?: [string, number, TcpStateName];
    server?: [string, number, TcpStateName];
    firstTs?: number;
    lastTs?: number;
    connState?: string;
    history?: string;
    bytes?: number;
  } = {},
): FlowReport {
  const [cip, cport, cstate] = over.client ?? ['10.0.0.1', 40000 + id, 'TIME_WAIT'];
  const [sip, sport, sstate] = over.server ?? ['10.0.0.2', 8080, 'CLOSED'];
  return {
    id,
    client: side(cip, cport, cstate, 6, over.bytes ?? 500),
    server: side(sip, sport, sstate, 5, over.bytes ?? 400),
    firstTs: over.firstTs ?? T0 + id,
    lastTs: over.lastTs ?? T0 + id + 0.25,
    connState: over.connState ?? 'SF',
    history: over.history ?? 'ShADadFf',
    partial: false,
    vlan: null,
    wiresharkFilter: `tcp.port == ${cport} && tcp.port == ${sport}`,
  };
}

export function finding(id: string, severity: Severity, flow: FlowReport, over: Partial<Finding> = {}): Finding {
  return {
    id,
    severity,
    message: `${id} on ${flow.server.ip}:${flow.server.port}: the application did not close its socket after the peer's FIN; look at the code path that handles a client disconnect.`,
    endpoint: { ip: flow.server.ip, port: flow.server.port },
    flowIds: [flow.id],
    since: flow.firstTs + 0.1,
    duration: 12.5,
    censored: true,
    frames: [flow.id * 10, flow.id * 10 + 1],
    wiresharkFilter: `frame.number in {${flow.id * 10} ${flow.id * 10 + 1}}`,
    service: { ip: flow.server.ip, port: flow.server.port },
    ...over,
  };
}

/** A report with the summary derived from its flows and findings, as buildReport does. */
export function report(flows: FlowReport[], findings: Finding[], captures = [capture()]): Report {
  const endStates: Partial<Record<TcpStateName, number>> = {};
  for (const f of flows) for (const s of [f.client.state, f.server.state]) endStates[s] = (endStates[s] ?? 0) + 1;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  return {
    schemaVersion: 1,
    captures,
    summary: {
      packets: captures.reduce((n, c) => n + c.packets, 0),
      tcpPackets: captures.reduce((n, c) => n + c.tcpPackets, 0),
      flows: flows.length,
      endStates,
      findings: bySeverity,
    },
    flows,
    findings,
  };
}

/** The service-leak story: three connections to one service left in CLOSE_WAIT, one reset elsewhere, one clean. */
export function leakReport(): Report {
  const flows = [
    flowReport(1),
    flowReport(2, { client: ['10.0.0.1', 40002, 'FIN_WAIT_2'], server: ['10.0.0.2', 8080, 'CLOSE_WAIT'], connState: 'S1', history: 'ShADadF', lastTs: T0 + 30 }),
    flowReport(3, { client: ['10.0.0.1', 40003, 'FIN_WAIT_2'], server: ['10.0.0.2', 8080, 'CLOSE_WAIT'], connState: 'S1', history: 'ShADadF', lastTs: T0 + 30 }),
    flowReport(4, { client: ['10.0.0.3', 51000, 'CLOSED'], server: ['10.0.0.9', 5432, 'CLOSED'], connState: 'RSTR', history: 'ShADadR', bytes: 9000 }),
    flowReport(5, { client: ['2001:db8::1', 40005, 'FIN_WAIT_2'], server: ['2001:db8::2', 443, 'CLOSE_WAIT'], connState: 'S1', history: 'ShADadF', lastTs: T0 + 30 }),
  ];
  const findings = [
    finding('close-wait-stuck', 'error', flows[1]!, { duration: 27.9 }),
    finding('close-wait-stuck', 'error', flows[2]!, { duration: 26.8 }),
    finding('connection-reset', 'warning', flows[3]!, {
      message: 'The server reset an established connection (abortive close); check the server logs at that time.',
      endpoint: { ip: '10.0.0.9', port: 5432 },
      duration: 0,
      censored: false,
      frames: [41],
      wiresharkFilter: 'frame.number == 41',
    }),
    finding('close-wait-stuck', 'error', flows[4]!, { duration: 25.1, message: 'Socket left in CLOSE_WAIT <script>alert("x")</script> & more | pipes' }),
  ];
  return report(flows, findings);
}

// ---- scripted connections for collector tests ----

export function endpoint(ip: string, port: number): Endpoint {
  return {
    ip, port, state: TcpState.CLOSED, prevState: TcpState.CLOSED, transitions: [],
    hasIsn: false, isn: 0, nextSeq: 0, finSeq: 0, finSeen: false, finAcked: false, lastAck: 0, ackSeen: false,
    window: 65535, windowScale: -1, packets: 0, ipBytes: 0, payloadBytes: 0, syns: 0, synAcks: 0, fins: 0, rsts: 0,
    retransmissions: 0, keepAlives: 0, zeroWindows: 0, dupAcks: 0, firstTs: 0, lastTs: 0, lastFrame: 0,
  } as Endpoint;
}

export function flowObject(id: number, client: [string, number], server: [string, number]): Flow {
  return {
    id, client: endpoint(...client), server: endpoint(...server), ipVersion: client[0].includes(':') ? 6 : 4,
    vlanKey: 0, tunnelKey: 0, firstTs: 0, lastTs: 0, firstFrame: 0, lastFrame: 0, partial: false, history: '', connState: 'OTH',
  } as Flow;
}

export interface Seg {
  from: 'c' | 's';
  flags: number;
  seq?: number;
  ack?: number;
  len?: number;
  analysis?: number;
  /** States after the segment; unchanged when omitted. */
  client?: TcpStateName;
  server?: TcpStateName;
  dt?: number;
}

const { SYN, ACK, FIN, PSH, RST } = TcpFlag;
export const F = { SYN, ACK, FIN, PSH, RST, SYNACK: SYN | ACK, FINACK: FIN | ACK, PSHACK: PSH | ACK, RSTACK: RST | ACK };

/** Drives listeners as the tracker would for one connection; frames are global across scripts sharing `clock`. */
export class FlowScript {
  readonly flow: Flow;
  private started = false;
  private readonly ev: SegmentEvent;

  constructor(
    private readonly listeners: TrackerListener[],
    id: number,
    client: [string, number],
    server: [string, number],
    private readonly clock: { frame: number; ts: number },
  ) {
    this.flow = flowObject(id, client, server);
    this.ev = {
      flow: this.flow, fromClient: true, frame: 0, ts: 0, flags: 0, relSeq: 0, relAck: 0, payloadLen: 0, window: 0,
      analysis: 0, clientBefore: 0, serverBefore: 0, clientAfter: 0, serverAfter: 0,
    } as SegmentEvent;
  }

  send(s: Seg): this {
    const c = this.clock;
    c.frame++;
    // Whole microseconds, as a pcap holds them, so that offsets print exactly.
    c.ts = Math.round((c.ts + (s.dt ?? 0.001)) * 1e6) / 1e6;
    for (const l of this.listeners) l.tick?.(c.ts);
    const f = this.flow;
    if (!this.started) {
      this.started = true;
      f.firstTs = c.ts;
      f.firstFrame = c.frame;
      for (const l of this.listeners) l.flowStart?.(f);
    }
    f.lastTs = c.ts;
    f.lastFrame = c.frame;
    const sender = s.from === 'c' ? f.client : f.server;
    sender.packets++;
    if (s.flags & RST) sender.rsts++;
    if ((s.analysis ?? 0) & 1) sender.retransmissions++;
    const ev = this.ev;
    ev.fromClient = s.from === 'c';
    ev.frame = c.frame;
    ev.ts = c.ts;
    ev.flags = s.flags;
    ev.relSeq = s.seq ?? 0;
    ev.relAck = s.ack ?? 0;
    ev.payloadLen = s.len ?? 0;
    ev.window = 65535;
    ev.analysis = s.analysis ?? 0;
    ev.clientBefore = f.client.state;
    ev.serverBefore = f.server.state;
    if (s.client) f.client.state = TcpState[s.client];
    if (s.server) f.server.state = TcpState[s.server];
    ev.clientAfter = f.client.state;
    ev.serverAfter = f.server.state;
    for (const l of this.listeners) l.segment?.(ev);
    return this;
  }

  end(atCaptureEnd: boolean, connState = 'SF', history = 'ShADadFf'): Flow {
    this.flow.connState = connState;
    this.flow.history = history;
    for (const l of this.listeners) l.flowEnd?.(this.flow, atCaptureEnd);
    return this.flow;
  }
}

/** Handshake, one request/response, client closes first: both sides reach their final states. */
export function normalClose(s: FlowScript): FlowScript {
  return s
    .send({ from: 'c', flags: F.SYN, client: 'SYN_SENT' })
    .send({ from: 's', flags: F.SYNACK, ack: 1, server: 'SYN_RCVD' })
    .send({ from: 'c', flags: F.ACK, seq: 1, ack: 1, client: 'ESTABLISHED', server: 'ESTABLISHED' })
    .send({ from: 'c', flags: F.PSHACK, seq: 1, ack: 1, len: 20 })
    .send({ from: 's', flags: F.PSHACK, seq: 1, ack: 21, len: 100 })
    .send({ from: 'c', flags: F.FINACK, seq: 21, ack: 101, client: 'FIN_WAIT_1' })
    .send({ from: 's', flags: F.ACK, seq: 101, ack: 22, client: 'FIN_WAIT_2', server: 'CLOSE_WAIT' })
    .send({ from: 's', flags: F.FINACK, seq: 101, ack: 22, server: 'LAST_ACK' })
    .send({ from: 'c', flags: F.ACK, seq: 22, ack: 102, client: 'TIME_WAIT', server: 'CLOSED' });
}

/** Handshake, then the client closes and the server acknowledges but never closes: CLOSE_WAIT until capture end. */
export function closeWaitLeak(s: FlowScript): FlowScript {
  return s
    .send({ from: 'c', flags: F.SYN, client: 'SYN_SENT' })
    .send({ from: 's', flags: F.SYNACK, ack: 1, server: 'SYN_RCVD' })
    .send({ from: 'c', flags: F.ACK, seq: 1, ack: 1, client: 'ESTABLISHED', server: 'ESTABLISHED' })
    .send({ from: 'c', flags: F.FINACK, seq: 1, ack: 1, client: 'FIN_WAIT_1' })
    .send({ from: 's', flags: F.ACK, seq: 1, ack: 2, client: 'FIN_WAIT_2', server: 'CLOSE_WAIT' });
}

export const ALL_STATES = STATE_NAMES;
export { stateName };
