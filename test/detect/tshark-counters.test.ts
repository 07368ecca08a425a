import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../src/analyze.js';

/**
 * summary.analysis against tshark 4.0's frame counts on the shared captures:
 * each counter within max(2, 5 %) of tshark's on at least 90 % of them.
 */
const SHARED = '../shared/captures';
const ORACLE = join(SHARED, 'tshark-oracle.jsonl');
/** Bigger captures are left out to keep the suite within its time budget. */
const MAX_BYTES = 300_000;
/** Every STRIDE-th capture (all with TCPSTATE_FULL=1): the suite must stay fast on a shared machine. */
const STRIDE = process.env.TCPSTATE_FULL ? 1 : 3;
const FIELDS = [
  ['syn', 'syn'],
  ['synack', 'synAck'],
  ['fin', 'fin'],
  ['rst', 'rst'],
  ['retransmissions', 'retransmissions'],
  ['dup_ack', 'dupAcks'],
  ['zero_window', 'zeroWindows'],
  ['keep_alive', 'keepAlives'],
] as const;

test('summary.analysis matches tshark within max(2, 5%) on ≥ 90% of the shared captures, per counter', async (t) => {
  if (!existsSync(ORACLE)) {
    t.skip('../shared/captures is absent');
    return;
  }
  const rows = readFileSync(ORACLE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, number | string>);
  const ok: Record<string, number> = {};
  const misses: Record<string, string[]> = {};
  let compared = 0;
  for (let i = 0; i < rows.length; i += STRIDE) {
    const row = rows[i]!;
    const path = join(SHARED, String(row.relpath));
    if (!existsSync(path) || statSync(path).size > MAX_BYTES || Number(row.multi_tcp_layer_frames ?? 0) > 0) continue;
    let a;
    try {
      a = (await analyze([path])).summary.analysis;
    } catch {
      continue; // unreadable captures are the capture reader's business
    }
    if (a === undefined) continue;
    compared++;
    for (const [theirs, ours] of FIELDS) {
      const want = Number(row[theirs]);
      const got = a[ours];
      if (Math.abs(got - want) <= Math.max(2, 0.05 * want)) ok[ours] = (ok[ours] ?? 0) + 1;
      else (misses[ours] ??= []).push(`${row.relpath}: tshark ${want}, tcpstate ${got}`);
    }
  }
  assert.ok(compared > 0, 'no capture compared');
  const lines = FIELDS.map(([, k]) => `${k}: ${ok[k] ?? 0}/${compared} (${(((ok[k] ?? 0) / compared) * 100).toFixed(1)}%)`);
  t.diagnostic(lines.join('; '));
  for (const [, k] of FIELDS) {
    if (process.env.TCPSTATE_VERBOSE) for (const m of (misses[k] ?? []).slice(0, 10)) t.diagnostic(`${k} ${m}`);
    assert.ok((ok[k] ?? 0) / compared >= 0.9, `${k}: ${lines.find((l) => l.startsWith(k))}\n${(misses[k] ?? []).slice(0, 10).join('\n')}`);
  }
});
