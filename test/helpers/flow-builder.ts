/**
 * Synthetic tracker output for detector tests: flows whose endpoints are put
 * in the states a test names, and segments with frame numbers and timestamps,
 * delivered to listeners exactly as ConnectionTracker does (tick, flowStart,
 * segment, flowEnd). Frames count from 1 across the whole simulated capture.
 */
import type { Detector, FindingContext } from '../../src/detect/detector.js';
import { TcpFlag } from '../../src/model/decoded.js';
import type { SegmentEvent, TrackerListener } from '../../src/model/events.js';
import type { Endpoint, Flow } from '../../src/model/flow.js';
import type { Finding } from '../../src/model/report.js';
import { TcpState, type TcpStateName } from '../../src/model/tcp-state.js';

/** Start of every simulated capture (epoch seconds); `at` arguments are relative to it. */
export const T0 = 1_700_000_000;

const FLAG_LETTERS: Record<string, number> = {
  S: TcpFlag.SYN,
  A: TcpFlag.ACK,
  F: TcpFlag.FIN,
  R: TcpFlag.RST,
  P: TcpFlag.PSH,
};

/** "SA" → SYN|ACK, "FA", "R", "PA", "A". */
export function flags(letters: string): number {
  let f = 0;
  for (const ch of letters) f |= FLAG_LETTERS[ch] ?? 0;
  return f;
}

function endpoint(spec: string): Endpoint {
  const i = spec.lastIndexOf(':');
  return {
    ip: spec.slice(0, i),
    port: Number(spec.slice(i + 1)),
    state: TcpState.UNKNOWN,
    prevState: TcpState.UNKNOWN,
    transitions: [],
    hasIsn: false,
    isn: 0,
    nextSeq: 0,
    finSeq: 0,
    finSeen: false,
    finAcked: false,
    lastAck: 0,
    ackSeen: false,
    window: 65535,
    windowScale: -1,
    packets: 0,
    ipBytes: 0,
    payloadBytes: 0,
    syns: 0,
    synAcks: 0,
    fins: 0,
    rsts: 0,
    retransmissions: 0,
    keepAlives: 0,
    zeroWindows: 0,
    dupAcks: 0,
    firstTs: 0,
    lastTs: 0,
    lastFrame: 0,
  };
}

export interface Send {
  /** Flag letters (S, A, F, R, P); default "A". */
  f?: string;
  /** Payload bytes. */
  len?: number;
  /** Advertised window (scaled); default 65535. */
  win?: number;
  /** Analysis bits. */
  an?: number;
  /** States after this segment (unchanged when absent). */
  c?: TcpStateName;
  s?: TcpStateName;
}

export class Capture {
  frame = 0;
  private lastTs = T0;
  private nextId = 1;
  private readonly open = new Set<SimFlow>();

  constructor(readonly listeners: TrackerListener[]) {}

  flow(client = '10.0.0.9:40000', server = '10.0.0.5:8080'): SimFlow {
    return new SimFlow(this, this.nextId++, endpoint(client), endpoint(server));
  }

  /** @internal */
  emit(sim: SimFlow, ev: SegmentEvent, first: boolean): void {
    if (ev.ts > this.lastTs) this.lastTs = ev.ts;
    for (const l of this.listeners) l.tick?.(ev.ts);
    if (first) {
      this.open.add(sim);
      for (const l of this.listeners) l.flowStart?.(sim.flow);
    }
    for (const l of this.listeners) l.segment?.(ev);
  }

  /** @internal */
  ended(sim: SimFlow, atCaptureEnd: boolean): void {
    this.open.delete(sim);
    for (const l of this.listeners) l.flowEnd?.(sim.flow, atCaptureEnd);
  }

  /** The capture's last timestamp moves on without packets (e.g. the capture ran on, idle). */
  idleUntil(at: number): void {
    this.lastTs = Math.max(this.lastTs, T0 + at);
  }

  /** End of capture: every open flow ends with atCaptureEnd = true. */
  finish(): FindingContext {
    for (const f of [...this.open]) f.end(true);
    return { firstTs: T0, lastTs: this.lastTs, captures: [] };
  }

  /** finish(), then the detector's findings. */
  findings(d: Detector): Finding[] {
    return d.findings(this.finish());
  }
}

export class SimFlow {
  readonly flow: Flow;
  private started = false;

  constructor(
    private readonly cap: Capture,
    id: number,
    client: Endpoint,
    server: Endpoint,
  ) {
    this.flow = {
      id,
      client,
      server,
      ipVersion: 4,
      vlanKey: 0,
      tunnelKey: 0,
      firstTs: 0,
      lastTs: 0,
      firstFrame: 0,
      lastFrame: 0,
      partial: false,
      history: '',
      connState: '',
    };
  }

  /** Client sends at `at` seconds after T0; returns the frame number. */
  c(at: number, s: Send = {}): number {
    return this.send(true, at, s);
  }

  /** Server sends. */
  s(at: number, s: Send = {}): number {
    return this.send(false, at, s);
  }

  /** SYN, SYN+ACK, ACK at `at`, +1 ms, +2 ms: both ESTABLISHED. Returns the three frames. */
  handshake(at = 0): number[] {
    return [
      this.c(at, { f: 'S', c: 'SYN_SENT' }),
      this.s(at + 0.001, { f: 'SA', s: 'SYN_RCVD' }),
      this.c(at + 0.002, { f: 'A', c: 'ESTABLISHED', s: 'ESTABLISHED' }),
    ];
  }

  send(fromClient: boolean, at: number, s: Send): number {
    const ts = T0 + at;
    const frame = ++this.cap.frame;
    const flow = this.flow;
    const first = !this.started;
    if (first) {
      this.started = true;
      flow.firstTs = ts;
      flow.firstFrame = frame;
    }
    flow.lastTs = ts;
    flow.lastFrame = frame;
    const snd = fromClient ? flow.client : flow.server;
    const f = flags(s.f ?? 'A');
    const len = s.len ?? 0;
    if (snd.packets === 0) snd.firstTs = ts;
    snd.packets++;
    snd.payloadBytes += len;
    snd.ipBytes += 40 + len;
    snd.lastTs = ts;
    snd.lastFrame = frame;
    if (f & TcpFlag.SYN) snd.syns++;
    if (f & TcpFlag.FIN) {
      snd.fins++;
      snd.finSeen = true;
    }
    if (f & TcpFlag.RST) snd.rsts++;
    const clientBefore = flow.client.state;
    const serverBefore = flow.server.state;
    if (s.c !== undefined) move(flow.client, TcpState[s.c], ts, frame);
    if (s.s !== undefined) move(flow.server, TcpState[s.s], ts, frame);
    const ev: SegmentEvent = {
      flow,
      fromClient,
      frame,
      ts,
      flags: f,
      relSeq: 0,
      relAck: 0,
      payloadLen: len,
      window: s.win ?? 65535,
      analysis: s.an ?? 0,
      clientBefore,
      serverBefore,
      clientAfter: flow.client.state,
      serverAfter: flow.server.state,
    };
    this.cap.emit(this, ev, first);
    return frame;
  }

  /** The flow leaves the table: closed, evicted (false) or at the end of the capture (true). */
  end(atCaptureEnd = false): void {
    this.cap.ended(this, atCaptureEnd);
  }
}

function move(e: Endpoint, to: TcpState, ts: number, frame: number): void {
  if (e.state === to) return;
  e.transitions.push({ from: e.state, to, ts, frame });
  e.prevState = e.state;
  e.state = to;
}

/** Only the findings at warning or above (what CI gates and fixtures pin down). */
export function serious(fs: Finding[]): Finding[] {
  return fs.filter((f) => f.severity !== 'info');
}
