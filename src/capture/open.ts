import { stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { CaptureFileInfo, CaptureWarning } from '../model/capture.js';
import type { PacketRecord } from '../model/packet.js';
import { mergeByTime, RecordQueue, type Lane } from './merge.js';
import { FileReader } from './reader.js';
import { fileSource, stdinSource, type ByteSource } from './source.js';

export type { CaptureFileInfo, CaptureWarning };


export interface ReadOptions {
  /** Called now and then (not per packet) with bytes read so far over all files and the total if known (sum of file sizes; null for stdin). */
  onProgress?(bytesRead: number, totalBytes: number | null): void;
  /** Called between two chunks of input; reading waits for the promise it returns, if any (backpressure). */
  pace?(): Promise<void> | undefined;
}

/** How many raw bytes between two progress calls. */
const PROGRESS_STEP = 4 * 1024 * 1024;

/**
 * Reads the files (path '-' = stdin), gunzips transparently (sniff the 1f 8b magic, never the name),
 * sniffs pcap vs pcapng from the first bytes, and calls onRecord once per record. With one file: in file
 * order. With several: merged into one stream ordered by timestamp (like mergecap: at each step the file
 * whose next record is earliest; ties go to the lower file index). `rec` is reused; fileIndex = index in paths.
 * Throws CaptureFormatError (src/errors.ts) when a file cannot be read at all (not a capture: bad magic, empty,
 * header cut short) and InputError when it cannot be opened. Damage after a valid header is a warning in
 * that file's info, and the records before it are still delivered.
 */
export async function readCaptures(
  paths: string[],
  onRecord: (rec: PacketRecord, fileIndex: number) => void,
  opts?: ReadOptions,
): Promise<CaptureFileInfo[]> {
  const sources: ByteSource[] = [];
  for (const p of paths) sources.push(p === '-' ? stdinSource() : await statFile(p));
  return readSources(sources, onRecord, opts);
}

/** readCaptures over already-made byte sources (tests feed in-memory streams through this). */
export async function readSources(
  sources: ByteSource[],
  onRecord: (rec: PacketRecord, fileIndex: number) => void,
  opts?: ReadOptions,
): Promise<CaptureFileInfo[]> {
  const total = sources.some((s) => s.size === null) ? null : sources.reduce((a, s) => a + s.size!, 0);
  const onProgress = opts?.onProgress;
  const pace = opts?.pace;
  let reported = 0;
  const progress = (final: boolean): void => {
    if (onProgress === undefined) return;
    let raw = 0;
    for (const r of readers) raw += r.state.rawBytes;
    if (final || raw - reported >= PROGRESS_STEP) {
      reported = raw;
      onProgress(raw, total);
    }
  };

  const readers: FileReader[] = [];
  try {
    if (sources.length === 1) {
      const reader = new FileReader(sources[0]!, (rec) => onRecord(rec, 0));
      readers.push(reader);
      while (await reader.step()) {
        progress(false);
        await pace?.();
      }
    } else {
      const lanes: Lane[] = sources.map((src, i) => {
        const queue = new RecordQueue();
        const reader = new FileReader(src, (rec) => queue.pushCopy(rec));
        readers[i] = reader;
        return {
          fill: () => (queue.length > 0 ? true : refill(reader, queue)),
          peek: () => queue.peek(),
          shift: () => queue.shift(),
        };
      });
      const refill = async (reader: FileReader, queue: RecordQueue): Promise<boolean> => {
        while (queue.length === 0) {
          if (!(await reader.step())) return queue.length > 0;
          progress(false);
          await pace?.();
        }
        return true;
      };
      await mergeByTime(lanes, onRecord);
    }
  } catch (err) {
    await Promise.all(readers.map((r) => r.close().catch(() => undefined)));
    throw err;
  }
  progress(true);
  return readers.map((r) => r.stats());
}

async function statFile(path: string): Promise<ByteSource> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, 'is a directory, not a capture file');
    return fileSource(path, st.isFile() ? st.size : null);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new InputError(path, `cannot open: ${reason}`);
  }
}
