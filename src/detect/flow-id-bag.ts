/**
 * Flow ids, duplicates allowed until they are counted: 4 bytes an id in a
 * growing Uint32Array, not the 20-40 of a Set entry. A per-service tally
 * names every connection with a finding, listed or not, so it grows by one
 * id per finding however long the capture; duplicates (a connection with
 * findings of several kinds) are squeezed out whenever the array doubles.
 */
export class FlowIdBag {
  private ids = new Uint32Array(16);
  private n = 0;
  /** Length after the last squeeze: the array is sorted and distinct up to here. */
  private squeezed = 0;

  add(id: number): void {
    if (this.n === this.ids.length) {
      this.squeeze();
      if (this.n * 2 > this.ids.length) {
        const bigger = new Uint32Array(this.ids.length * 2);
        bigger.set(this.ids.subarray(0, this.n));
        this.ids = bigger;
      }
    }
    this.ids[this.n++] = id;
  }

  /** The distinct ids, ascending. */
  distinct(): number[] {
    this.squeeze();
    return Array.from(this.ids.subarray(0, this.n));
  }

  get size(): number {
    this.squeeze();
    return this.n;
  }

  private squeeze(): void {
    if (this.squeezed === this.n) return;
    const a = this.ids.subarray(0, this.n).sort();
    let k = 0;
    for (let i = 0; i < a.length; i++) if (k === 0 || a[i] !== a[k - 1]) a[k++] = a[i]!;
    this.n = k;
    this.squeezed = k;
  }
}
