import { PacketClock } from '../model/clock.js';
import { TcpFlag } from '../model/decoded.js';
import { Analysis, Interest, WatchBit, unwatchFlow, watchFlow, type SegmentEvent } from '../model/events.js';
import type { Flow, FlowRef } from '../model/flow.js';
import type { Finding, OmittedFindings } from '../model/report.js';
import type { Detector, FindingContext } from './detector.js';
import { addFrame, byStart, makeFinding, ref, serviceOf } from './finding.js';
import type { FindingCap } from './finding-cap.js';
import { FlowMap } from './flow-map.js';
import { PendingFindings } from './pending-findings.js';
import { flowRef } from './flow-ref.js';
import { peerOf, sideOf } from './side.js';
import { duration, hostPort, plural } from './text.js';
import type { Thresholds } from './thresholds.js';

interface Stall {
  start: number;
  startFrame: number;
  probes: number;
  frames: number[];
}

/** Stalls of one receiver over a whole connection, summed into one finding. */
interface Summary {
  /** The flow while it lasts; what the finding names of it once it ended. */
  flow: Flow | FlowRef;
  /** The receiver advertising the zero window. */
  client: boolean;
  stalls: number;
  total: number;
  longest: number;
  since: number;
  probes: number;
  frames: number[];
  censored: boolean;
}

interface Notes {
  open: [Stall | null, Stall | null];
  summary: [Summary | null, Summary | null];
}

/** One receiver's stalls once its flow ended (at endTs, -1 for the capture's end): what its finding tells. */
interface Ended {
  flow: Flow | FlowRef;
  n: Notes;
  /** 0: the client's stalls, 1: the server's. */
  i: number;
  endTs: number;
}

/**
 * zero-window-stall: a receiver advertises a zero window for ≥
 * zeroWindowSeconds while the sender probes it: its application stopped
 * reading. Without probes nothing was waiting to be sent (info).
 */
export class ZeroWindowStallDetector implements Detector {
  readonly id = 'zero-window-stall';
  readonly marksKept = true;
  readonly interest = Interest.ZERO_WINDOW;
  /** A flow with an open stall is followed packet by packet (reopening, probes). */
  readonly watchBit = WatchBit.ZERO_WINDOW_STALL;
  private readonly notes = new FlowMap<Notes>();
  private readonly ended: PendingFindings<Ended>;
  /** Packet time, for a stall that ends with its flow. */
  private clock = new PacketClock();

  constructor(
    private readonly t: Thresholds,
    cap?: FindingCap,
  ) {
    this.ended = new PendingFindings((e, lastTs) => this.finding(e, lastTs), cap);
  }

  useClock(clock: PacketClock): void {
    this.clock = clock;
  }

  segment(ev: SegmentEvent): void {
    const f = ev.flags;
    const zero = ev.window === 0 && (f & (TcpFlag.RST | TcpFlag.SYN)) === 0;
    let n = this.notes.size > 0 ? this.notes.get(ev.flow) : undefined;
    if (n === undefined) {
      if (!zero) return;
      n = { open: [null, null], summary: [null, null] };
      this.notes.set(ev.flow, n);
    }
    const me = ev.fromClient ? 0 : 1;
    const stall = n.open[me];
    if (zero) {
      if (stall === null) {
        n.open[me] = { start: ev.ts, startFrame: ev.frame, probes: 0, frames: [ev.frame] };
        watchFlow(ev.flow, WatchBit.ZERO_WINDOW_STALL);
      }
    } else if (stall !== null && (f & TcpFlag.RST) === 0) {
      addFrame(stall.frames, ev.frame);
      this.close(ev.flow, n, me, ev.ts, false);
    }
    // A probe from this side tests the peer's zero window. Linux probes with
    // seq = SND.UNA - 1 and no data, which Wireshark labels a keep-alive.
    const peerStall = n.open[1 - me];
    if (peerStall !== null && ev.analysis & (Analysis.ZERO_WINDOW_PROBE | Analysis.KEEP_ALIVE)) {
      peerStall.probes++;
      addFrame(peerStall.frames, ev.frame);
    }
    // Without an open stall, only a zero window matters again.
    if (n.open[0] === null && n.open[1] === null) unwatchFlow(ev.flow, WatchBit.ZERO_WINDOW_STALL);
  }

  private close(flow: Flow | FlowRef, n: Notes, i: number, end: number, censored: boolean): void {
    const stall = n.open[i]!;
    n.open[i] = null;
    const d = end - stall.start;
    if (d < this.t.zeroWindowSeconds) return;
    let s = n.summary[i];
    if (s === null) {
      s = { flow, client: i === 0, stalls: 0, total: 0, longest: 0, since: stall.start, probes: 0, frames: [], censored: false };
      n.summary[i] = s;
    }
    s.stalls++;
    s.total += d;
    if (d > s.longest) s.longest = d;
    s.probes += stall.probes;
    s.censored = censored;
    for (const fr of stall.frames) addFrame(s.frames, fr);
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    const n = this.notes.get(flow);
    if (n === undefined) return;
    this.notes.delete(flow);
    unwatchFlow(flow, WatchBit.ZERO_WINDOW_STALL);
    // Only stalls long enough, or still open, can make a finding.
    if (n.open[0] === null && n.open[1] === null && n.summary[0] === null && n.summary[1] === null) return;
    const endTs = atCaptureEnd ? -1 : this.clock.ts;
    for (let i = 0; i < 2; i++) {
      if (n.open[i] === null && n.summary[i] === null) continue;
      if (n.open[i] === null || !atCaptureEnd) {
        this.ended.settle({ flow, n, i, endTs });
        continue;
      }
      // A window still closed at the capture's end is measured up to its last packet, known in findings().
      // Kept to then: the addresses, not the whole flow with both sides' counters.
      const ref = flowRef(flow);
      if (n.summary[i] !== null) n.summary[i]!.flow = ref;
      this.ended.keepToEnd({ flow: ref, n, i, endTs });
    }
  }

  findings(ctx: FindingContext): Finding[] {
    return this.ended.findings(ctx.lastTs).sort(byStart);
  }

  omitted(): OmittedFindings {
    return this.ended.omitted();
  }

  /** The receiver's finding, a window still closed measured up to endTs (lastTs, the capture's end, for -1). */
  private finding({ flow, n, i, endTs }: Ended, lastTs: number): Finding | null {
    // Closing it again finds nothing open: a second findings() writes the same.
    if (n.open[i] !== null) this.close(flow, n, i, endTs < 0 ? lastTs : endTs, true);
    const s = n.summary[i];
    if (s === null) return null;
    const side = sideOf(s.flow, s.client);
    const peer = peerOf(s.flow, s.client);
    const me = hostPort(side.ip, side.port);
    const p = hostPort(peer.ip, peer.port);
    const total = s.total;
    const longest = s.longest;
    const stalls = s.stalls === 1 ? `for ${duration(longest)}` : `${s.stalls} times, up to ${duration(longest)} (${duration(total)} in all)`;
    const end = s.censored ? ', still closed when the capture ended' : '';
    const message =
      s.probes > 0
        ? `${me} advertised a zero window ${stalls} from frame ${s.frames[0]}${end}, while ${p} probed it ${plural(s.probes, 'time')}: the application on ${me} stopped reading (or reads slower than ${p} sends).`
        : `${me} advertised a zero window ${stalls} from frame ${s.frames[0]}${end}, but ${p} sent no window probe: nothing was waiting to be sent.`;
    return makeFinding({
      id: this.id,
      severity: s.probes > 0 ? 'warning' : 'info',
      message,
      endpoint: ref(side),
      flowIds: [s.flow.id],
      since: s.since,
      duration: total,
      censored: s.censored,
      frames: s.frames,
      service: serviceOf(s.flow),
      details: { stalls: s.stalls, longestSeconds: Math.round(longest * 1e6) / 1e6, probes: s.probes },
    });
  }
}
