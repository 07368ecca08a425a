import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newDecodedPacket, type DecodedPacket } from '../../src/model/decoded.js';
import { replayBatch } from '../../src/parallel/batch-replay.js';
import { ShardFeed } from '../../src/parallel/shard-feed.js';
import { seededRandom } from '../helpers/seeded-random.js';

// What the dispatcher writes for one worker must reach that worker's tracker
// as the same calls, in the same order, as a single tracker would make for
// that shard: packets with their time and frame, and every other shard's
// packet time as a skip (it advances the clock and may fire timers).

type Call = ['packet', number, number, number, number] | ['skip', number];

function recorder(calls: Call[]) {
  return {
    packet: (p: DecodedPacket, ts: number, frame: number) => void calls.push(['packet', ts, frame, p.srcPort, p.seq]),
    skipRun: (times: Float64Array, first: number, count: number) => {
      for (let i = first; i < first + count; i++) calls.push(['skip', times[i]!]);
    },
  };
}

describe('ShardFeed and replayBatch: one worker\'s share of the capture, in batches', () => {
  test('packets and skips come out in the order written, across many batches, with the buffers reused', () => {
    const random = seededRandom(7);
    const posted: { copy: SharedArrayBuffer; words: number }[] = [];
    // The worker's list of buffers by slot: each comes with its slot's first batch only.
    const slots: SharedArrayBuffer[] = [];
    let shared = 0;
    const feed = new ShardFeed((slot, words, buffer) => {
      if (buffer !== undefined) {
        slots[slot] = buffer;
        shared++;
      }
      // The worker tracks a batch before it gives the slot back; a copy stands for that here.
      const copy = new SharedArrayBuffer(words * 4);
      new Uint32Array(copy).set(new Uint32Array(slots[slot]!, 0, words));
      posted.push({ copy, words });
      feed.returned(slot);
    });
    const p = newDecodedPacket();
    const written: Call[] = [];
    for (let frame = 1; frame <= 60_000; frame++) {
      const ts = 1700000000 + frame / 1000;
      // Runs of skips of every length, as between two packets of one shard.
      if (random(3) === 0) {
        p.srcPort = frame & 0xffff;
        p.seq = (frame * 2654435761) >>> 0;
        p.sackCount = frame % 5;
        feed.packet(p, ts, frame);
        written.push(['packet', ts, frame, p.srcPort, p.seq]);
      } else {
        feed.skip(ts);
        written.push(['skip', ts]);
      }
    }
    feed.flush();
    assert.ok(posted.length > 3, `${posted.length} batches`);
    assert.equal(shared, 1, 'a slot given back is the next one written, and its buffer is not sent again');
    const replayed: Call[] = [];
    const view = newDecodedPacket();
    for (const b of posted) replayBatch(b.copy, b.words, view, recorder(replayed));
    assert.deepEqual(replayed, written);
  });

  test('inFlight counts the batches the worker holds, and below() waits until one comes back', async () => {
    const posted: number[] = [];
    const feed = new ShardFeed((slot) => posted.push(slot));
    for (let i = 0; i < 3; i++) {
      feed.skip(i);
      feed.flush();
    }
    assert.equal(feed.inFlight, 3);
    assert.equal(feed.below(4), undefined);
    let woke = false;
    const waiting = feed.below(3)!.then(() => (woke = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(woke, false);
    feed.returned(posted[0]!);
    await waiting;
    assert.equal(feed.inFlight, 2);
    // A flush with nothing written posts nothing.
    feed.flush();
    assert.equal(posted.length, 3);
  });
});
