import type { Connection } from './connection.js';

/**
 * Flows out of the table (Zeek deletes a closed connection after 5 s) with a
 * side still in TIME_WAIT: their flowEnd waits for the 2·MSL timer or the
 * capture's end, so that every listener sees the end state the report shows.
 * An array with holes, each flow's position in its `entry` (-2 - position):
 * a Set of them, hundreds of thousands at once with one add and one delete
 * each, was a hash table of about 25 MB at 1 M connections.
 */
export class LingeringFlows {
  private flows: (Connection | null)[] = [];
  private size = 0;

  /** `f` has just left the table (entry -1). */
  add(f: Connection): void {
    f.entry = -2 - this.flows.length;
    this.flows.push(f);
    this.size++;
  }

  /** Whether `f` was lingering; it no longer is. */
  delete(f: Connection): boolean {
    if (f.entry > -2) return false;
    this.flows[-2 - f.entry] = null;
    f.entry = -1;
    this.size--;
    // Holes are squeezed out once they are half the array: each flow moves a bounded number of times on average.
    if (this.flows.length > 1024 && this.size * 2 < this.flows.length) this.compact();
    return true;
  }

  /** Every lingering flow, taken out. */
  takeAll(): Connection[] {
    const out: Connection[] = [];
    for (const f of this.flows) {
      if (f === null) continue;
      f.entry = -1;
      out.push(f);
    }
    this.flows = [];
    this.size = 0;
    return out;
  }

  private compact(): void {
    const a = this.flows;
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      const f = a[i]!;
      if (f === null) continue;
      f.entry = -2 - n;
      a[n++] = f;
    }
    a.length = n;
  }
}
