import type { DecodedPacket } from '../model/decoded.js';
import { KEY_WORDS, hashKey, readKey, writeKey } from './key.js';

/**
 * Open-addressing hash table (linear probing, backward-shift deletion) from
 * canonical connection keys to values. Keys are stored as numbers in one
 * Uint32Array; a lookup writes the packet's key into a scratch area and
 * compares words, so no string or object is built per packet.
 */
export class FlowTable<T> {
  /**
   * Two words per slot: entry + 1 (0 = empty), then the entry's key hash (as
   * int32), so a probe rejects other keys without reading their entries.
   */
  private slots: Int32Array;
  private mask: number;
  /** entry → KEY_WORDS words. */
  private keys: Uint32Array;
  private hashes: Uint32Array;
  private values: (T | undefined)[] = [];
  private free: number[] = [];
  private count = 0;
  /** Where lookups write the probe key (entry index = capacity). */
  private scratch = new Uint32Array(KEY_WORDS);
  /** After lookup(): whether the packet's source is the key's first endpoint. */
  lastSourceIsA = false;
  /** After lookup(): the packet's key hash. */
  private lastHash = 0;

  constructor(initialSlots = 1024) {
    let n = 16;
    while (n < initialSlots) n <<= 1;
    this.slots = new Int32Array(2 * n);
    this.mask = n - 1;
    this.keys = new Uint32Array((n >>> 1) * KEY_WORDS);
    this.hashes = new Uint32Array(n >>> 1);
  }

  get size(): number {
    return this.count;
  }

  /** The entry holding p's connection, or -1. Sets lastSourceIsA. */
  lookup(p: DecodedPacket): number {
    this.lastSourceIsA = writeKey(p, this.scratch, 0);
    const h = (this.lastHash = hashKey(this.scratch, 0));
    const h32 = h | 0;
    const slots = this.slots;
    let i = h & this.mask;
    for (;;) {
      const e = slots[2 * i]! - 1;
      if (e < 0) return -1;
      if (slots[2 * i + 1] === h32 && this.sameKey(e)) return e;
      i = (i + 1) & this.mask;
    }
  }

  /** Inserts a value under the key of the packet last passed to lookup() (which must have missed). */
  insertLast(value: T): number {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const e = this.free.length > 0 ? this.free.pop()! : this.values.length;
    // A loop, not keys.set(): the builtin call costs more than twelve stores.
    for (let i = 0; i < KEY_WORDS; i++) this.keys[e * KEY_WORDS + i] = this.scratch[i]!;
    this.hashes[e] = this.lastHash;
    this.values[e] = value;
    this.place(e, this.lastHash);
    this.count++;
    return e;
  }

  get(entry: number): T {
    return this.values[entry]!;
  }

  set(entry: number, value: T): void {
    this.values[entry] = value;
  }

  remove(entry: number): void {
    const h = this.hashes[entry]!;
    const slots = this.slots;
    let i = h & this.mask;
    while (slots[2 * i]! - 1 !== entry) i = (i + 1) & this.mask;
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    let j = i;
    for (;;) {
      j = (j + 1) & this.mask;
      const e = slots[2 * j]! - 1;
      if (e < 0) break;
      const home = slots[2 * j + 1]! & this.mask;
      if (((j - home) & this.mask) >= ((j - i) & this.mask)) {
        slots[2 * i] = e + 1;
        slots[2 * i + 1] = slots[2 * j + 1]!;
        i = j;
      }
    }
    slots[2 * i] = 0;
    this.values[entry] = undefined;
    this.free.push(entry);
    this.count--;
  }

  /** Calls fn on every live value and its entry, in order of entries (no iterator objects: the periodic sweep walks every flow). */
  forEachEntry(fn: (value: T, entry: number) => void): void {
    const v = this.values;
    for (let e = 0; e < v.length; e++) {
      const x = v[e];
      if (x !== undefined) fn(x, e);
    }
  }

  /** Writes the entry's key into p as the addresses and ports of a packet from its first endpoint (srcIsA) or its second (see readKey). */
  readKey(entry: number, srcIsA: boolean, p: DecodedPacket): void {
    readKey(this.keys, entry * KEY_WORDS, srcIsA, p);
  }

  private sameKey(e: number): boolean {
    const k = this.keys;
    const s = this.scratch;
    const o = e * KEY_WORDS;
    for (let i = 0; i < KEY_WORDS; i++) if (k[o + i] !== s[i]) return false;
    return true;
  }

  private place(e: number, h: number): void {
    let i = h & this.mask;
    while (this.slots[2 * i] !== 0) i = (i + 1) & this.mask;
    this.slots[2 * i] = e + 1;
    this.slots[2 * i + 1] = h;
  }

  private grow(): void {
    const n = (this.mask + 1) << 1;
    this.slots = new Int32Array(2 * n);
    this.mask = n - 1;
    const keys = new Uint32Array((n >>> 1) * KEY_WORDS);
    keys.set(this.keys);
    this.keys = keys;
    const hashes = new Uint32Array(n >>> 1);
    hashes.set(this.hashes);
    this.hashes = hashes;
    for (let e = 0; e < this.values.length; e++) if (this.values[e] !== undefined) this.place(e, this.hashes[e]!);
  }
}
