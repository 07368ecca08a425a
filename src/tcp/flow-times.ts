import { PAGE_BITS, PAGE_SLOTS, PagedSlots } from './paged-slots.js';

/** Doubles per connection: first packet time, last packet time, handshake RTT (or the first SYN's time while it is pending). */
export const TIMES_STRIDE = 3;

/** PAGE_SLOTS connections' times. */
export class FlowTimesPage {
  readonly f64 = new Float64Array(PAGE_SLOTS * TIMES_STRIDE);
}

/**
 * The three times of every connection the tracker holds, in pages of
 * doubles. As fields of Connection each was a heap number of its own: three
 * objects more per connection for the garbage collector to mark, and 48
 * bytes, with half a million connections held at once.
 */
export class FlowTimes {
  private readonly slots = new PagedSlots(() => new FlowTimesPage());
  private readonly pages = this.slots.pages;

  /** A slot for a new connection, its for good (Connection.renew); its three times are for the caller to set. */
  alloc(): number {
    return this.slots.take();
  }

  page(s: number): FlowTimesPage {
    return this.pages[s >> PAGE_BITS]!;
  }
}
