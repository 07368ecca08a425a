import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'report', '__snapshots__');

/**
 * Compares text with test/report/__snapshots__/<name>. UPDATE_SNAPSHOTS=1
 * rewrites it; a missing snapshot fails (CI must not invent its own truth).
 */
export function matchSnapshot(name: string, actual: string): void {
  const file = join(DIR, name);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `snapshot ${name} is missing: run with UPDATE_SNAPSHOTS=1 and review it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from snapshot ${name} (UPDATE_SNAPSHOTS=1 to accept)`);
}
