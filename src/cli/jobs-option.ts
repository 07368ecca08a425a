import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';

const MAX = 64;

/** --jobs: worker threads, each tracking a share of the connections; the report is the same for any number. */
export function addJobsOption(cmd: Command): Command {
  return cmd.addOption(
    new Option(
      '-j, --jobs <n>',
      'worker threads sharing the connections (default: one per GiB of capture, at most one per core; stdin: 1 unless given)',
    ).argParser(parseJobs),
  );
}

export function parseJobs(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX) {
    throw new UsageError(`--jobs ${JSON.stringify(text)}: a number of worker threads from 1 to ${MAX}`);
  }
  return Number(text);
}
