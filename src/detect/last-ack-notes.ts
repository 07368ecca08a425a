import type { Flow } from '../model/flow.js';

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

const MIN_CAPACITY = 1024;

/**
 * Quiet notes: closes whose final ACK came before any FIN retransmission
 * (most of them). Until the flow ends (the peer's TIME_WAIT) only a late FIN
 * retransmission can change them, so they wait as four numbers rather than
 * as a Notes object: retransmissions 0, lastRetransmissionTs = finTs,
 * laterFrames null. The numbers are the records of an open-addressing table
 * on the flow id (linear probing, backward-shift deletion), one 32-byte
 * record per position: a close costs one cache line to note and one to drop,
 * where a map to slots in separate columns touched five.
 */
/*
 * Record layout, rec[position * 4 + i]: 0 flow id (0: empty), 1 finFrame,
 * 2 finTs, 3 finalAckFrame * 2 + (closer is the client ? 1 : 0).
 */
export class QuietNotes {
  size = 0;
  private rec = new Float64Array(MIN_CAPACITY * 4);
  private mask = MIN_CAPACITY - 1;

  has(flow: Flow): boolean {
    return this.find(flow.id) >= 0;
  }

  /** The slot of a flow's quiet notes, if it has some: valid until the next park, take or drop. */
  slotOf(flow: Flow): number | undefined {
    const i = this.find(flow.id);
    return i < 0 ? undefined : i;
  }

  /** Whether the passive closer (whose FIN waited) is the flow's client. */
  closerIsClient(slot: number): boolean {
    return this.rec[slot * 4 + 3 /* finalAck, closer */]! % 2 === 1;
  }

  /** The frame of the closer's first FIN. */
  finFrameAt(slot: number): number {
    return this.rec[slot * 4 + 1 /* finFrame */]!;
  }

  /** Notes that got their final ACK before any FIN retransmission. */
  park(n: Notes): void {
    const id = n.flow.id;
    let i = this.find(id);
    if (i < 0) {
      if ((this.size + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
      i = this.home(id);
      while (this.rec[i * 4] !== 0) i = (i + 1) & this.mask;
      this.size++;
    }
    const rec = this.rec;
    rec[i * 4 + 0 /* id */] = id;
    rec[i * 4 + 1 /* finFrame */] = n.finFrame;
    rec[i * 4 + 2 /* finTs */] = n.finTs;
    rec[i * 4 + 3 /* finalAck, closer */] = n.finalAckFrame * 2 + (n.client ? 1 : 0);
  }

  /** The Notes a slot stands for, taken out of the table. */
  take(flow: Flow, slot: number): Notes {
    const rec = this.rec;
    const finTs = rec[slot * 4 + 2 /* finTs */]!;
    const last = rec[slot * 4 + 3 /* finalAck, closer */]!;
    const n: Notes = {
      flow,
      client: last % 2 === 1,
      finFrame: rec[slot * 4 + 1 /* finFrame */]!,
      finTs,
      retransmissions: 0,
      lastRetransmissionTs: finTs,
      laterFrames: null,
      finalAckFrame: Math.floor(last / 2),
      ackSeenBeforeRetransmission: false,
    };
    this.drop(slot);
    return n;
  }

  /** Forgets a flow's quiet notes. */
  drop(slot: number): void {
    const rec = this.rec;
    const m = this.mask;
    let i = slot;
    // Each later record of the run moves into the hole unless its home lies cyclically in (hole, its position].
    for (let j = (i + 1) & m; rec[j * 4] !== 0; j = (j + 1) & m) {
      const home = this.home(rec[j * 4]!);
      if (i <= j ? i < home && home <= j : i < home || home <= j) continue;
      rec[i * 4] = rec[j * 4]!;
      rec[i * 4 + 1] = rec[j * 4 + 1]!;
      rec[i * 4 + 2] = rec[j * 4 + 2]!;
      rec[i * 4 + 3] = rec[j * 4 + 3]!;
      i = j;
    }
    rec[i * 4] = 0;
    this.size--;
    if (this.size * 8 < m + 1 && m + 1 > MIN_CAPACITY) this.resize((m + 1) / 2);
  }

  /**
   * The id itself, wrapped: flows get ids in order and close in about that
   * order, so notes parked and dropped around the same time share cache
   * lines, and ids noted at once collide only once they span more than the
   * table (a scattering hash made every park and drop a cache miss).
   */
  private home(id: number): number {
    return id & this.mask;
  }

  /** Position of `id`, -1 if absent. */
  private find(id: number): number {
    const rec = this.rec;
    const m = this.mask;
    for (let i = this.home(id); ; i = (i + 1) & m) {
      const x = rec[i * 4]!;
      if (x === id) return i;
      if (x === 0) return -1;
    }
  }

  private resize(capacity: number): void {
    const old = this.rec;
    this.rec = new Float64Array(capacity * 4);
    this.mask = capacity - 1;
    for (let k = 0; k < old.length; k += 4) {
      if (old[k] === 0) continue;
      const rec = this.rec;
      let i = this.home(old[k]!);
      while (rec[i * 4] !== 0) i = (i + 1) & this.mask;
      rec[i * 4] = old[k]!;
      rec[i * 4 + 1] = old[k + 1]!;
      rec[i * 4 + 2] = old[k + 2]!;
      rec[i * 4 + 3] = old[k + 3]!;
    }
  }
}
