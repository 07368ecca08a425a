const MIN_CAPACITY = 1024;

/**
 * Timers in deadline order (deadlines only grow with packet time: first in,
 * first out), each a flow, an optional payload (the endpoint it is for), its
 * time and a tag (the flow's id: a flow object is reused once its flow has
 * ended, so an entry left behind must not fire on the next flow in it), in a
 * ring of power-of-two capacity. Fired entries leave no slack:
 * arrays trimmed by copying once half fired held up to twice the pending
 * timers, hundreds of thousands while closed flows wait out TIME_WAIT.
 */
export class TimerQueue<F, P> {
  private flows: (F | null)[] = new Array<F | null>(MIN_CAPACITY).fill(null);
  private payloads: (P | null)[] = new Array<P | null>(MIN_CAPACITY).fill(null);
  private at = new Float64Array(MIN_CAPACITY);
  private tags = new Float64Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  private head = 0;
  private count = 0;
  /**
   * The earliest deadline, Infinity when empty; only the queue writes it. A
   * field, not a getter: read before every packet, a getter that was not
   * inlined returned a new heap number each time (14 bytes a packet).
   */
  nextAt = Infinity;

  get size(): number {
    return this.count;
  }

  /** The earliest entry's flow and payload (valid while size > 0). */
  get firstFlow(): F {
    return this.flows[this.head]!;
  }
  get firstPayload(): P {
    return this.payloads[this.head]!;
  }
  get firstTag(): number {
    return this.tags[this.head]!;
  }

  push(flow: F, payload: P | null, at: number, tag: number): void {
    if (this.count > this.mask) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.flows[i] = flow;
    this.payloads[i] = payload;
    this.at[i] = at;
    this.tags[i] = tag;
    if (this.count++ === 0) this.nextAt = at;
  }

  /** Drops the earliest entry; its references go at once (an ended flow must not wait here to be freed). */
  shift(): void {
    this.flows[this.head] = null;
    this.payloads[this.head] = null;
    this.head = (this.head + 1) & this.mask;
    this.nextAt = --this.count > 0 ? this.at[this.head]! : Infinity;
  }

  private grow(): void {
    const n = this.mask + 1;
    const flows = new Array<F | null>(2 * n).fill(null);
    const payloads = new Array<P | null>(2 * n).fill(null);
    const at = new Float64Array(2 * n);
    const tags = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      const i = (this.head + k) & this.mask;
      flows[k] = this.flows[i]!;
      payloads[k] = this.payloads[i]!;
      at[k] = this.at[i]!;
      tags[k] = this.tags[i]!;
    }
    this.flows = flows;
    this.payloads = payloads;
    this.at = at;
    this.tags = tags;
    this.mask = 2 * n - 1;
    this.head = 0;
  }
}
