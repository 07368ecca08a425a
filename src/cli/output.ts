import { createWriteStream } from 'node:fs';
import { UsageError } from '../errors.js';

/** Writes a rendered report to -o FILE, or to stdout. */
export async function emit(text: string, outputPath: string | undefined): Promise<void> {
  await emitChunks([text], outputPath);
}

/** Pieces are gathered into writes of about this many characters. */
const BATCH = 1 << 16;

/**
 * Writes a report that comes in pieces (a large JSON report) to -o FILE or
 * stdout, waiting for the stream to drain so memory stays bounded.
 */
export async function emitChunks(chunks: Iterable<string>, outputPath: string | undefined): Promise<void> {
  const stream = outputPath !== undefined ? createWriteStream(outputPath) : process.stdout;
  let failure: NodeJS.ErrnoException | undefined;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    failure = e;
  });
  const write = (s: string): Promise<void> | undefined => {
    if (failure !== undefined || stream.write(s)) return undefined;
    return new Promise((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('error', done);
        resolve();
      };
      stream.once('drain', done);
      stream.once('error', done);
    });
  };
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= BATCH) {
      await write(batch);
      batch = '';
    }
    if (failure !== undefined) break;
  }
  if (batch !== '') await write(batch);
  await new Promise<void>((resolve) => {
    if (failure !== undefined) return resolve();
    if (outputPath !== undefined) stream.end(() => resolve());
    else stream.write('', () => resolve());
  });
  // A closed pipe (`| head`) is the reader's choice, not an error; a file that cannot be written is.
  if (failure !== undefined && outputPath !== undefined) {
    throw new UsageError(`${outputPath}: cannot write the report: ${failure.code ?? String(failure)}`);
  }
}
