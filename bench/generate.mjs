#!/usr/bin/env node
// Usage: node bench/generate.mjs --connections 200000 --seed 1 --out bench/out/c200k.pcap
//        [--duration 120] [--time-wait 60] [--snaplen 262144] [--bounded]
// Writes a deterministic synthetic capture and, next to it, FILE.expected.json
// with what the generator intended (scenario counts, expected end states).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCapture, sidecarPath } from './gen/generator.mjs';
import { parseSize } from './gen/size.mjs';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10k' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    duration: { type: 'string', default: '120' },
    'time-wait': { type: 'string', default: '60' },
    snaplen: { type: 'string', default: '262144' },
    // Every connection closes: the connections open at once follow the arrival rate, not the duration.
    bounded: { type: 'boolean', default: false },
  },
});
const connections = parseSize(values.connections);
const out = values.out ?? `bench/out/c${values.connections}-s${values.seed}.pcap`;
mkdirSync(dirname(out), { recursive: true });
const t0 = process.hrtime.bigint();
const side = generateCapture({
  connections,
  seed: Number(values.seed),
  out,
  durationSec: Number(values.duration),
  timeWaitSec: Number(values['time-wait']),
  snaplen: Number(values.snaplen),
  bounded: values.bounded,
});
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(
  `${out}: ${side.connections} connections, ${side.packets} packets (${(side.packets / side.connections).toFixed(1)}/connection), ` +
    `${(side.fileBytes / 1e6).toFixed(1)} MB, peak ~${side.peakOpenConnections} open, ${secs.toFixed(1)} s; expectations in ${sidecarPath(out)}`,
);
