// Feeds segments to a ConnectionTracker and collects the flows and events.
import { ConnectionTracker, type TrackerOptions } from '../../src/tcp/tracker.js';
import type { Flow } from '../../src/model/flow.js';
import { DecodeStatus, newDecodedPacket, type DecodedPacket } from '../../src/model/decoded.js';
import { readCaptures } from '../../src/capture/open.js';
import { decodePacket } from '../../src/decode/packet.js';
import { recordTime } from '../../src/model/packet.js';

export interface Run {
  tracker: ConnectionTracker;
  ended: Flow[];
  started: Flow[];
  /** Analysis bits per frame (1-based). */
  analysis: number[];
  /** Feeds one packet at time `ts`; frame numbers count from 1. */
  feed(p: DecodedPacket, ts?: number): void;
  finish(): Flow[];
}

export function run(opts: TrackerOptions = {}): Run {
  const ended: Flow[] = [];
  const started: Flow[] = [];
  const analysis: number[] = [0];
  const tracker = new ConnectionTracker({
    ...opts,
    listeners: [
      {
        flowStart: (f) => started.push(f),
        flowEnd: (f) => ended.push(f),
        segment: (ev) => {
          analysis[ev.frame] = ev.analysis;
        },
      },
    ],
  });
  let frame = 0;
  let lastTs = 1000;
  return {
    tracker,
    ended,
    started,
    analysis,
    feed(p, ts) {
      lastTs = ts ?? lastTs + 0.01;
      tracker.packet(p, lastTs, ++frame);
    },
    finish() {
      tracker.finish();
      return [...ended].sort((a, b) => a.id - b.id);
    },
  };
}

/** Reader, decoder and tracker alone (no detectors) over a capture file: the flows in id order. */
export async function trackFile(path: string): Promise<Flow[]> {
  const flows: Flow[] = [];
  const tracker = new ConnectionTracker({ listeners: [{ flowEnd: (f) => flows.push(f) }] });
  const view = newDecodedPacket();
  let frame = 0;
  await readCaptures([path], (rec) => {
    frame++;
    if (decodePacket(rec, view) === DecodeStatus.TCP) tracker.packet(view, recordTime(rec), frame);
  });
  tracker.finish();
  return flows.sort((a, b) => a.id - b.id);
}
