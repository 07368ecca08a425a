import type { CaptureWarning } from '../model/capture.js';

/**
 * The chunk handling shared by the pcap and pcapng push parsers. A subclass
 * says how long the next unit (file header, record, block) is; the framer hands
 * it each complete unit, straight out of the pushed chunk when the unit lies
 * inside one, and out of a carry buffer only when it straddles chunks. So the
 * common case copies nothing, and memory stays bounded by the largest unit.
 */
export abstract class Framer {
  readonly warnings: CaptureWarning[] = [];
  /** Damage was found: the rest of the input is ignored. */
  stopped = false;
  /** Absolute offset of the next unit (a double: files past 4 GiB are fine). */
  protected pos = 0;
  private carry = new Uint8Array(0);
  private carryLen = 0;

  constructor(readonly path: string) {}

  /**
   * Size of the unit starting at `off`, given `avail` bytes there. When its
   * header is not all there yet, the header size (which must exceed `avail`).
   * -1 after calling damage().
   */
  protected abstract need(buf: Uint8Array, off: number, avail: number): number;
  /** One complete unit of `len` bytes at `off`. May call damage(). */
  protected abstract unit(buf: Uint8Array, off: number, len: number): void;
  /** The input ended `have` bytes into a unit that starts at `this.pos`. */
  protected abstract cutShort(have: number): void;

  protected damage(offset: number, message: string): void {
    this.warnings.push({ offset, message });
    this.stopped = true;
  }

  push(chunk: Uint8Array): void {
    if (this.stopped) return;
    let off = 0;
    if (this.carryLen > 0) {
      let need: number;
      for (;;) {
        need = this.need(this.carry, 0, this.carryLen);
        if (need < 0) return;
        if (need <= this.carryLen) break;
        const take = Math.min(need - this.carryLen, chunk.length - off);
        this.reserve(this.carryLen + take);
        this.carry.set(chunk.subarray(off, off + take), this.carryLen);
        this.carryLen += take;
        off += take;
        if (this.carryLen < need) return;
      }
      this.carryLen = 0;
      this.unit(this.carry, 0, need);
      this.pos += need;
      if (this.stopped) return;
    }
    const n = chunk.length;
    while (off < n) {
      const need = this.need(chunk, off, n - off);
      if (need < 0) return;
      if (need > n - off) {
        this.reserve(n - off);
        this.carry.set(chunk.subarray(off), 0);
        this.carryLen = n - off;
        return;
      }
      this.unit(chunk, off, need);
      if (this.stopped) return;
      off += need;
      this.pos += need;
    }
  }

  /** The input is over. */
  end(): void {
    if (this.stopped) return;
    if (this.carryLen > 0 || this.pos === 0) this.cutShort(this.carryLen);
    this.carryLen = 0;
  }

  private reserve(size: number): void {
    if (this.carry.length >= size) return;
    const next = new Uint8Array(Math.max(size, this.carry.length * 2, 4096));
    next.set(this.carry.subarray(0, this.carryLen));
    this.carry = next;
  }
}
