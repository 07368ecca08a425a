import type { DecodedPacket } from '../model/decoded.js';
import { packetFrame, packetTs, PACKET, readPacket } from './packet-codec.js';

/** What a batch is replayed into: the worker's tracker. */
export interface BatchSink {
  packet(p: DecodedPacket, ts: number, frame: number): void;
  /** Other shards' packets: their times at times[first .. first + count). */
  skipRun(times: Float64Array, first: number, count: number): void;
}

/**
 * Replays the entries a ShardFeed wrote in words 0 to `words` of `buffer`, in
 * order: each packet refills `view` and goes to sink.packet, each run of
 * other shards' packet times to sink.skipRun.
 */
export function replayBatch(buffer: SharedArrayBuffer, words: number, view: DecodedPacket, sink: BatchSink): void {
  const u32 = new Uint32Array(buffer, 0, words);
  const f64 = new Float64Array(buffer, 0, words >> 1);
  let at = 0;
  while (at < words) {
    if (u32[at] === PACKET) {
      const after = readPacket(u32, at, view);
      sink.packet(view, packetTs(f64, at), packetFrame(f64, at));
      at = after;
    } else {
      const n = u32[at + 1]!;
      sink.skipRun(f64, (at >> 1) + 1, n);
      at += 2 + 2 * n;
    }
  }
}
