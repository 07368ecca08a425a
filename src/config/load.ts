import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import type { TcpstateConfig } from './config.js';
import { validateConfig } from './validate.js';

/**
 * Reads and validates a config file. Every problem, a missing file included,
 * is a ConfigError (exit 2): the command line named a file that cannot serve.
 */
export async function loadConfig(path: string): Promise<TcpstateConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseConfigText(text.replace(/^\uFEFF/, ''), path);
}

/** The text of a config file, as loadConfig reads it; `source` names it in messages. */
export function parseConfigText(text: string, source: string): TcpstateConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${source}: not valid JSON: ${jsonProblem(text, (e as Error).message)}`);
  }
  return validateConfig(raw, source);
}

/** V8 says "at position 57"; an editor wants a line and a column. */
function jsonProblem(text: string, message: string): string {
  const m = /^(.*?)(?: in JSON)? at position (\d+)/.exec(message);
  // Node quotes the whole document in some messages: the first clause is the problem.
  if (m === null) return message.split('\n')[0]!.replace(/, ".*" is not valid JSON$/, '');
  const pos = Number(m[2]);
  const before = text.slice(0, pos).split('\n');
  return `${m[1]} (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
}
