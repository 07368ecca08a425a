/** A deterministic stream of integers in [0, n) for randomized tests (an LCG: the same seed, the same run everywhere). */
export function seededRandom(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
}
