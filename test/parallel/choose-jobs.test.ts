import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseJobs } from '../../src/parallel/jobs.js';

const dir = mkdtempSync(join(tmpdir(), 'tcpstate-jobs-'));
const GiB = 1024 * 1024 * 1024;
/** A sparse file of this size: stat sees the size, the disk holds nothing. */
function sized(name: string, bytes: number): string {
  const p = join(dir, name);
  writeFileSync(p, '');
  truncateSync(p, Math.round(bytes));
  return p;
}

test('the default --jobs is one worker per GiB of capture, at most one per core', async () => {
  // On the bench's 200k-connection capture (540 MB) two workers gained 4-25 % for 1.45x the CPU and memory; on its 1M one (2.7 GB) 1.5x as fast.
  assert.equal(await chooseJobs([sized('c200k.pcap', 540e6)], 2), 1);
  assert.equal(await chooseJobs([sized('c1M.pcap', 2.7e9)], 2), 2);
  assert.equal(await chooseJobs([sized('big.pcap', 10 * GiB)], 4), 4);
  assert.equal(await chooseJobs([sized('a.pcap', 0.6 * GiB), sized('b.pcap', 0.6 * GiB)], 8), 1, 'sizes add up: 1.2 GiB is one worker');
  assert.equal(await chooseJobs([sized('c.pcap', GiB), sized('d.pcap', GiB)], 8), 2);
});

test('by default standard input (no size) and a missing file run on one thread', async () => {
  assert.equal(await chooseJobs([sized('e.pcap', 4 * GiB), '-'], 4), 1);
  assert.equal(await chooseJobs([join(dir, 'missing.pcap')], 4), 1);
});
