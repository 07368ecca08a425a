import type { Flow } from '../model/flow.js';
import { grown } from './grown.js';

/** The TIME_WAIT a reuse followed: its flow, the side in TIME_WAIT, when and at which frame it began. */
export interface TimeWait {
  flow: Flow;
  client: boolean;
  ts: number;
  frame: number;
}

/**
 * A hash of the 4-tuple (plus VLAN and tunnel), the same whichever side is the
 * client; no string is built. 30 bits keep it a small integer (Smi): a
 * wider value would be a heap number on every call.
 */
export function tupleHash(flow: Flow): number {
  const c = flow.client;
  const s = flow.server;
  const a = Math.imul(strHash(c.ip), 31) + c.port;
  const b = Math.imul(strHash(s.ip), 31) + s.port;
  return ((a ^ b) + Math.imul(flow.vlanKey, 0x9e3779b1) + Math.imul(flow.tunnelKey, 0x85ebca6b)) & 0x3fffffff;
}

/** Of the address's last characters only, where addresses of one network differ: the ports already spread the tuples. */
function strHash(x: string): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, x.length - 4); i < x.length; i++) h = Math.imul(h ^ x.charCodeAt(i), 0x01000193);
  return h;
}

/** Same 4-tuple, VLAN and tunnel (what tupleKey compared), either orientation. */
function sameTuple(f: Flow, g: Flow): boolean {
  if (f.vlanKey !== g.vlanKey || f.tunnelKey !== g.tunnelKey) return false;
  const fc = f.client;
  const fs = f.server;
  const gc = g.client;
  const gs = g.server;
  return (
    (fc.port === gc.port && fs.port === gs.port && fc.ip === gc.ip && fs.ip === gs.ip) ||
    (fc.port === gs.port && fs.port === gc.port && fc.ip === gs.ip && fs.ip === gc.ip)
  );
}

/**
 * One TIME_WAIT entry per 4-tuple, in columns chained by tupleHash: a slot
 * per entry, no object and no Map entry (entries live for 2·MSL, one per
 * close, and almost none sees a reuse).
 */
export class TimeWaitTable {
  size = 0;
  /** Slot + 1 of each bucket's first entry (0: empty); a power of two long. */
  private heads = new Int32Array(1024);
  private flows: (Flow | null)[] = [];
  private client = new Uint8Array(1024);
  private ts = new Float64Array(1024);
  private frame = new Float64Array(1024);
  private hash = new Int32Array(1024);
  /** Slot + 1 of the next entry in the chain (0: last). */
  private next = new Int32Array(1024);
  private readonly free: number[] = [];

  /** The slot of flow's 4-tuple, -1 if none. */
  find(flow: Flow, hash: number): number {
    for (let e = this.heads[hash & (this.heads.length - 1)]!; e !== 0; e = this.next[e - 1]!) {
      const i = e - 1;
      if (this.hash[i] === hash && sameTuple(this.flows[i]!, flow)) return i;
    }
    return -1;
  }

  flowAt(i: number): Flow {
    return this.flows[i]!;
  }

  clientAt(i: number): boolean {
    return this.client[i] === 1;
  }

  entry(i: number): TimeWait {
    return { flow: this.flows[i]!, client: this.client[i] === 1, ts: this.ts[i]!, frame: this.frame[i]! };
  }

  add(flow: Flow, client: boolean, ts: number, frame: number, hash: number): void {
    let i = this.free.pop();
    if (i === undefined) {
      i = this.flows.length;
      this.flows.push(null);
      if (i === this.client.length) this.growColumns();
    }
    // Rehashed before slot i is taken (rehash() links every slot in use), at one entry per two buckets at most:
    // most flows that start find an empty bucket, not a chain to walk.
    if (++this.size * 2 > this.heads.length) this.rehash(this.heads.length * 2);
    this.flows[i] = flow;
    this.client[i] = client ? 1 : 0;
    this.ts[i] = ts;
    this.frame[i] = frame;
    this.hash[i] = hash;
    const b = hash & (this.heads.length - 1);
    this.next[i] = this.heads[b]!;
    this.heads[b] = i + 1;
  }

  remove(i: number): void {
    const b = this.hash[i]! & (this.heads.length - 1);
    let e = this.heads[b]!;
    if (e === i + 1) this.heads[b] = this.next[i]!;
    else {
      while (this.next[e - 1] !== i + 1) e = this.next[e - 1]!;
      this.next[e - 1] = this.next[i]!;
    }
    this.flows[i] = null;
    this.free.push(i);
    this.size--;
  }

  private growColumns(): void {
    const n = this.client.length * 2;
    this.client = grown(this.client, new Uint8Array(n));
    this.ts = grown(this.ts, new Float64Array(n));
    this.frame = grown(this.frame, new Float64Array(n));
    this.hash = grown(this.hash, new Int32Array(n));
    this.next = grown(this.next, new Int32Array(n));
  }

  private rehash(buckets: number): void {
    const heads = new Int32Array(buckets);
    const mask = buckets - 1;
    for (let i = 0; i < this.flows.length; i++) {
      if (this.flows[i] === null) continue;
      const b = this.hash[i]! & mask;
      this.next[i] = heads[b]!;
      heads[b] = i + 1;
    }
    this.heads = heads;
  }
}
