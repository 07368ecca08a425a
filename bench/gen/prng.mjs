// Seeded PRNG for the capture generator. mulberry32: 32 bits of state, fast,
// and good enough for traffic shapes; what matters is that one seed always
// gives the same stream on every machine (only 32-bit integer ops, Math.imul).

export class Rng {
  /** @param {number} seed */
  constructor(seed) {
    // Mix the seed so that 1, 2, 3... do not start in correlated states.
    let s = (seed ^ 0x9e3779b9) >>> 0;
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (s ^ (s >>> 16)) >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  u32() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next() {
    return this.u32() / 4294967296;
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p) {
    return this.next() < p;
  }

  /** Exponential with the given mean (never exactly 0 or Infinity). */
  exp(mean) {
    return -Math.log(1 - this.next() * 0.999999) * mean;
  }

  /** Log-uniform in [lo, hi]: spreads RTTs and sizes over orders of magnitude. */
  logUniform(lo, hi) {
    return lo * Math.pow(hi / lo, this.next());
  }

  /** Index picked by weight (weights need not sum to 1). */
  pick(weights, total) {
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}
