import type { SegmentEvent, TrackerListener } from '../model/events.js';
import type { Flow } from '../model/flow.js';
import { TcpFlag } from '../model/decoded.js';
import { Analysis } from '../model/events.js';
import { STATE_NAMES, TcpState, type TcpStateName } from '../model/tcp-state.js';

const NSTATES = STATE_NAMES.length;
/** Enough points for a chart a page wide; the bucket width doubles to stay under it. */
const MAX_BUCKETS = 240;
const INITIAL_WIDTH = 0.001;

/** States in which an endpoint holds an open socket: what the chart counts. */
const OPEN: ReadonlySet<number> = new Set([
  TcpState.SYN_SENT,
  TcpState.SYN_RCVD,
  TcpState.ESTABLISHED,
  TcpState.FIN_WAIT_1,
  TcpState.FIN_WAIT_2,
  TcpState.CLOSE_WAIT,
  TcpState.CLOSING,
  TcpState.LAST_ACK,
  TcpState.TIME_WAIT,
]);

/** Per-state endpoint counts over capture time, plus connection attempts against completed handshakes. */
export interface StateSeriesData {
  t0: number;
  /** Seconds per bucket. */
  width: number;
  buckets: number;
  /** Endpoints in each state at the end of each bucket (only states that ever had one). */
  states: Partial<Record<TcpStateName, number[]>>;
  /** Client SYNs (not retransmitted) per bucket. */
  syns: number[];
  /** Handshakes completed per bucket. */
  handshakes: number[];
}

/**
 * Samples how many endpoints are in each state, from the transitions the
 * tracker reports, into time buckets whose width adapts to the capture's
 * length (unknown until the end): whenever the buckets run out, neighbours
 * merge and the width doubles.
 */
export class StateSeries implements TrackerListener {
  private t0 = NaN;
  private width = INITIAL_WIDTH;
  private readonly counts = new Int32Array(NSTATES);
  /** End-of-bucket snapshots, NSTATES per bucket. */
  private snaps = new Int32Array(MAX_BUCKETS * NSTATES);
  private syns = new Float64Array(MAX_BUCKETS);
  private handshakes = new Float64Array(MAX_BUCKETS);
  /** Buckets [0, filled) have their snapshot. */
  private filled = 0;
  private current = 0;
  private readonly flowStates = new Map<number, number>();
  private everUsed = 0;

  tick(ts: number): void {
    if (Number.isNaN(this.t0)) this.t0 = ts;
    let idx = Math.floor((ts - this.t0) / this.width);
    if (idx < this.current) return; // out-of-order timestamps: count in the current bucket
    while (idx >= MAX_BUCKETS) {
      this.coarsen();
      idx = Math.floor((ts - this.t0) / this.width);
    }
    this.fillTo(idx);
    this.current = idx;
  }

  segment(ev: SegmentEvent): void {
    if (ev.fromClient && ev.flags & TcpFlag.SYN && !(ev.flags & TcpFlag.ACK) && !(ev.analysis & Analysis.RETRANSMISSION)) {
      this.syns[this.current]!++;
    }
    if (ev.clientAfter !== ev.clientBefore || ev.serverAfter !== ev.serverBefore) {
      this.move(ev.clientBefore, ev.clientAfter);
      this.move(ev.serverBefore, ev.serverAfter);
      const established = TcpState.ESTABLISHED;
      const wasOpen = ev.clientBefore === established && ev.serverBefore === established;
      if (!wasOpen && ev.clientAfter === established && ev.serverAfter === established && !ev.flow.partial) {
        this.handshakes[this.current]!++;
      }
      this.flowStates.set(ev.flow.id, ev.clientAfter * 16 + ev.serverAfter);
    } else if (!this.flowStates.has(ev.flow.id)) {
      // A flow picked up mid-stream: first seen already in its states.
      this.move(TcpState.CLOSED, ev.clientAfter);
      this.move(TcpState.CLOSED, ev.serverAfter);
      this.flowStates.set(ev.flow.id, ev.clientAfter * 16 + ev.serverAfter);
    }
  }

  flowEnd(flow: Flow, atCaptureEnd: boolean): void {
    // At capture end the flows are still open: the last bucket must show them.
    if (atCaptureEnd) return;
    const packed = this.flowStates.get(flow.id);
    if (packed === undefined) return;
    this.flowStates.delete(flow.id);
    this.move(packed >> 4, TcpState.CLOSED);
    this.move(packed & 15, TcpState.CLOSED);
  }

  /** The series up to the capture's last packet. */
  data(): StateSeriesData {
    const buckets = Number.isNaN(this.t0) ? 0 : this.current + 1;
    this.fillTo(buckets);
    const states: Partial<Record<TcpStateName, number[]>> = {};
    for (let s = 0; s < NSTATES; s++) {
      if (!(this.everUsed & (1 << s))) continue;
      const series: number[] = [];
      for (let b = 0; b < buckets; b++) series.push(this.snaps[b * NSTATES + s]!);
      states[STATE_NAMES[s]!] = series;
    }
    return {
      t0: Number.isNaN(this.t0) ? 0 : this.t0,
      width: this.width,
      buckets,
      states,
      syns: Array.from(this.syns.subarray(0, buckets)),
      handshakes: Array.from(this.handshakes.subarray(0, buckets)),
    };
  }

  private move(from: number, to: number): void {
    if (from === to) return;
    if (OPEN.has(from)) this.counts[from]!--;
    if (OPEN.has(to)) {
      this.counts[to]!++;
      this.everUsed |= 1 << to;
    }
  }

  private fillTo(idx: number): void {
    for (; this.filled < idx; this.filled++) this.snaps.set(this.counts, this.filled * NSTATES);
  }

  private coarsen(): void {
    const half = MAX_BUCKETS / 2;
    for (let k = 0; k < half; k++) {
      // A merged bucket ends where its second half ended.
      const src = k * 2 + 1 < this.filled ? k * 2 + 1 : k * 2;
      this.snaps.copyWithin(k * NSTATES, src * NSTATES, src * NSTATES + NSTATES);
      this.syns[k] = this.syns[2 * k]! + this.syns[2 * k + 1]!;
      this.handshakes[k] = this.handshakes[2 * k]! + this.handshakes[2 * k + 1]!;
    }
    this.syns.fill(0, half);
    this.handshakes.fill(0, half);
    this.filled = Math.floor(this.filled / 2);
    this.current = Math.floor(this.current / 2);
    this.width *= 2;
  }
}
