// Zeek's history and conn_state. Synthetic sequences cite the Zeek baseline
// that shows the same shape; the real-trace test compares against Zeek's own
// baselines in ../shared/captures/zeek-oracle.json.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seg } from '../helpers/segment-builder.js';
import { run, trackFile } from '../helpers/tracker-run.js';
import { renderZeekConnLog } from '../../src/report/zeek.js';

describe('history letters', () => {
  test('a full exchange reads ShADadFf, SF (as Zeek logs for Traces/http/get.pcap)', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: 100 }));
    r.feed(seg('S>C', 'SA', { seq: 500, ack: 101 }));
    r.feed(seg('C>S', 'A', { seq: 101, ack: 501 }));
    r.feed(seg('C>S', 'PA', { seq: 101, ack: 501, len: 10 }));
    r.feed(seg('S>C', 'A', { seq: 501, ack: 111 }));
    r.feed(seg('S>C', 'PA', { seq: 501, ack: 111, len: 20 }));
    r.feed(seg('C>S', 'FA', { seq: 111, ack: 521 }));
    r.feed(seg('S>C', 'FA', { seq: 521, ack: 112 }));
    r.feed(seg('C>S', 'A', { seq: 112, ack: 522 }));
    const [f] = r.finish();
    assert.equal(f!.history, 'ShADadFf');
    assert.equal(f!.connState, 'SF');
    assert.equal(f!.client.zeekBytes, 10);
    assert.equal(f!.server.zeekBytes, 20);
  });

  test('an unanswered SYN and its retransmission read S, S0 (cisco-fabric-path.pcap: S0 "S" with 2 packets)', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: 100 }));
    r.feed(seg('C>S', 'S', { seq: 100 }), 1001);
    const [f] = r.finish();
    assert.equal(f!.history, 'S');
    assert.equal(f!.connState, 'S0');
  });

  test('a SYN+ACK first flips the roles: "^h..." (http/zeek-image-post-1080-8000-x.pcap: ^hADadFf)', () => {
    const r = run();
    r.feed(seg('S>C', 'SA', { seq: 500, ack: 101 }));
    r.feed(seg('C>S', 'A', { seq: 101, ack: 501 }));
    const [f] = r.finish();
    assert.equal(f!.history, '^hA');
    assert.equal(f!.client.port, 40000);
  });

  test('retransmitted data is logarithmic: T at the 1st and 10th retransmission', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: 100 }));
    r.feed(seg('S>C', 'SA', { seq: 500, ack: 101 }));
    r.feed(seg('C>S', 'A', { seq: 101, ack: 501 }));
    r.feed(seg('C>S', 'PA', { seq: 101, ack: 501, len: 10 }));
    for (let i = 0; i < 10; i++) r.feed(seg('C>S', 'PA', { seq: 101, ack: 501, len: 10 }));
    const [f] = r.finish();
    assert.equal(f!.history, 'ShADTT');
  });

  test('a SYN answered by RST is REJ with history Sr', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: 100 }));
    r.feed(seg('S>C', 'RA', { seq: 0, ack: 101 }));
    const [f] = r.finish();
    assert.equal(f!.history, 'Sr');
    assert.equal(f!.connState, 'REJ');
  });
});

describe('conn.log writer', () => {
  test('writes Zeek\'s header, one row per flow and a reproducible uid', () => {
    const r = run();
    r.feed(seg('C>S', 'S', { seq: 100 }));
    const flows = r.finish();
    const a = renderZeekConnLog(flows);
    assert.equal(a, renderZeekConnLog(flows));
    const lines = a.trimEnd().split('\n');
    assert.equal(lines[0], '#separator \\x09');
    assert.ok(lines[6]!.startsWith('#fields\tts\tuid\tid.orig_h'));
    const row = lines[8]!.split('\t');
    assert.equal(row.length, 21);
    assert.match(row[1]!, /^C[0-9A-Za-z]{17}$/);
    assert.equal(row[11], 'S0');
    assert.equal(row[15], 'S');
  });
});

const CAPTURES = join(process.cwd(), '..', 'shared', 'captures');


describe('against Zeek baselines', () => {
  const traces = [
    'zeek-zeek/testing/btest/Traces/http/get.pcap',
    'zeek-zeek/testing/btest/Traces/tcp/miss_end_data.pcap',
    'zeek-zeek/testing/btest/Traces/ssh/ssh.server-side-half-duplex.pcap',
    'zeek-zeek/testing/btest/Traces/http/zeek-image-post-1080-8000-x.pcap',
  ];
  for (const trace of traces) {
    test(`conn_state and history match Zeek's baseline for ${trace.split('Traces/')[1]}`, async (t) => {
      if (!existsSync(join(CAPTURES, 'zeek-oracle.json'))) {
        t.skip('../shared/captures is absent');
        return;
      }
      const oracle = JSON.parse(readFileSync(join(CAPTURES, 'zeek-oracle.json'), 'utf8')) as {
        trace: string;
        connections: { orig_h: string; orig_p: number; resp_h: string; resp_p: number; conn_state: string; history: string }[];
      }[];
      const pair = oracle.find((p) => p.trace === trace && p.connections.every((c) => c.orig_p != null && c.conn_state != null));
      assert.ok(pair, 'oracle entry');
      const flows = await trackFile(join(CAPTURES, trace));
      const got = flows.map((f) => `${f.client.ip}:${f.client.port}>${f.server.ip}:${f.server.port} ${f.connState} ${f.history}`).sort();
      const want = pair.connections.map((c) => `${c.orig_h}:${c.orig_p}>${c.resp_h}:${c.resp_p} ${c.conn_state} ${c.history}`).sort();
      assert.deepEqual(got, want);
    });
  }
});
