import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';

/**
 * Capture bytes per worker below which another worker does not pay. The main
 * thread reads and decodes for the workers, and two workers on two cores
 * take the cores the garbage collector's helper threads used: on the bench's
 * 540 MB capture `--jobs 2` was 1.04-1.25x as fast as `--jobs 1` for 1.45x
 * the CPU time and 1.45x the memory, on its 2.7 GB one 1.5x as fast.
 */
export const MIN_BYTES_PER_JOB = 1024 * 1024 * 1024;
/** Past this the main thread, which reads and decodes every packet for the workers, is the bottleneck. */
export const MAX_JOBS = 8;

/**
 * The default --jobs: one worker per MIN_BYTES_PER_JOB (1 GiB) of capture, at
 * most one per core. Standard input has no size to go by: one, unless asked.
 */
export async function chooseJobs(paths: readonly string[], cores = availableParallelism()): Promise<number> {
  if (paths.includes('-')) return 1;
  let bytes = 0;
  for (const p of paths) {
    try {
      bytes += (await stat(p)).size;
    } catch {
      return 1; // the reader reports the missing file
    }
  }
  return Math.max(1, Math.min(cores, MAX_JOBS, Math.floor(bytes / MIN_BYTES_PER_JOB)));
}

/** Worker threads a run may use: the main thread reads for all of them, standard input included. */
export function usableJobs(jobs: number): number {
  return Math.max(1, Math.floor(jobs));
}
