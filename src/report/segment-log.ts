import type { SegmentEvent } from '../model/events.js';
import type { TcpState } from '../model/tcp-state.js';
import type { TimelineRow } from './timeline-row.js';

const FIELDS = 9;

/**
 * The segments of one connection, packed as numbers (72 bytes a segment, no
 * object per packet). With caps, keeps the first `headCap` segments and a
 * ring of the last `tailCap`; everything between is only counted.
 */
export class SegmentLog {
  private head: Float64Array;
  private headLen = 0;
  private readonly tail: Float64Array;
  private tailNext = 0;
  /** Segments seen in total. */
  total = 0;
  /** Union of the Analysis bits of every segment, dropped ones included. */
  analysisSeen = 0;

  constructor(
    private readonly headCap = Infinity,
    private readonly tailCap = 0,
  ) {
    this.head = new Float64Array(FIELDS * Math.min(headCap, 8));
    this.tail = new Float64Array(FIELDS * tailCap);
  }

  push(ev: SegmentEvent): void {
    this.total++;
    this.analysisSeen |= ev.analysis;
    let buf: Float64Array;
    let at: number;
    if (this.headLen < this.headCap) {
      if ((this.headLen + 1) * FIELDS > this.head.length) {
        const grown = new Float64Array(Math.min(this.head.length * 2, FIELDS * this.headCap));
        grown.set(this.head);
        this.head = grown;
      }
      buf = this.head;
      at = this.headLen++ * FIELDS;
    } else if (this.tailCap > 0) {
      buf = this.tail;
      at = this.tailNext * FIELDS;
      this.tailNext = (this.tailNext + 1) % this.tailCap;
    } else {
      return;
    }
    buf[at] = ev.frame;
    buf[at + 1] = ev.ts;
    buf[at + 2] = ev.flags * 2 + (ev.fromClient ? 1 : 0);
    buf[at + 3] = ev.relSeq;
    buf[at + 4] = ev.relAck;
    buf[at + 5] = ev.payloadLen;
    buf[at + 6] = ev.window;
    buf[at + 7] = ev.analysis;
    buf[at + 8] = ev.clientBefore | (ev.serverBefore << 4) | (ev.clientAfter << 8) | (ev.serverAfter << 12);
  }

  /** Segments dropped between the head and the tail. */
  get omitted(): number {
    return this.total - this.headLen - Math.min(this.tailCap, this.total - this.headLen);
  }

  /** Index in rows() after which the omitted segments belong. */
  get gapAfter(): number {
    return this.headLen;
  }

  rows(): TimelineRow[] {
    const out: TimelineRow[] = [];
    for (let i = 0; i < this.headLen; i++) out.push(decode(this.head, i * FIELDS));
    const inTail = Math.min(this.tailCap, this.total - this.headLen);
    const start = inTail < this.tailCap ? 0 : this.tailNext;
    for (let k = 0; k < inTail; k++) out.push(decode(this.tail, ((start + k) % this.tailCap) * FIELDS));
    return out;
  }
}

function decode(buf: Float64Array, at: number): TimelineRow {
  const packed = buf[at + 2]!;
  const states = buf[at + 8]!;
  return {
    frame: buf[at]!,
    ts: buf[at + 1]!,
    fromClient: packed % 2 === 1,
    flags: Math.floor(packed / 2),
    relSeq: buf[at + 3]!,
    relAck: buf[at + 4]!,
    payloadLen: buf[at + 5]!,
    window: buf[at + 6]!,
    analysis: buf[at + 7]!,
    clientBefore: (states & 15) as TcpState,
    serverBefore: ((states >> 4) & 15) as TcpState,
    clientAfter: ((states >> 8) & 15) as TcpState,
    serverAfter: ((states >> 12) & 15) as TcpState,
  };
}
