/**
 * Builds pcap and pcapng bytes for tests: both byte orders, µs/ns pcap, the
 * modified (Kuznetzov) pcap header, pcapng sections, interfaces with
 * if_tsresol/if_tsoffset, EPB, SPB, the obsolete PB, custom/unknown blocks,
 * and raw bytes for deliberately broken files.
 */

export interface TestPacket {
  tsSec: number;
  /** Fraction of the second in the file's unit (µs or ns for pcap). */
  tsFrac?: number;
  data: Uint8Array;
  /** Defaults to data.length. */
  origLen?: number;
}

class Bytes {
  private parts: number[] = [];
  constructor(private readonly le: boolean) {}
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.le ? this.u8(v).u8(v >>> 8) : this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    const b = [v >>> 24, v >>> 16, v >>> 8, v].map((x) => x & 0xff);
    for (const x of this.le ? b.reverse() : b) this.u8(x);
    return this;
  }
  u64(v: bigint): this {
    const hi = Number((v >> 32n) & 0xffffffffn);
    const lo = Number(v & 0xffffffffn);
    return this.le ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  raw(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.parts.push(b[i]!);
    return this;
  }
  pad4(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export interface PcapOptions {
  le?: boolean;
  nano?: boolean;
  /** Kuznetzov's modified format: magic a1b2cd34, 24-byte record headers. */
  modified?: boolean;
  linkType?: number;
  snaplen?: number;
  versionMajor?: number;
  versionMinor?: number;
}

export function pcapHeader(o: PcapOptions = {}): Uint8Array {
  const magic = o.modified ? 0xa1b2cd34 : o.nano ? 0xa1b23c4d : 0xa1b2c3d4;
  return new Bytes(o.le ?? true)
    .u32(magic)
    .u16(o.versionMajor ?? 2)
    .u16(o.versionMinor ?? 4)
    .u32(0)
    .u32(0)
    .u32(o.snaplen ?? 262144)
    .u32(o.linkType ?? 1)
    .bytes();
}

export function pcapRecord(p: TestPacket, o: PcapOptions = {}): Uint8Array {
  const w = new Bytes(o.le ?? true)
    .u32(p.tsSec)
    .u32(p.tsFrac ?? 0)
    .u32(p.data.length)
    .u32(p.origLen ?? p.data.length);
  if (o.modified) w.u32(7).u16(0x0800).u8(0).u8(0);
  return w.raw(p.data).bytes();
}

export function pcapFile(packets: TestPacket[], o: PcapOptions = {}): Uint8Array {
  return concat([pcapHeader(o), ...packets.map((p) => pcapRecord(p, o))]);
}

export interface InterfaceOptions {
  linkType?: number;
  snaplen?: number;
  /** if_tsresol byte (high bit set = power of two). */
  tsresol?: number;
  /** if_tsoffset in seconds. */
  tsoffset?: bigint;
}

/** Builds a pcapng file block by block; each section keeps its own byte order. */
export class PcapngWriter {
  private blocks: Uint8Array[] = [];
  private le = true;

  section(le = true, major = 1): this {
    this.le = le;
    // Body: BOM, version, section length -1 (unknown), one shb_userappl option.
    const body = new Bytes(le).u32(0x1a2b3c4d).u16(major).u16(0).u64(0xffffffffffffffffn);
    body.u16(4).u16(5).raw([0x74, 0x65, 0x73, 0x74, 0x73]).pad4().u16(0).u16(0);
    return this.block(0x0a0d0d0a, body.bytes());
  }

  iface(o: InterfaceOptions = {}): this {
    const body = new Bytes(this.le).u16(o.linkType ?? 1).u16(0).u32(o.snaplen ?? 0);
    if (o.tsresol !== undefined) body.u16(9).u16(1).u8(o.tsresol).pad4();
    if (o.tsoffset !== undefined) body.u16(14).u16(8).u64(BigInt.asUintN(64, o.tsoffset));
    if (o.tsresol !== undefined || o.tsoffset !== undefined) body.u16(0).u16(0);
    return this.block(1, body.bytes());
  }

  /** Enhanced Packet Block; `ts` is the 64-bit count in the interface's units. */
  epb(ifId: number, ts: bigint, data: Uint8Array, origLen = data.length, withComment = false): this {
    const body = new Bytes(this.le)
      .u32(ifId)
      .u32(Number(ts >> 32n))
      .u32(Number(ts & 0xffffffffn))
      .u32(data.length)
      .u32(origLen)
      .raw(data)
      .pad4();
    if (withComment) body.u16(1).u16(3).raw([0x68, 0x69, 0x21]).pad4().u16(0).u16(0);
    return this.block(6, body.bytes());
  }

  /** Simple Packet Block: interface 0, no time stamp; `data` is what is stored. */
  spb(data: Uint8Array, origLen = data.length): this {
    return this.block(3, new Bytes(this.le).u32(origLen).raw(data).pad4().bytes());
  }

  /** Obsolete Packet Block (type 2). */
  pb(ifId: number, ts: bigint, data: Uint8Array, origLen = data.length): this {
    const body = new Bytes(this.le)
      .u16(ifId)
      .u16(0)
      .u32(Number(ts >> 32n))
      .u32(Number(ts & 0xffffffffn))
      .u32(data.length)
      .u32(origLen)
      .raw(data)
      .pad4();
    return this.block(2, body.bytes());
  }

  /** Any other block (NRB 4, ISB 5, DSB 0x0a, custom 0x0bad / 0x40000bad, unknown). */
  other(type: number, body: Uint8Array): this {
    return this.block(type, new Bytes(this.le).raw(body).pad4().bytes());
  }

  raw(bytes: Uint8Array): this {
    this.blocks.push(bytes);
    return this;
  }

  /** Offset the next block will start at. */
  get offset(): number {
    return this.blocks.reduce((a, b) => a + b.length, 0);
  }

  bytes(): Uint8Array {
    return concat(this.blocks);
  }

  private block(type: number, body: Uint8Array): this {
    const len = 12 + body.length;
    this.blocks.push(new Bytes(this.le).u32(type).u32(len).raw(body).u32(len).bytes());
    return this;
  }
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Splits bytes into chunks of the given sizes, cycling through them. */
export function chunked(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  for (let o = 0; o < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    out.push(bytes.subarray(o, o + n));
    o += n;
  }
  return out;
}

/** Distinct payload bytes so that a mixed-up record shows up in comparisons. */
export function payload(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (seed * 31 + i * 7) & 0xff;
  return b;
}

// ---- Feeding captures to the reader in the three ways every test checks ----

import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readSources, type CaptureFileInfo } from '../../src/capture/open.js';
import { recordBytes } from '../../src/model/packet.js';
import { streamSource } from '../../src/capture/source.js';

export interface GotRecord {
  tsSec: number;
  tsNsec: number;
  caplen: number;
  origLen: number;
  linkType: number;
  interfaceId: number;
  data: number[];
}

export interface Got {
  recs: GotRecord[];
  info: CaptureFileInfo;
}

export type Feed = 'whole' | 'chunks' | 'stream';

async function* fromChunks(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

export function feedSource(bytes: Uint8Array, feed: Feed, path = 'mem.pcap') {
  if (feed === 'whole') return streamSource(path, fromChunks([bytes]), bytes.length);
  if (feed === 'chunks') return streamSource(path, fromChunks(chunked(bytes, [1, 7, 2, 6, 3, 5, 4])), bytes.length);
  return streamSource(path, Readable.from(chunked(bytes, [4093]).map((c) => Buffer.from(c))), null);
}

export async function readBytes(bytes: Uint8Array, feed: Feed, path = 'mem.pcap'): Promise<Got> {
  const recs: GotRecord[] = [];
  const [info] = await readSources([feedSource(bytes, feed, path)], (r) => {
    // Where the bytes sat in the reader's chunk depends on the chunking: only the bytes are compared.
    const { offset: _offset, ...fields } = r;
    recs.push({ ...fields, data: Array.from(recordBytes(r)) });
  });
  return { recs, info: info! };
}

/** Reads the bytes whole, in 1–7-byte chunks and through a stream; all three must agree. */
export async function readAllFeeds(bytes: Uint8Array, path = 'mem.pcap'): Promise<Got> {
  const whole = await readBytes(bytes, 'whole', path);
  for (const feed of ['chunks', 'stream'] as const) {
    const other = await readBytes(bytes, feed, path);
    assert.deepEqual(other.recs, whole.recs, `records differ when fed as ${feed}`);
    assert.deepEqual({ ...other.info, bytes: 0 }, { ...whole.info, bytes: 0 }, `info differs when fed as ${feed}`);
  }
  return whole;
}

/** The error every feed throws (they must all throw the same class and message). */
export async function errorOfAllFeeds(bytes: Uint8Array, path = 'mem.pcap'): Promise<Error> {
  let first: Error | null = null;
  for (const feed of ['whole', 'chunks', 'stream'] as const) {
    const err = await readBytes(bytes, feed, path).then(
      () => null,
      (e: unknown) => e as Error,
    );
    assert.ok(err !== null, `no error when fed as ${feed}`);
    if (first === null) first = err;
    else assert.equal(`${err.name}: ${err.message}`, `${first.name}: ${first.message}`, `error differs when fed as ${feed}`);
  }
  return first!;
}
