/**
 * Keeps the `limit` smallest items by `order` in `heap` (a max-heap: the
 * largest kept item first, so a newcomer is judged by one comparison).
 * Returns the item left out: `x` itself, or the one it displaced; undefined
 * while the heap is not full. Ties leave the newcomer out, so the earliest
 * offered of equal items stay.
 */
export function offerSmallest<T>(heap: T[], x: T, limit: number, order: (a: T, b: T) => number): T | undefined {
  if (heap.length < limit) {
    heap.push(x);
    siftUp(heap, heap.length - 1, order);
    return undefined;
  }
  if (heap.length === 0 || order(x, heap[0]!) >= 0) return x;
  const out = heap[0]!;
  heap[0] = x;
  siftDown(heap, 0, order);
  return out;
}

function siftUp<T>(h: T[], i: number, order: (a: T, b: T) => number): void {
  const x = h[i]!;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (order(h[p]!, x) >= 0) break;
    h[i] = h[p]!;
    i = p;
  }
  h[i] = x;
}

function siftDown<T>(h: T[], i: number, order: (a: T, b: T) => number): void {
  const x = h[i]!;
  const n = h.length;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && order(h[c + 1]!, h[c]!) > 0) c++;
    if (order(h[c]!, x) <= 0) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = x;
}
