import { Option, type Command } from 'commander';
import { DEFAULT_MAX_FINDINGS } from '../detect/finding-cap.js';
import { UsageError } from '../errors.js';

/** --max-findings: how many findings of each kind the report lists; the summary counts the rest. */
export function addMaxFindingsOption(cmd: Command): Command {
  return cmd.addOption(
    new Option(
      '--max-findings <n>',
      `findings of each kind the report lists, the earliest first; the summary counts every one (default ${DEFAULT_MAX_FINDINGS}; all: no limit)`,
    ).argParser(parseMaxFindings),
  );
}

export function parseMaxFindings(text: string): number {
  if (text === 'all') return Infinity;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`--max-findings ${JSON.stringify(text)}: a number of findings (1 or more), or all`);
  }
  return Number(text);
}
