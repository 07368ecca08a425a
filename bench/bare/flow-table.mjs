// Open-addressing (linear probing) flow table in typed arrays: ten 32-bit key
// words per slot (VLAN+IP version, both ports, both addresses), and per-flow
// counters in parallel arrays. This is the shape a fast flow table takes in
// JavaScript: no object, no string key, one hash per packet.

const KEY_WORDS = 10;

export class FlowTable {
  constructor(capacity) {
    this.alloc(capacity);
    this.size = 0;
  }

  alloc(capacity) {
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity * KEY_WORDS);
    /** Each slot's hash with the low bit forced on, 0 when empty: most probes touch only this array. */
    this.hashes = new Uint32Array(capacity);
    this.packets = new Uint32Array(capacity * 2);
    this.bytes = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity * 2);
    this.firstTs = new Float64Array(capacity);
    this.lastTs = new Float64Array(capacity);
  }

  /** Counts one packet into the flow of `key` (canonical), sent in direction `dir` (0 = A→B). */
  count(key, dir, len, flags, ts) {
    const slot = this.find(key);
    const p = slot * 2 + dir;
    this.packets[p]++;
    this.flags[p] |= flags;
    this.bytes[slot] += len;
    this.lastTs[slot] = ts;
    if (this.packets[slot * 2] + this.packets[slot * 2 + 1] === 1) this.firstTs[slot] = ts;
  }

  find(key) {
    const h = (hash(key) | 1) >>> 0;
    let i = h & this.mask;
    const keys = this.keys;
    const hashes = this.hashes;
    for (;;) {
      const hi = hashes[i];
      if (hi === 0) {
        if ((this.size + 1) * 2 > this.capacity) {
          this.grow();
          return this.find(key);
        }
        hashes[i] = h;
        keys.set(key, i * KEY_WORDS);
        this.size++;
        return i;
      }
      const k = i * KEY_WORDS;
      if (
        hi === h && keys[k] === key[0] && keys[k + 1] === key[1] && keys[k + 2] === key[2] && keys[k + 6] === key[6] &&
        keys[k + 3] === key[3] && keys[k + 4] === key[4] && keys[k + 5] === key[5] &&
        keys[k + 7] === key[7] && keys[k + 8] === key[8] && keys[k + 9] === key[9]
      ) return i;
      i = (i + 1) & this.mask;
    }
  }

  grow() {
    const old = this;
    const { keys, hashes, packets, bytes, flags, firstTs, lastTs, capacity } = old;
    this.alloc(capacity * 2);
    for (let s = 0; s < capacity; s++) {
      const h = hashes[s];
      if (h === 0) continue;
      let i = h & this.mask;
      while (this.hashes[i] !== 0) i = (i + 1) & this.mask;
      this.hashes[i] = h;
      this.keys.set(keys.subarray(s * KEY_WORDS, (s + 1) * KEY_WORDS), i * KEY_WORDS);
      this.packets[i * 2] = packets[s * 2];
      this.packets[i * 2 + 1] = packets[s * 2 + 1];
      this.flags[i * 2] = flags[s * 2];
      this.flags[i * 2 + 1] = flags[s * 2 + 1];
      this.bytes[i] = bytes[s];
      this.firstTs[i] = firstTs[s];
      this.lastTs[i] = lastTs[s];
    }
  }
}

/** Murmur3-style mixing of the ten key words. */
function hash(key) {
  let h = 0x811c9dc5;
  for (let w = 0; w < KEY_WORDS; w++) {
    let k = Math.imul(key[w], 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
