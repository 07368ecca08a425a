import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null = null;

/**
 * A full garbage collection of this thread's heap, now. V8 exposes gc() only
 * to contexts made while --expose-gc is set, so one is made for it, once. The
 * flag stays set: it is process-wide, and clearing it raced with the other
 * --jobs workers getting their own gc(). Without one, nothing is collected.
 */
export function collectGarbage(): void {
  if (gc === null) {
    setFlagsFromString('--expose-gc');
    const found: unknown = runInNewContext('typeof gc === "function" ? gc : null');
    gc = typeof found === 'function' ? (found as () => void) : () => {};
  }
  gc();
}
