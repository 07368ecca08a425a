import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isGzip } from './sniff.js';

/** Where a capture's bytes come from: a file, stdin, or (in tests) any byte stream. */
export interface ByteSource {
  /** As the user gave it ('-' for stdin). */
  path: string;
  /** Size in bytes when known (files), for progress. */
  size: number | null;
  /**
   * Whether a chunk's memory is overwritten by the next one. Safe for the push
   * parsers, which finish with a chunk before asking for the next; anything that
   * keeps a chunk longer (zlib) must copy it.
   */
  reusesBuffer?: boolean;
  open(): AsyncIterable<Uint8Array>;
}

/** 4 MiB reads: a 1 MiB read costs the thread pool ~30% more per byte; two buffers per open file. */
const FILE_CHUNK = 4 << 20;

export function fileSource(path: string, size: number | null): ByteSource {
  return { path, size, reusesBuffer: true, open: () => readFileChunks(path) };
}

/**
 * A pull loop over two reused buffers: the next read is in flight while the
 * consumer parses the current chunk. Roughly twice the throughput of a
 * ReadStream, which allocates a fresh Buffer per chunk; backpressure is
 * inherent, since at most one chunk is read ahead. Plain Uint8Arrays (not
 * Buffers) because the parsers take a subarray per record, which is cheaper
 * without Buffer's species constructor.
 */
async function* readFileChunks(path: string): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  let bufs = [new Uint8Array(FILE_CHUNK), new Uint8Array(FILE_CHUNK)];
  let pending: Promise<{ bytesRead: number }> | null = fh.read(bufs[0]!, 0, FILE_CHUNK, null);
  try {
    for (;;) {
      const { bytesRead } = await pending!;
      pending = null;
      if (bytesRead === 0) return;
      const current = bufs[0]!;
      pending = fh.read(bufs[1]!, 0, FILE_CHUNK, null);
      yield current.subarray(0, bytesRead);
      bufs = [bufs[1]!, current];
    }
  } finally {
    // A read still in flight when the consumer stops must settle before the handle closes.
    await pending?.catch(() => undefined);
    await fh.close();
  }
}

export function stdinSource(): ByteSource {
  return { path: '-', size: null, open: () => process.stdin };
}

export function streamSource(path: string, stream: AsyncIterable<Uint8Array>, size: number | null = null): ByteSource {
  return { path, size, open: () => stream };
}

/** Progress and outcome of reading one source, filled in as its chunks are consumed. */
export interface SourceState {
  /** Raw (possibly compressed) bytes read. */
  rawBytes: number;
  compressed: boolean;
  /** Set when the gzip layer failed after delivering some data (corrupt or cut-short gzip). */
  gzipError: string | null;
}

/** An I/O failure of the source itself (not of the data in it). */
export class SourceReadError extends Error {}

/**
 * The source's bytes with gzip peeled off when its first two bytes are the gzip
 * magic (the name is never consulted). A damaged gzip stream ends the bytes
 * early and is reported in `state.gzipError`; a failure to read the source
 * throws SourceReadError.
 */
export async function* decodedBytes(src: ByteSource, state: SourceState): AsyncGenerator<Uint8Array> {
  const raw = countedRaw(src, state);
  const it = raw[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLen = 0;
  let exhausted = false;
  while (headLen < 2) {
    const r = await it.next();
    if (r.done) {
      exhausted = true;
      break;
    }
    head.push(src.reusesBuffer ? r.value.slice() : r.value);
    headLen += r.value.length;
  }
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  if (!isGzip(first)) {
    // The consumer may stop early (damage found): closing the raw iterator closes the file.
    try {
      if (first.length > 0) yield first;
      if (exhausted) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.(undefined);
    }
  }
  state.compressed = true;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        exhausted
          ? Promise.resolve({ done: true as const, value: undefined })
          : src.reusesBuffer
            ? it.next().then((r) => (r.done ? r : { done: false as const, value: r.value.slice() }))
            : it.next(),
      return: async () => (await it.return?.(undefined), { done: true, value: undefined }),
    }),
  };
  const gunzip = createGunzip();
  let sourceError: unknown = null;
  pipeline(
    Readable.from(prepend(first, rest)),
    gunzip,
    (err) => {
      if (err instanceof SourceReadError) sourceError = err;
    },
  );
  try {
    for await (const out of gunzip) yield out as Uint8Array;
  } catch (err) {
    if (sourceError !== null) throw sourceError;
    if (err instanceof SourceReadError) throw err;
    state.gzipError = err instanceof Error ? err.message : String(err);
  } finally {
    gunzip.destroy();
  }
}

async function* prepend(first: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  yield* rest;
}

async function* countedRaw(src: ByteSource, state: SourceState): AsyncGenerator<Uint8Array> {
  const it = src.open()[Symbol.asyncIterator]();
  try {
    for (;;) {
      let r: IteratorResult<Uint8Array>;
      try {
        r = await it.next();
      } catch (err) {
        throw new SourceReadError(err instanceof Error ? err.message : String(err));
      }
      if (r.done) return;
      const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      state.rawBytes += chunk.length;
      yield chunk;
    }
  } finally {
    await it.return?.();
  }
}
