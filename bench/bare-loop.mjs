#!/usr/bin/env node
// The reference the full analysis is measured against: read a classic pcap the
// way src/capture does (1 MiB chunks from fs.createReadStream, records that
// straddle two chunks completed in a small carry buffer), decode
// Ethernet/802.1Q/IPv4/IPv6/TCP by hand and count every packet into an
// open-addressing flow table kept in typed arrays (canonical 5-tuple: the same
// slot in both directions). Nothing is allocated per packet.
//
// Usage: node bench/bare-loop.mjs FILE [--json]
import { createReadStream } from 'node:fs';
import { FlowTable } from './bare/flow-table.mjs';

const path = process.argv[2];
if (!path) {
  console.error('usage: node bench/bare-loop.mjs FILE.pcap [--json]');
  process.exit(2);
}
const asJson = process.argv.includes('--json');

const table = new FlowTable(1 << 16);
const key = new Int32Array(10);
let packets = 0;
let tcpPackets = 0;
let bytes = 0;
let le = true;
let headerDone = false;
let nsec = false;
// A record cut by a chunk boundary is completed here; it only ever holds one record.
let carry = new Uint8Array(1 << 18);
let carryLen = 0;

const t0 = process.hrtime.bigint();
for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
  bytes += chunk.length;
  let off = 0;
  if (!headerDone) {
    // The 24-byte file header always lies in the first 1 MiB chunk for a real file.
    const magic = chunk.readUInt32LE(0);
    if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) le = true;
    else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) le = false;
    else throw new Error(`${path}: not a classic pcap file`);
    nsec = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
    const link = le ? chunk.readUInt32LE(20) : chunk.readUInt32BE(20);
    if (link !== 1) throw new Error(`${path}: link type ${link}; the bare loop decodes Ethernet only`);
    headerDone = true;
    off = 24;
  }
  if (carryLen > 0) {
    // Complete the straddling record: its header first, then its body.
    if (carryLen < 16) {
      const take = Math.min(16 - carryLen, chunk.length);
      carry.set(chunk.subarray(0, take), carryLen);
      carryLen += take;
      off = take;
    }
    if (carryLen >= 16) {
      const need = 16 + u32(carry, 8);
      if (need > carry.length) {
        const bigger = new Uint8Array(need);
        bigger.set(carry.subarray(0, carryLen));
        carry = bigger;
      }
      const take = Math.min(need - carryLen, chunk.length - off);
      carry.set(chunk.subarray(off, off + take), carryLen);
      carryLen += take;
      off += take;
      if (carryLen === need) {
        record(carry, 0);
        carryLen = 0;
      }
    }
  }
  const n = chunk.length;
  while (off + 16 <= n) {
    const caplen = u32(chunk, off + 8);
    if (off + 16 + caplen > n) break;
    record(chunk, off);
    off += 16 + caplen;
  }
  if (off < n && carryLen === 0) {
    carry.set(chunk.subarray(off), 0);
    carryLen = n - off;
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const out = {
  packets,
  tcpPackets,
  flows: table.size,
  bytes,
  seconds,
  packetsPerSecond: packets / seconds,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
};
if (asJson) console.log(JSON.stringify(out));
else {
  console.log(
    `${packets} packets (${tcpPackets} TCP), ${table.size} flows, ${seconds.toFixed(2)} s, ` +
      `${(packets / seconds / 1e6).toFixed(2)} M packets/s, ${(bytes / seconds / 1e6).toFixed(0)} MB/s, peak RSS ${out.maxRssMB.toFixed(0)} MB`,
  );
}

function u32(b, o) {
  return le ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0 : ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

/** Decodes the record at `r` (its 16-byte header first) and counts it into its flow. */
function record(b, r) {
  packets++;
  const tsSec = u32(b, r);
  const tsFrac = u32(b, r + 4);
  const ts = tsSec + (nsec ? tsFrac / 1e9 : tsFrac / 1e6);
  const caplen = u32(b, r + 8);
  const origLen = u32(b, r + 12);
  const start = r + 16;
  const end = start + caplen;
  let o = start + 12;
  if (o + 2 > end) return;
  let type = (b[o] << 8) | b[o + 1];
  let vlan = 0;
  o += 2;
  while (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
    if (o + 4 > end) return;
    vlan = (vlan << 12) | (((b[o] << 8) | b[o + 1]) & 0x0fff);
    type = (b[o + 2] << 8) | b[o + 3];
    o += 4;
  }
  let tcp;
  let ver;
  if (type === 0x0800) {
    if (o + 20 > end) return;
    const ihl = (b[o] & 0x0f) * 4;
    if (b[o + 9] !== 6 || ((b[o + 6] & 0x1f) | b[o + 7]) !== 0) return; // not TCP, or a non-first fragment
    ver = 4;
    key[2] = (b[o + 12] << 24) | (b[o + 13] << 16) | (b[o + 14] << 8) | b[o + 15];
    key[3] = 0; key[4] = 0; key[5] = 0;
    key[6] = (b[o + 16] << 24) | (b[o + 17] << 16) | (b[o + 18] << 8) | b[o + 19];
    key[7] = 0; key[8] = 0; key[9] = 0;
    tcp = o + ihl;
  } else if (type === 0x86dd) {
    if (o + 40 > end) return;
    let next = b[o + 6];
    ver = 6;
    for (let i = 0; i < 4; i++) {
      const a = o + 8 + 4 * i;
      key[2 + i] = (b[a] << 24) | (b[a + 1] << 16) | (b[a + 2] << 8) | b[a + 3];
      const d = a + 16;
      key[6 + i] = (b[d] << 24) | (b[d + 1] << 16) | (b[d + 2] << 8) | b[d + 3];
    }
    tcp = o + 40;
    // Hop-by-hop, routing, destination options and fragment headers.
    while (next === 0 || next === 43 || next === 60 || next === 44) {
      if (tcp + 8 > end) return;
      if (next === 44 && (((b[tcp + 2] << 8) | b[tcp + 3]) & 0xfff8) !== 0) return;
      const len = next === 44 ? 8 : (b[tcp + 1] + 1) * 8;
      next = b[tcp];
      tcp += len;
    }
    if (next !== 6) return;
  } else return;
  if (tcp + 20 > end) return;
  tcpPackets++;
  const sport = (b[tcp] << 8) | b[tcp + 1];
  const dport = (b[tcp + 2] << 8) | b[tcp + 3];
  const flags = b[tcp + 13];
  // Canonical orientation: the lower (address, port) first, so both directions share a key.
  let swap = false;
  for (let i = 0; i < 4; i++) {
    const s = key[2 + i] >>> 0, d = key[6 + i] >>> 0;
    if (s !== d) {
      swap = s > d;
      break;
    }
    if (i === 3) swap = sport > dport;
  }
  if (swap) {
    for (let i = 0; i < 4; i++) {
      const t = key[2 + i];
      key[2 + i] = key[6 + i];
      key[6 + i] = t;
    }
    key[1] = (dport << 16) | sport;
  } else key[1] = (sport << 16) | dport;
  key[0] = (vlan << 4) | ver;
  table.count(key, swap ? 1 : 0, origLen, flags, ts);
}
