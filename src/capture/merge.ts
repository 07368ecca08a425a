import { recordBytes, type PacketRecord } from '../model/packet.js';

/** One input of a merge: a queue of records that can be refilled from its file. */
export interface Lane {
  /** Makes sure a record is queued, reading more input if needed; false once the lane is exhausted. */
  fill(): boolean | Promise<boolean>;
  peek(): PacketRecord;
  shift(): void;
}

/**
 * Merges lanes into one stream ordered by time stamp, like mergecap: at each
 * step the lane whose next record is earliest goes first, ties to the lower
 * lane index. Each lane is assumed to be in order already (as a file is); a
 * lane that is not still comes out in its own order, interleaved.
 */
export async function mergeByTime(lanes: Lane[], deliver: (rec: PacketRecord, lane: number) => void): Promise<void> {
  const active: number[] = [];
  for (let i = 0; i < lanes.length; i++) if (await lanes[i]!.fill()) active.push(i);
  while (active.length > 0) {
    let best = 0;
    let bestRec = lanes[active[0]!]!.peek();
    for (let k = 1; k < active.length; k++) {
      const r = lanes[active[k]!]!.peek();
      if (r.tsSec < bestRec.tsSec || (r.tsSec === bestRec.tsSec && r.tsNsec < bestRec.tsNsec)) {
        best = k;
        bestRec = r;
      }
    }
    const laneIndex = active[best]!;
    const lane = lanes[laneIndex]!;
    deliver(bestRec, laneIndex);
    lane.shift();
    const f = lane.fill();
    if (!(typeof f === 'boolean' ? f : await f)) active.splice(best, 1);
  }
}

/** FIFO of copied records (the parsers reuse theirs). */
export class RecordQueue {
  private items: PacketRecord[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  pushCopy(rec: PacketRecord): void {
    this.items.push({ ...rec, data: recordBytes(rec).slice(), offset: 0 });
  }

  peek(): PacketRecord {
    return this.items[this.head]!;
  }

  shift(): void {
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
  }
}
