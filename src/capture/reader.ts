import { CaptureFormatError, InputError } from '../errors.js';
import type { CaptureFileInfo } from '../model/capture.js';
import type { PacketRecord } from '../model/packet.js';
import type { CaptureParser, RecordSink } from './parser.js';
import { PcapParser } from './pcap.js';
import { PcapngParser } from './pcapng.js';
import { hex32, sniffFormat } from './sniff.js';
import { decodedBytes, SourceReadError, type ByteSource, type SourceState } from './source.js';


/**
 * Drives one source through sniffing and its parser, one chunk per step, and
 * keeps the per-file statistics. Records go to `target` as the parser emits them.
 */
export class FileReader {
  readonly state: SourceState = { rawBytes: 0, compressed: false, gzipError: null };
  private readonly chunks: AsyncIterator<Uint8Array>;
  private parser: CaptureParser | null = null;
  private head: Uint8Array[] = [];
  private headLen = 0;
  private bytes = 0;
  private packets = 0;
  private truncated = 0;
  private firstTs = Infinity;
  private lastTs = -Infinity;
  finished = false;

  constructor(
    readonly source: ByteSource,
    private readonly target: RecordSink,
  ) {
    this.chunks = decodedBytes(source, this.state)[Symbol.asyncIterator]();
  }

  /** Reads and parses one chunk; false once the file is done (then stats() is final). */
  async step(): Promise<boolean> {
    if (this.finished) return false;
    let r: IteratorResult<Uint8Array>;
    try {
      r = await this.chunks.next();
    } catch (err) {
      this.finished = true;
      if (err instanceof SourceReadError) throw new InputError(this.source.path, `cannot read: ${err.message}`);
      throw err;
    }
    if (r.done) {
      this.finish();
      return false;
    }
    const v = r.value;
    // Streams hand out Buffers; a plain view makes the parsers' per-record subarray cheaper.
    const chunk = v.constructor === Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.length);
    this.bytes += chunk.length;
    if (this.parser === null) this.sniff(chunk);
    else this.parser.push(chunk);
    if (this.parser?.stopped) {
      await this.chunks.return?.();
      this.finish();
      return false;
    }
    return true;
  }

  /** Gives up on the rest of the file (on an error elsewhere), closing it. */
  async close(): Promise<void> {
    this.finished = true;
    await this.chunks.return?.();
  }

  stats(): CaptureFileInfo {
    const p = this.parser!;
    const warnings = p.warnings.slice();
    if (this.state.gzipError !== null) {
      warnings.push({ offset: this.bytes, message: `gzip data damaged or cut short after ${this.bytes} bytes: ${this.state.gzipError}` });
    }
    return {
      path: this.source.path,
      format: p.format,
      compressed: this.state.compressed,
      linkTypes: p.linkTypes.slice(),
      packets: this.packets,
      truncatedPackets: this.truncated,
      firstTs: this.packets > 0 && this.firstTs !== Infinity ? this.firstTs : null,
      lastTs: this.packets > 0 && this.lastTs !== -Infinity ? this.lastTs : null,
      warnings,
      bytes: this.bytes,
    };
  }

  private sniff(chunk: Uint8Array): void {
    this.headLen += chunk.length;
    if (this.headLen < 4) {
      // Kept across reads, so copied: the source may reuse the chunk's memory.
      this.head.push(chunk.slice());
      return;
    }
    this.head.push(chunk);
    const head = this.head.length === 1 ? chunk : concatBytes(this.head);
    this.head = [];
    const format = sniffFormat(head);
    if (format === null) {
      const what = this.state.compressed ? 'gzip-compressed data that is not' : 'not';
      throw new CaptureFormatError(this.source.path, 0, `${what} a pcap or pcapng file (starts with ${hex32(((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0)})`);
    }
    const sink = (rec: PacketRecord): void => this.count(rec);
    this.parser = format === 'pcap' ? new PcapParser(this.source.path, sink) : new PcapngParser(this.source.path, sink);
    this.parser.push(head);
  }

  private count(rec: PacketRecord): void {
    this.packets++;
    if (rec.caplen < rec.origLen) this.truncated++;
    if (this.parser!.recordHasTs) {
      const t = rec.tsSec + rec.tsNsec / 1e9;
      if (t < this.firstTs) this.firstTs = t;
      if (t > this.lastTs) this.lastTs = t;
    }
    this.target(rec);
  }

  private finish(): void {
    this.finished = true;
    if (this.parser === null) {
      const path = this.source.path;
      if (this.state.gzipError !== null) throw new CaptureFormatError(path, 0, `gzip data damaged: ${this.state.gzipError}`);
      if (this.headLen === 0) throw new CaptureFormatError(path, 0, 'empty file, not a capture');
      throw new CaptureFormatError(path, 0, `file too short to be a capture (${this.headLen} bytes)`);
    }
    this.parser.end();
  }
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
