import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateCapture } from '../../bench/gen/generator.mjs';
import { shardOf } from '../../src/flow/shard.js';
import type { DecodedPacket } from '../../src/model/decoded.js';
import type { ToWorker } from '../../src/model/shard-messages.js';
import { replayBatch } from '../../src/parallel/batch-replay.js';
import { dispatch } from '../../src/parallel/dispatch.js';
import { ShardFeed } from '../../src/parallel/shard-feed.js';
import type { WorkerLink } from '../../src/parallel/worker-link.js';
import { newDecodedPacket } from '../../src/model/decoded.js';

// The --jobs main thread (dispatch.ts) with the workers replaced by
// recorders: what each worker would be sent, and how reading waits for them.

const dir = mkdtempSync(join(tmpdir(), 'tcpstate-dispatch-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// Enough packets for several 1 MiB batches per worker.
const capture = join(dir, 'c8k.pcap');
generateCapture({ connections: 8000, seed: 3, out: capture });

function fakeLinks(n: number) {
  const sent: ToWorker[][] = Array.from({ length: n }, () => []);
  const links = sent.map((box) => ({ send: (m: ToWorker) => void box.push(m) }) as unknown as WorkerLink);
  return { sent, links };
}

describe('dispatch: the main thread of a --jobs run', () => {
  test('each TCP packet goes to the worker of its shard and its time to every other, in capture order; then end', async () => {
    const jobs = 3;
    const { sent, links } = fakeLinks(jobs);
    // Every batch is copied as posted and given back at once, as a worker keeping up would.
    const batches: { copy: SharedArrayBuffer; words: number }[][] = Array.from({ length: jobs }, () => []);
    const feeds: ShardFeed[] = [];
    for (let i = 0; i < jobs; i++) {
      const slots: SharedArrayBuffer[] = [];
      feeds.push(
        new ShardFeed((slot, words, buffer) => {
          if (buffer !== undefined) slots[slot] = buffer;
          const copy = new SharedArrayBuffer(words * 4);
          new Uint32Array(copy).set(new Uint32Array(slots[slot]!, 0, words));
          batches[i]!.push({ copy, words });
          feeds[i]!.returned(slot);
        }),
      );
    }
    const captures = await dispatch([capture], links, feeds, { detectors: [], stopped: () => null });
    const tcpPackets = captures[0]!.tcpPackets;
    assert.ok(tcpPackets > 10_000);
    const view = newDecodedPacket();
    let packets = 0;
    for (let i = 0; i < jobs; i++) {
      const frames: number[] = [];
      let calls = 0;
      let lastTs = -Infinity;
      const sink = {
        packet: (p: DecodedPacket, ts: number, frame: number) => {
          assert.equal(shardOf(p, jobs), i, `frame ${frame} went to worker ${i}`);
          assert.ok(ts >= lastTs);
          lastTs = ts;
          frames.push(frame);
          calls++;
        },
        skipRun: (times: Float64Array, first: number, count: number) => {
          for (let j = first; j < first + count; j++) {
            assert.ok(times[j]! >= lastTs);
            lastTs = times[j]!;
            calls++;
          }
        },
      };
      for (const b of batches[i]!) replayBatch(b.copy, b.words, view, sink);
      assert.equal(calls, tcpPackets, `worker ${i} hears of every TCP packet`);
      assert.deepEqual(frames, [...frames].sort((a, b) => a - b));
      packets += frames.length;
      assert.ok(frames.length > 0);
      assert.deepEqual(sent[i]!.at(-1), { type: 'end', captures });
    }
    assert.equal(packets, tcpPackets, 'each packet is tracked by exactly one worker');
  });

  test('reading waits for a worker that holds four batches, and gives up with the run\'s error once it failed', { timeout: 20_000 }, async () => {
    const { links } = fakeLinks(2);
    let posted = 0;
    // Workers that never give a batch back.
    const feeds = [0, 1].map(() => new ShardFeed(() => void posted++));
    let stop: Error | null = null;
    const run = dispatch([capture], links, feeds, { detectors: [], stopped: () => stop });
    let settled = false;
    run.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 50 && feeds.every((f) => f.inFlight < 4); i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(settled, false, 'reading is held');
    const held = posted;
    assert.ok(held >= 4 && held < 16, `${held} batches posted before reading waited`);
    stop = new Error('worker 1 exited (code 1) before it finished');
    for (const f of feeds) f.release();
    await assert.rejects(run, /worker 1 exited/);
    assert.equal(posted, held, 'nothing is sent after the failure');
  });
});
