import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrackerListener } from './model/events.js';
import type { Flow } from './model/flow.js';
import { toFlowReport } from './report/flow-report.js';

/**
 * Where a run's spilled flows are: an open file descriptor (worker threads
 * share the process's descriptors) and, per flow id, the byte offset and
 * length of its entry (0: none).
 */
export interface SpillIndex {
  fd: number;
  offsets: Float64Array;
  lengths: Uint32Array;
}

const BUFFER = 1 << 20;

/** A file in the temporary directory, unlinked at once: nothing is left behind, even if the process is killed. */
export function openSpillFile(dir = tmpdir()): number {
  const path = join(dir, `tcpstate-flows-${process.pid}-${randomBytes(6).toString('hex')}.json`);
  const fd = openSync(path, 'w+', 0o600);
  unlinkSync(path);
  return fd;
}

/**
 * Writes each connection's flows[] entry to a file as the connection ends, so
 * that a JSON report listing millions of connections holds a few bytes per
 * connection (its index entry) instead of the connection. Entries are the
 * pretty-printed FlowReport without its id: a sharded run (--jobs) numbers
 * flows only at the end, and flowEntry() puts the id back in front.
 */
export class FlowSpill implements TrackerListener {
  readonly marksKept = true;
  readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(BUFFER);
  private pos = 0;
  private written = 0;
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);

  /** Writes to `fd`, a file from openSpillFile() owned by the caller (a worker's own descriptors close when it exits). */
  constructor(fd: number) {
    this.fd = fd;
  }

  flowEnd(flow: Flow): void {
    const body = JSON.stringify({ ...toFlowReport(flow), id: undefined }, null, 2);
    const len = Buffer.byteLength(body);
    if (this.pos + len > BUFFER) this.flush();
    const id = flow.id;
    if (id >= this.offsets.length) this.grow(id);
    this.offsets[id] = this.written + this.pos;
    this.lengths[id] = len;
    if (len > BUFFER) {
      writeSync(this.fd, body);
      this.written += len;
    } else this.pos += this.buf.write(body, this.pos);
  }

  /** Everything is written; the index says where each entry is. The descriptor stays open for the reader. */
  index(): SpillIndex {
    this.flush();
    return { fd: this.fd, offsets: this.offsets, lengths: this.lengths };
  }

  private flush(): void {
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.buf, off, this.pos - off);
    this.written += this.pos;
    this.pos = 0;
  }

  private grow(id: number): void {
    const n = Math.max(id + 1, this.offsets.length * 2);
    const offsets = new Float64Array(n);
    offsets.set(this.offsets);
    const lengths = new Uint32Array(n);
    lengths.set(this.lengths);
    this.offsets = offsets;
    this.lengths = lengths;
  }
}

/** Reads entries back from a spill file. */
export class SpillReader {
  private readonly fd: number;
  private buf = Buffer.allocUnsafe(1 << 16);

  constructor(private readonly index: SpillIndex) {
    this.fd = index.fd;
  }

  /** The entry of a flow id, or null if that flow was not spilled. */
  entry(id: number): string | null {
    const len = id < this.index.lengths.length ? this.index.lengths[id]! : 0;
    if (len === 0) return null;
    if (len > this.buf.length) this.buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) got += readSync(this.fd, this.buf, got, len - got, this.index.offsets[id]! + got);
    return this.buf.toString('utf8', 0, len);
  }
}

/** Frees spill files (their space goes with their last descriptor). */
export function closeSpills(fds: readonly number[]): void {
  for (const fd of fds) closeSync(fd);
}

/** The flows[] entry with its id first, as JSON.stringify(flowReport, null, 2) writes it. */
export function flowEntry(body: string, id: number): string {
  return `{\n  "id": ${id},${body.slice(1)}`;
}

/**
 * The spilled entries in flow id order, ids in front, keeping only `wanted`
 * ids when given. `globalIds[s][localId]` numbers shard s's flows in the whole
 * capture (a --jobs run); without it there is one spill and ids are its own.
 */
export function* spilledEntries(
  indexes: readonly SpillIndex[],
  globalIds: readonly Uint32Array[] | null,
  wanted: ReadonlySet<number> | null,
): Generator<string> {
  const readers = indexes.map((i) => new SpillReader(i));
  {
    if (globalIds === null) {
      const r = readers[0]!;
      const n = indexes[0]!.lengths.length;
      for (let id = 1; id < n; id++) {
        if (wanted !== null && !wanted.has(id)) continue;
        const body = r.entry(id);
        if (body !== null) yield flowEntry(body, id);
      }
      return;
    }
    const total = globalIds.reduce((n, m) => n + m.length - 1, 0);
    const owner = new Uint8Array(total + 1);
    const local = new Uint32Array(total + 1);
    globalIds.forEach((m, s) => {
      for (let l = 1; l < m.length; l++) {
        owner[m[l]!] = s;
        local[m[l]!] = l;
      }
    });
    for (let id = 1; id <= total; id++) {
      if (wanted !== null && !wanted.has(id)) continue;
      const body = readers[owner[id]!]!.entry(local[id]!);
      if (body !== null) yield flowEntry(body, id);
    }
  }
}
