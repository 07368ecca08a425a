import type { DecodedPacket } from '../model/decoded.js';
import { MAX_PACKET_WORDS, SKIPS, writePacket } from './packet-codec.js';

/** 1 MiB a batch: a few thousand packets, so one message carries enough work to be worth posting. */
const BATCH_WORDS = 1 << 18;

/**
 * What the --jobs dispatcher sends one worker: its shard's packets, and the
 * times of every other shard's packets (they advance its tracker's clock, as
 * they would a single tracker's), in capture order. Entries are written
 * into a batch buffer (packet-codec.ts) shared with the worker, which gives
 * it back once tracked: the buffers cycle, and `inFlight` tells the
 * dispatcher how far the worker lags. A buffer is shared once and then named
 * by its slot number, so a message carries two numbers.
 */
export class ShardFeed {
  private u32!: Uint32Array;
  private f64!: Float64Array;
  private pos = 0;
  /** Word of the SKIPS run the last entry belongs to; -1 when the last entry is a packet. */
  private skipRun = -1;
  /** Every buffer made so far, by slot number; the worker keeps the same list. */
  private readonly buffers: SharedArrayBuffer[] = [];
  private readonly free: number[] = [];
  private slot = 0;
  /** Whether the worker has the current slot's buffer yet. */
  private known = false;
  /** Batches posted and not yet given back. */
  inFlight = 0;
  private wake: (() => void) | null = null;

  /** `buffer` is given with a slot's first batch only: later batches name the slot. */
  constructor(private readonly post: (slot: number, words: number, buffer: SharedArrayBuffer | undefined) => void) {
    this.take();
  }

  packet(p: DecodedPacket, ts: number, frame: number): void {
    if (this.pos + MAX_PACKET_WORDS > BATCH_WORDS) this.flush();
    this.pos = writePacket(this.u32, this.f64, this.pos, p, ts, frame);
    this.skipRun = -1;
  }

  skip(ts: number): void {
    // A time takes 2 words, and a new run's header 2 more.
    if (this.pos + (this.skipRun < 0 ? 4 : 2) > BATCH_WORDS) this.flush();
    let run = this.skipRun;
    if (run < 0) {
      run = this.skipRun = this.pos;
      this.u32[run] = SKIPS;
      this.u32[run + 1] = 0;
      this.pos += 2;
    }
    this.f64[this.pos >> 1] = ts;
    this.pos += 2;
    this.u32[run + 1]!++;
  }

  /** Posts what is written so far. */
  flush(): void {
    if (this.pos === 0) return;
    this.post(this.slot, this.pos, this.known ? undefined : this.buffers[this.slot]);
    this.inFlight++;
    this.take();
  }

  /** The worker gave a batch's slot back. */
  returned(slot: number): void {
    this.free.push(slot);
    this.inFlight--;
    this.release();
  }

  /** undefined while the worker holds fewer than `max` batches; else resolves when one comes back (or on release()). */
  below(max: number): Promise<void> | undefined {
    if (this.inFlight < max) return undefined;
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** Lets a waiting below() go on (a batch came back, or the run failed). */
  release(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private take(): void {
    let slot = this.free.pop();
    this.known = slot !== undefined;
    if (slot === undefined) {
      slot = this.buffers.length;
      this.buffers.push(new SharedArrayBuffer(BATCH_WORDS * 4));
    }
    this.slot = slot;
    const buffer = this.buffers[slot]!;
    this.u32 = new Uint32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.pos = 0;
    this.skipRun = -1;
  }
}
