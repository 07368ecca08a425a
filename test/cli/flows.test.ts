import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';

const LEAK = 'fixtures/kernel/close-wait-leak/capture.pcap';

describe('tcpstate flows', () => {
  test('--state CLOSE_WAIT lists only the leaking connection (close-wait-leak: flow 1, server 127.0.0.1:8080)', async () => {
    const r = await runCli(['flows', LEAK, '--state', 'close-wait', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.flows.map((f: { id: number }) => f.id), [1]);
    assert.equal(doc.flows[0].server.state, 'CLOSE_WAIT');
    assert.ok(doc.flows[0].findings.includes('close-wait-stuck'));
  });

  test('keeps the ids of the unfiltered capture under --port (flow 2 stays flow 2)', async () => {
    const r = await runCli(['flows', LEAK, '--port', '8081', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).flows.map((f: { id: number; server: { port: number } }) => [f.id, f.server.port]), [[2, 8081]]);
  });

  test('prints a plain table into a pipe: one header and one row per connection, no escapes', async () => {
    const r = await runCli(['flows', LEAK]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^ID +CLIENT +SERVER +CLIENT STATE +SERVER STATE +CONN +HISTORY/);
    assert.equal(lines.length, 3);
    assert.doesNotMatch(r.stdout, /\u001b/);
  });

  test('rejects an unknown state and a bad network with exit code 2', async () => {
    const a = await runCli(['flows', LEAK, '--state', 'HALF_CLOSED']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /not a TCP state/);
    const b = await runCli(['flows', LEAK, '--net', '10.0.0.0/40']);
    assert.equal(b.code, 2);
  });

  test('analyze --port restricts the report to the matching connections', async () => {
    const r = await runCli(['analyze', LEAK, '--port', '8080', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.summary.flows, 1);
    assert.equal(doc.flows[0].server.port, 8080);
  });
});
