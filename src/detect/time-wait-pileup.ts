import { Interest, type SegmentEvent } from '../model/events.js';
import type { Finding } from '../model/report.js';
import { TcpState } from '../model/tcp-state.js';
import type { Detector, FindingContext } from './detector.js';
import { addFrame, makeFinding } from './finding.js';
import { serviceKey } from './side.js';
import { count, duration, hostPort } from './text.js';
import type { Thresholds } from './thresholds.js';

const WINDOW_SECONDS = 60;

/** Active closes of one server ip:port, in a sliding 60 s window of one-second slots. */
interface Service {
  ip: string;
  port: number;
  slots: Uint32Array;
  slotSecond: number;
  inWindow: number;
  total: number;
  peak: number;
  firstOver: number;
  lastOver: number;
  frames: number[];
  flowIds: number[];
}

/**
 * time-wait-pileup: one server ip:port enters TIME_WAIT (it closed first) on
 * ≥ timeWaitPileupPerMinute connections within 60 s.
 */
export class TimeWaitPileupDetector implements Detector {
  readonly id = 'time-wait-pileup';
  readonly interest = Interest.STATE_CHANGE;
  private readonly services = new Map<string, Service>();

  constructor(private readonly t: Thresholds) {}

  segment(ev: SegmentEvent): void {
    if (ev.serverAfter !== TcpState.TIME_WAIT || ev.serverBefore === TcpState.TIME_WAIT) return;
    const server = ev.flow.server;
    const k = serviceKey(server.ip, server.port);
    let s = this.services.get(k);
    const sec = Math.floor(ev.ts);
    if (s === undefined) {
      s = { ip: server.ip, port: server.port, slots: new Uint32Array(WINDOW_SECONDS), slotSecond: sec, inWindow: 0, total: 0, peak: 0, firstOver: -1, lastOver: -1, frames: [], flowIds: [] };
      this.services.set(k, s);
    }
    this.advance(s, sec);
    s.slots[sec % WINDOW_SECONDS]!++;
    s.inWindow++;
    s.total++;
    if (s.inWindow > s.peak) s.peak = s.inWindow;
    if (s.inWindow >= this.t.timeWaitPileupPerMinute) {
      if (s.firstOver < 0) s.firstOver = ev.ts;
      s.lastOver = ev.ts;
    }
    if (s.flowIds.length < 64) s.flowIds.push(ev.flow.id);
    addFrame(s.frames, ev.frame);
  }

  /** Moves the window to end at `sec`, dropping the slots that fell out of it. */
  private advance(s: Service, sec: number): void {
    if (sec <= s.slotSecond) return;
    const steps = Math.min(sec - s.slotSecond, WINDOW_SECONDS);
    for (let i = 1; i <= steps; i++) {
      const slot = (s.slotSecond + i) % WINDOW_SECONDS;
      s.inWindow -= s.slots[slot]!;
      s.slots[slot] = 0;
    }
    s.slotSecond = sec;
  }

  findings(_ctx: FindingContext): Finding[] {
    const N = this.t.timeWaitPileupPerMinute;
    const out: Finding[] = [];
    for (const s of this.services.values()) {
      if (s.peak < N) continue;
      const message =
        `${hostPort(s.ip, s.port)} closed up to ${count(s.peak)} connections first within 60 s (${count(s.total)} in all): ` +
        `each leaves a server socket in TIME_WAIT, and clients reconnecting from a recently used port are delayed or reset (port exhaustion behind NAT or a proxy); ` +
        `let the clients close first (keep-alive), or reuse connections.`;
      out.push(
        makeFinding({
          id: this.id,
          severity: 'warning',
          message,
          endpoint: { ip: s.ip, port: s.port },
          flowIds: s.flowIds,
          since: s.firstOver,
          duration: s.lastOver - s.firstOver,
          censored: false,
          frames: s.frames,
          service: { ip: s.ip, port: s.port },
          details: { peakPerMinute: s.peak, activeCloses: s.total, thresholdPerMinute: N, window: duration(WINDOW_SECONDS) },
        }),
      );
    }
    return out.sort((a, b) => a.since - b.since || a.endpoint.ip.localeCompare(b.endpoint.ip) || a.endpoint.port - b.endpoint.port);
  }
}
