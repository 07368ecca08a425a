import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze.js';
import { CaptureFormatError, InputError } from '../../src/errors.js';
import { manifest, SKIP_SHARED } from '../helpers/shared-captures.js';

// The whole pipeline (reader, decoders, tracker, every detector, report) over
// every real capture: the in-process twin of ../shared/tools/sweep.mjs.
test('every real capture is analysed or cleanly rejected, and well-formed ones report exactly the packets capinfos counted', { skip: SKIP_SHARED, timeout: 300_000 }, async () => {
  const rows = manifest();
  const miscounted: string[] = [];
  const crashed: string[] = [];
  const rejectedWellFormed: string[] = [];
  for (const row of rows) {
    try {
      const report = await analyze([row.path]);
      if (!row.malformed && report.summary.packets !== row.packets) {
        miscounted.push(`${row.relpath}: ${report.summary.packets} != ${row.packets}`);
      }
    } catch (e) {
      if (!(e instanceof CaptureFormatError || e instanceof InputError)) crashed.push(`${row.relpath}: ${(e as Error).stack}`);
      else if (!row.malformed) rejectedWellFormed.push(`${row.relpath}: ${(e as Error).message}`);
    }
  }
  assert.deepEqual(crashed, []);
  assert.deepEqual(rejectedWellFormed, []);
  assert.deepEqual(miscounted, []);
  assert.ok(rows.length > 2000, `only ${rows.length} captures in the manifest`);
});
