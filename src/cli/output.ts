import { writeFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

/** Writes a rendered report to -o FILE, or to stdout. */
export async function emit(text: string, outputPath: string | undefined): Promise<void> {
  if (outputPath !== undefined) {
    try {
      await writeFile(outputPath, text);
    } catch (e) {
      throw new InputError(outputPath, `cannot write: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    return;
  }
  await new Promise<void>((resolve) => {
    // A closed pipe (`| head`) is the reader's choice, not an error.
    process.stdout.once('error', () => resolve());
    process.stdout.write(text, () => resolve());
  });
}
