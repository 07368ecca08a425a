/** Records per page (EndpointPage, ZeekPage): slot s is record s & (PAGE_SLOTS - 1) of page s >> PAGE_BITS. */
export const PAGE_BITS = 12;
export const PAGE_SLOTS = 1 << PAGE_BITS;

/**
 * Slot numbers for fixed-size records kept in pages of PAGE_SLOTS records.
 * A page is made once and never copied: growing one buffer by copying left
 * the old one (hundreds of MB at a million connections) to the next full
 * garbage collection. Slots come from a free list; a page is added when all
 * are taken. Initialising a record is its owner's job.
 */
export class PagedSlots<P> {
  private nextSlot = 0;
  private readonly freeSlots: number[] = [];
  /** Page i holds slots i * PAGE_SLOTS up to (i + 1) * PAGE_SLOTS - 1. */
  readonly pages: P[] = [];

  constructor(private readonly newPage: () => P) {}

  /** A free slot, its page made if needed. */
  take(): number {
    const s = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.nextSlot++;
    if (s >> PAGE_BITS === this.pages.length) this.pages.push(this.newPage());
    return s;
  }

  give(s: number): void {
    this.freeSlots.push(s);
  }
}
