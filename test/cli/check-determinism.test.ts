import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

// close-wait-leak: close-wait-stuck (error) on 127.0.0.1:8080 plus an info capture-quality finding (checksum
// offload on lo); the config raises that one to warning and allows it, so every part of every output is exercised.
const LEAK = 'fixtures/kernel/close-wait-leak/capture.pcap';
const dir = mkdtempSync(join(tmpdir(), 'tcpstate-determinism-'));
const CONFIG = join(dir, 'config.json');
writeFileSync(
  CONFIG,
  JSON.stringify({
    severity: { 'capture-quality': 'warning' },
    allow: [{ finding: 'capture-quality', cidr: '127.0.0.0/8', reason: 'checksum offload on lo' }],
  }),
);

describe('check output is byte-identical across runs (CI diffs mean something)', { concurrency: 4 }, () => {
  for (const format of ['text', 'json', 'junit', 'github']) {
    test(`--format ${format}`, async () => {
      const args = ['check', '--fail-on', 'warning', '--config', CONFIG, '--format', format, LEAK];
      const [a, b] = await Promise.all([runCli(args), runCli(args)]);
      assert.equal(a.code, 1, a.stderr);
      assert.ok(a.stdout.length > 100);
      assert.ok(a.stdout.includes('checksum offload on lo'), 'the allowed finding is visible with its reason');
      assert.equal(Buffer.compare(Buffer.from(a.stdout), Buffer.from(b.stdout)), 0, 'outputs differ');
      assert.equal(b.code, 1);
    });
  }
});
