import type { Endpoint, Transition } from '../model/flow.js';
import type { TrackedEndpoint } from './endpoint.js';
import type { TcpState } from './states.js';

/** An ended flow's side: the values its TrackedEndpoint had when the flow ended. */
export class EndpointRecord implements Endpoint {
  ip: string;
  port: number;
  state: TcpState;
  prevState: TcpState;
  hasIsn: boolean;
  isn: number;
  nextSeq: number;
  finSeq: number;
  finSeen: boolean;
  finAcked: boolean;
  lastAck: number;
  ackSeen: boolean;
  window: number;
  windowScale: number;
  packets: number;
  ipBytes: number;
  payloadBytes: number;
  syns: number;
  synAcks: number;
  fins: number;
  rsts: number;
  retransmissions: number;
  keepAlives: number;
  zeroWindows: number;
  dupAcks: number;
  dataSegments: number;
  firstTs: number;
  lastTs: number;
  lastFrame: number;
  zeekBytes: number;
  missedBytes: number;
  reached: number;
  private readonly tr: number[];

  constructor(ep: TrackedEndpoint, tr: number[]) {
    this.ip = ep.ip;
    this.port = ep.port;
    this.state = ep.state;
    this.prevState = ep.prevState;
    this.hasIsn = ep.hasIsn;
    this.isn = ep.isn;
    this.nextSeq = ep.nextSeq;
    this.finSeq = ep.finSeq;
    this.finSeen = ep.finSeen;
    this.finAcked = ep.finAcked;
    this.lastAck = ep.lastAck;
    this.ackSeen = ep.ackSeen;
    this.window = ep.window;
    this.windowScale = ep.windowScale;
    this.packets = ep.packets;
    this.ipBytes = ep.ipBytes;
    this.payloadBytes = ep.payloadBytes;
    this.syns = ep.syns;
    this.synAcks = ep.synAcks;
    this.fins = ep.fins;
    this.rsts = ep.rsts;
    this.retransmissions = ep.retransmissions;
    this.keepAlives = ep.keepAlives;
    this.zeroWindows = ep.zeroWindows;
    this.dupAcks = ep.dupAcks;
    this.dataSegments = ep.dataSegments;
    this.firstTs = ep.firstTs;
    this.lastTs = ep.lastTs;
    this.lastFrame = ep.lastFrame;
    this.zeekBytes = ep.zeekBytes;
    this.missedBytes = ep.missedBytes;
    this.reached = ep.reached;
    this.tr = tr;
  }

  get transitions(): Transition[] {
    return unpackAll(this.tr);
  }

  lastTransitionTo(to: TcpState): Transition | undefined {
    return lastPacked(this.tr, to);
  }
}

export function unpackAll(t: number[]): Transition[] {
  const out: Transition[] = [];
  for (let i = 0; i < t.length; i += 2) out.push(unpack(t[i]!, t[i + 1]!));
  return out;
}

export function lastPacked(t: number[], to: TcpState): Transition | undefined {
  for (let i = t.length - 2; i >= 0; i -= 2) if (t[i + 1]! % 16 === to) return unpack(t[i]!, t[i + 1]!);
  return undefined;
}

/** One packed transition (ts, frame * 256 + (from << 4 | to)) as the model's Transition. */
export function unpack(ts: number, x: number): Transition {
  const ft = x % 256;
  return { from: (ft >> 4) as TcpState, to: (ft & 15) as TcpState, ts, frame: Math.floor(x / 256) };
}
