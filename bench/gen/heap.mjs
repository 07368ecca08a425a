// Min-heap of (time µs, connection slot) in typed arrays: the generator keeps
// a few hundred thousand connections in flight, and a heap of objects would
// cost more than the connections themselves. Ties break on the slot's
// sequence number so the packet order never depends on heap internals.

export class TimeHeap {
  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
    this.size = 0;
  }

  push(time, order, slot) {
    if (this.size === this.time.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(time, order, this.time[parent], this.order[parent])) break;
      this.time[i] = this.time[parent];
      this.order[i] = this.order[parent];
      this.slot[i] = this.slot[parent];
      i = parent;
    }
    this.time[i] = time;
    this.order[i] = order;
    this.slot[i] = slot;
  }

  peekTime() {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  /** Removes the earliest entry and returns its slot. */
  pop() {
    const top = this.slot[0];
    const n = --this.size;
    if (n > 0) {
      const t = this.time[n], o = this.order[n], s = this.slot[n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && this.less(this.time[r], this.order[r], this.time[l], this.order[l]) ? r : l;
        if (!this.less(this.time[c], this.order[c], t, o)) break;
        this.time[i] = this.time[c];
        this.order[i] = this.order[c];
        this.slot[i] = this.slot[c];
        i = c;
      }
      this.time[i] = t;
      this.order[i] = o;
      this.slot[i] = s;
    }
    return top;
  }

  less(t1, o1, t2, o2) {
    return t1 < t2 || (t1 === t2 && o1 < o2);
  }

  grow() {
    const n = this.time.length * 2;
    const t = new Float64Array(n), o = new Float64Array(n), s = new Int32Array(n);
    t.set(this.time); o.set(this.order); s.set(this.slot);
    this.time = t; this.order = o; this.slot = s;
  }
}
