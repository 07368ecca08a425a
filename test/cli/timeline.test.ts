import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';

const LEAK = 'fixtures/kernel/close-wait-leak/capture.pcap';

describe('tcpstate timeline', () => {
  test('--flow 1 draws close-wait-leak frames 1-9 ending with the server in CLOSE_WAIT (frame 9)', async () => {
    const r = await runCli(['timeline', LEAK, '--flow', '1']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split('\n').filter((l) => /^ +\d+\.\d{6} +\d+ /.test(l));
    assert.deepEqual(rows.map((l) => Number(l.trim().split(/ +/)[1])), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.match(rows[8]!, /FIN_WAIT_2\*.*CLOSE_WAIT\*$/);
  });

  test('--port selecting exactly one connection draws it', async () => {
    const r = await runCli(['timeline', LEAK, '--port', '8081']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Flow 2: /);
  });

  test('lists the matches and exits 2 when the filters select several connections', async () => {
    const r = await runCli(['timeline', LEAK, '--host', '127.0.0.1']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /2 connections match; pick one with --flow ID/);
    assert.match(r.stderr, /\n +1 +127\.0\.0\.1:40003/);
    assert.match(r.stderr, /\n +2 +127\.0\.0\.1:49999/);
  });

  test('exits 2 for a flow id the capture does not have, and without any selection', async () => {
    const a = await runCli(['timeline', LEAK, '--flow', '99']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /no connection 99 matches \(the capture has 2\)/);
    assert.equal((await runCli(['timeline', LEAK])).code, 2);
  });
});
