import type { Flow } from '../model/flow.js';
import { FlowMap } from './flow-map.js';
import { grown } from './grown.js';

/** What last-ack-stuck keeps about one passive close. */
export interface Notes {
  flow: Flow;
  /** The passive closer, whose FIN waits for the last ACK. */
  client: boolean;
  finFrame: number;
  finTs: number;
  retransmissions: number;
  lastRetransmissionTs: number;
  /**
   * Evidence after finFrame, in capture order; null until the first FIN
   * retransmission: most closes only add the final ACK (finalAckFrame), and
   * notes live until the end of TIME_WAIT, so an array per close is garbage
   * the old generation has to collect.
   */
  laterFrames: number[] | null;
  /** The peer's ACK covering the FIN, as seen here (0 if none). */
  finalAckFrame: number;
  /** Whether the final ACK was seen before a FIN retransmission: lost after the capture point. */
  ackSeenBeforeRetransmission: boolean;
}

/**
 * Quiet notes: closes whose final ACK came before any FIN retransmission
 * (most of them). Until the flow ends (the peer's TIME_WAIT) only a late FIN
 * retransmission can change them, so they wait as four numbers in columns,
 * a slot per flow, rather than as a Notes object: retransmissions 0,
 * lastRetransmissionTs = finTs, laterFrames null.
 */
export class QuietNotes {
  private readonly slots = new FlowMap<number>();
  private finFrame = new Float64Array(1024);
  private finTs = new Float64Array(1024);
  private finalAck = new Float64Array(1024);
  private closer = new Uint8Array(1024);
  /** Slots in use or freed so far; freed slots wait in free. */
  private top = 0;
  private readonly free: number[] = [];

  get size(): number {
    return this.slots.size;
  }

  has(flow: Flow): boolean {
    return this.slots.has(flow);
  }

  /** The slot of a flow's quiet notes, if it has some. */
  slotOf(flow: Flow): number | undefined {
    return this.slots.get(flow);
  }

  /** Whether the passive closer (whose FIN waited) is the flow's client. */
  closerIsClient(slot: number): boolean {
    return this.closer[slot] === 1;
  }

  /** The frame of the closer's first FIN. */
  finFrameAt(slot: number): number {
    return this.finFrame[slot]!;
  }

  /** Notes that got their final ACK before any FIN retransmission. */
  park(n: Notes): void {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.top++;
      if (slot === this.closer.length) this.grow();
    }
    this.finFrame[slot] = n.finFrame;
    this.finTs[slot] = n.finTs;
    this.finalAck[slot] = n.finalAckFrame;
    this.closer[slot] = n.client ? 1 : 0;
    this.slots.set(n.flow, slot);
  }

  /** The Notes a slot stands for, taken out of the columns. */
  take(flow: Flow, slot: number): Notes {
    this.slots.delete(flow);
    this.free.push(slot);
    const finTs = this.finTs[slot]!;
    return {
      flow,
      client: this.closer[slot] === 1,
      finFrame: this.finFrame[slot]!,
      finTs,
      retransmissions: 0,
      lastRetransmissionTs: finTs,
      laterFrames: null,
      finalAckFrame: this.finalAck[slot]!,
      ackSeenBeforeRetransmission: false,
    };
  }

  private grow(): void {
    const n = this.closer.length * 2;
    this.finFrame = grown(this.finFrame, new Float64Array(n));
    this.finTs = grown(this.finTs, new Float64Array(n));
    this.finalAck = grown(this.finalAck, new Float64Array(n));
    this.closer = grown(this.closer, new Uint8Array(n));
  }
}
