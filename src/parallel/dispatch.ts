import { passTcpPackets, type TcpSink } from '../capture-pass.js';
import type { Detector } from '../detect/detector.js';
import { shardOf } from '../flow/shard.js';
import type { CaptureSummary } from '../model/capture.js';
import type { DecodedPacket } from '../model/decoded.js';
import type { ShardFeed } from './shard-feed.js';
import type { WorkerLink } from './worker-link.js';

/** Batches (1 MiB each) a worker may hold before reading waits for it, so memory stays bounded when it lags; 16 ran no faster on 1M. */
const MAX_IN_FLIGHT = 4;

export interface DispatchOptions {
  filter?: ((packet: DecodedPacket) => boolean) | undefined;
  onProgress?: ((bytesRead: number, totalBytes: number | null, packets: number) => void) | undefined;
  /** The main thread's detectors: those with a record hook see every record (capture-pass.ts). */
  detectors: readonly Detector[];
  /** Set once the run failed (a worker died): reading stops at the next chunk. */
  stopped: () => Error | null;
}

/**
 * The --jobs main thread's pass: reads and decodes the captures once, gives
 * each TCP packet to the feed of its shard and its time to every other feed,
 * then flushes the feeds and tells each worker `end`. Returns the captures'
 * summaries.
 */
export async function dispatch(paths: string[], links: readonly WorkerLink[], feeds: readonly ShardFeed[], opts: DispatchOptions): Promise<CaptureSummary[]> {
  const jobs = feeds.length;
  const sink: TcpSink = {
    packet(p, ts, frame) {
      const mine = shardOf(p, jobs);
      for (let i = 0; i < jobs; i++) {
        if (i === mine) feeds[i]!.packet(p, ts, frame);
        else feeds[i]!.skip(ts);
      }
    },
  };
  const stopped = opts.stopped;
  const wait = async (): Promise<void> => {
    for (const f of feeds) while (f.inFlight >= MAX_IN_FLIGHT && stopped() === null) await f.below(MAX_IN_FLIGHT);
    const e = stopped();
    if (e !== null) throw e;
  };
  const pace = (): Promise<void> | undefined => (stopped() !== null || feeds.some((f) => f.inFlight >= MAX_IN_FLIGHT) ? wait() : undefined);
  const captures = await passTcpPackets(paths, { filter: opts.filter, detectors: opts.detectors, onProgress: opts.onProgress, pace }, sink);
  for (const f of feeds) f.flush();
  for (const l of links) l.send({ type: 'end', captures });
  return captures;
}
