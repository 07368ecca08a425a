import type { Flow } from '../model/flow.js';

/**
 * Notes of one detector (an append-only list) looked up by flow id: another
 * detector's findings() asks once per candidate whether this one already
 * tells the connection's story, and a scan of the whole list per question is
 * quadratic on captures with thousands of findings. Entries appended since
 * the last question are indexed on the next one, so the answer is always the
 * list's.
 */
export class ByFlowId<T extends { readonly flow: Flow }> {
  private readonly index = new Map<number, T | T[]>();
  private indexed = 0;

  constructor(private readonly items: readonly T[]) {}

  /** Whether some entry of the flow satisfies `test`: items.some(x => x.flow.id === flowId && test(x)). */
  some(flowId: number, test: (item: T) => boolean): boolean {
    this.catchUp();
    const hit = this.index.get(flowId);
    if (hit === undefined) return false;
    if (!Array.isArray(hit)) return test(hit);
    for (const item of hit) if (test(item)) return true;
    return false;
  }

  private catchUp(): void {
    const items = this.items;
    for (; this.indexed < items.length; this.indexed++) {
      const item = items[this.indexed]!;
      const id = item.flow.id;
      const prev = this.index.get(id);
      if (prev === undefined) this.index.set(id, item);
      else if (Array.isArray(prev)) prev.push(item);
      else this.index.set(id, [prev, item]);
    }
  }
}
