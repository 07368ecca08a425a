import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateCapture } from '../../bench/gen/generator.mjs';
import { analyze } from '../../src/analyze.js';
import type { Report } from '../../src/model/report.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

// --jobs N: each worker tracks the connections of one shard; the report must
// be the single-threaded one byte for byte. The input is every kernel fixture,
// the demo capture and a generated 4 000-connection capture, read as one merged
// capture: between them they raise every kind of finding, so every merge of
// per-shard state (syn-flood, grouped attempts, TIME_WAIT pile-ups, capture
// quality, flow numbering) is on the line.
const dir = mkdtempSync(join(tmpdir(), 'tcpstate-jobs-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const generated = join(dir, 'c4k.pcap');
generateCapture({ connections: 4000, seed: 11, out: generated });
const kernel = readdirSync(join(ROOT, 'fixtures/kernel'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(ROOT, 'fixtures/kernel', d.name, 'capture.pcap'))
  .sort();
const files = [...kernel, join(ROOT, 'fixtures/demo/service-leak.pcap'), generated];
// A lower pile-up threshold so that the generated servers' active closes raise it too.
const analyzeArgs = ['analyze', '--format', 'json', '--threshold', 'time-wait-pileup=20', ...files];

async function reportWith(jobs: number, extra: string[] = []): Promise<string> {
  const r = await runCli([...analyzeArgs, ...extra, '--jobs', String(jobs)]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

describe('--jobs: a sharded run writes the single-threaded report', () => {
  test('the report with every flow is identical for 1, 2 and 3 workers', async () => {
    const one = await reportWith(1);
    const report = JSON.parse(one) as Report;
    const kinds = new Set(report.findings.map((f) => f.id));
    for (const id of ['syn-flood', 'connection-refused', 'syn-unanswered', 'half-open', 'time-wait-pileup', 'capture-quality', 'port-reuse-time-wait', 'close-wait-stuck']) {
      assert.ok(kinds.has(id), `the input raises ${id}`);
    }
    assert.equal(await reportWith(2), one);
    assert.equal(await reportWith(3), one);
  });

  test('a capped report lists the same earliest findings for 1 and 3 workers, and counts what listing all counts', async () => {
    const opts = { thresholds: { timeWaitPileupPerMinute: 20 }, flows: 'none' as const, maxFindings: 3 };
    const one = await analyze(files, { ...opts, jobs: 1 });
    assert.deepEqual(await analyze(files, { ...opts, jobs: 3 }), one);
    const all = await analyze(files, { ...opts, jobs: 1, maxFindings: Infinity });
    assert.deepEqual(one.summary.findings, all.summary.findings);
    assert.deepEqual(one.services, all.services);
    const omitted = one.summary.findingsOmitted ?? {};
    assert.ok(Object.keys(omitted).length >= 3, 'several kinds are capped');
    for (const id of new Set(all.findings.map((f) => f.id))) {
      const every = all.findings.filter((f) => f.id === id).sort((a, b) => a.since - b.since);
      const listed = one.findings.filter((f) => f.id === id);
      const starts = listed.map((f) => f.since).sort((a, b) => a - b);
      assert.deepEqual(starts, every.slice(0, 3).map((f) => f.since), `${id}: the earliest are listed`);
      const left = omitted[id] ?? { error: 0, warning: 0, info: 0 };
      assert.equal(left.error + left.warning + left.info, every.length - listed.length, id);
    }
  });

  test('--flows findings lists the same flows, fetched from the shards by global id', async () => {
    assert.equal(await reportWith(2, ['--flows', 'findings']), await reportWith(1, ['--flows', 'findings']));
  });

  test('the library API gives the same report with jobs: 2 (workers run from source too)', async () => {
    const demo = [join(ROOT, 'fixtures/demo/service-leak.pcap')];
    assert.deepEqual(await analyze(demo, { jobs: 2 }), await analyze(demo, { jobs: 1 }));
  });

  test('a filter function runs in the main thread before sharding: same report with jobs: 2', async () => {
    // Keeps every connection of the generated capture whose client port is even: both directions alike.
    const even = (p: { srcPort: number; dstPort: number }) => Math.max(p.srcPort, p.dstPort) % 2 === 0;
    const one = await analyze([generated], { jobs: 1, filter: even });
    assert.ok(one.summary.flows > 100 && one.summary.flows < 3900, `${one.summary.flows} flows kept`);
    assert.deepEqual(await analyze([generated], { jobs: 2, filter: even }), one);
  });

  test('standard input can feed workers too: the main thread reads it once', async () => {
    const bytes = readFileSync(generated);
    const one = await runCli(['analyze', '--format', 'json', '--jobs', '1', '-'], bytes);
    const two = await runCli(['analyze', '--format', 'json', '--jobs', '2', '-'], bytes);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.stdout, one.stdout);
  });

  test('a capture that cannot be read fails the same way with workers: one line, exit 3', async () => {
    const bad = join(dir, 'bad.pcap');
    writeFileSync(bad, 'not a capture at all');
    const one = await runCli(['analyze', '--jobs', '1', bad]);
    const two = await runCli(['analyze', '--jobs', '2', bad]);
    assert.equal(one.code, 3);
    assert.equal(two.code, 3);
    assert.equal(two.stderr, one.stderr);
    assert.equal(two.stderr.trim().split('\n').length, 1);
  });

  test('--jobs outside 1..64 is a usage error (exit 2)', async () => {
    const r = await runCli(['analyze', '--jobs', '0', files[0]!]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs "0"/);
  });
});
