import type { Flow } from '../model/flow.js';

const MIN_CAPACITY = 64;

/**
 * A detector's notes by flow, as a Map<Flow, T> would hold them, keyed on
 * Flow.id (unique within a run, from 1) in an open-addressing table: a typed
 * array of ids beside an array of values, no Map entry per connection.
 * With tens of thousands of flows noted at once (every close waiting out
 * TIME_WAIT) a Map keyed by the flow measured 2-3 times slower per
 * set/get/delete. An id's home position is the id itself, wrapped: flows
 * get ids in order, so the flows noted at once sit side by side and collide
 * only when their ids span more than the table. Linear probing with
 * backward-shift deletion leaves no tombstones; the table shrinks again when
 * the notes go, so memory follows the notes.
 */
export class FlowMap<T> {
  size = 0;
  /** Flow id at each position, 0 where empty. */
  private ids = new Int32Array(MIN_CAPACITY);
  private vals: (T | undefined)[] = new Array<T | undefined>(MIN_CAPACITY).fill(undefined);
  private mask = MIN_CAPACITY - 1;

  get(flow: Flow): T | undefined {
    const i = this.find(flow.id);
    return i < 0 ? undefined : this.vals[i];
  }

  has(flow: Flow): boolean {
    return this.find(flow.id) >= 0;
  }

  set(flow: Flow, value: T): void {
    const id = flow.id;
    const i = this.find(id);
    if (i >= 0) {
      this.vals[i] = value;
      return;
    }
    if ((this.size + 1) * 2 > this.ids.length) this.resize(this.ids.length * 2);
    const ids = this.ids;
    const m = this.mask;
    let j = id & this.mask;
    while (ids[j] !== 0) j = (j + 1) & m;
    ids[j] = id;
    this.vals[j] = value;
    this.size++;
  }

  delete(flow: Flow): boolean {
    let i = this.find(flow.id);
    if (i < 0) return false;
    const ids = this.ids;
    const vals = this.vals;
    const m = this.mask;
    // Backward shift: each later id of the run moves into the hole unless its home lies cyclically in (hole, its position].
    for (let j = (i + 1) & m; ids[j] !== 0; j = (j + 1) & m) {
      const home = ids[j]! & m;
      if (i <= j ? i < home && home <= j : i < home || home <= j) continue;
      ids[i] = ids[j]!;
      vals[i] = vals[j];
      i = j;
    }
    ids[i] = 0;
    vals[i] = undefined;
    this.size--;
    if (this.size * 8 < ids.length && ids.length > MIN_CAPACITY) this.resize(ids.length / 2);
    return true;
  }

  /** Position of `id`, -1 if absent. */
  private find(id: number): number {
    const ids = this.ids;
    const m = this.mask;
    for (let i = id & this.mask; ; i = (i + 1) & m) {
      const x = ids[i]!;
      if (x === id) return i;
      if (x === 0) return -1;
    }
  }

  private resize(capacity: number): void {
    const ids = this.ids;
    const vals = this.vals;
    this.ids = new Int32Array(capacity);
    this.vals = new Array<T | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    const m = this.mask;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === 0) continue;
      let j = id & this.mask;
      while (this.ids[j] !== 0) j = (j + 1) & m;
      this.ids[j] = id;
      this.vals[j] = vals[i];
    }
  }
}
