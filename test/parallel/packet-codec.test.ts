import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateCapture } from '../../bench/gen/generator.mjs';
import { readCaptures } from '../../src/capture/open.js';
import { decodePacket } from '../../src/decode/packet.js';
import { DecodeStatus, newDecodedPacket, type DecodedPacket } from '../../src/model/decoded.js';
import { MAX_PACKET_WORDS, packetFrame, packetTs, readPacket, writePacket } from '../../src/parallel/packet-codec.js';
import { kernelCapturesAndDemo } from '../helpers/kernel-captures.js';
import { manifest } from '../helpers/shared-captures.js';

// The --jobs dispatcher decodes each record once and ships the decoded fields
// to a worker (packet-codec.ts). A field the codec forgets, or carries
// wrongly, would make a worker's tracker see another packet than a single
// tracker sees: every field of DecodedPacket must survive the trip.

const dir = mkdtempSync(join(tmpdir(), 'tcpstate-codec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every field of the view as plain data; SACK edges past sackCount are stale by design and left out. */
function fields(p: DecodedPacket): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(newDecodedPacket()) as (keyof DecodedPacket)[]) {
    const v = p[key];
    out[key] = key === 'sack' ? Array.from(p.sack.subarray(0, 2 * p.sackCount)) : v instanceof Uint32Array ? Array.from(v) : v;
  }
  return out;
}

const u32 = new Uint32Array(MAX_PACKET_WORDS * 2);
const f64 = new Float64Array(u32.buffer);

/** Writes the packet at an even offset, reads it into a fresh view, and checks the size it took. */
function roundTrip(p: DecodedPacket, ts: number, frame: number): DecodedPacket {
  const at = 2;
  const end = writePacket(u32, f64, at, p, ts, frame);
  assert.ok(end - at <= MAX_PACKET_WORDS && (end - at) % 2 === 0, `an entry takes ${end - at} words`);
  const back = newDecodedPacket();
  assert.equal(readPacket(u32, at, back), end);
  assert.equal(packetTs(f64, at), ts);
  assert.equal(packetFrame(f64, at), frame);
  return back;
}

describe('packet codec: a decoded TCP packet as words, for the --jobs workers', () => {
  test('every field of every TCP packet survives the trip (kernel fixtures, demo, VLAN and IPv6 of the bench generator, shared captures)', async () => {
    const generated = join(dir, 'gen.pcap');
    generateCapture({ connections: 300, seed: 5, out: generated });
    // Shared captures bring tunnels, SACK blocks and odd link types where ../shared is present.
    const shared = manifest()
      .filter((r) => !r.malformed && r.tcpPackets > 0)
      .filter((_, i) => i % 4 === 0)
      .map((r) => r.path);
    const view = newDecodedPacket();
    let packets = 0;
    const seen = { sack: 0, vlan: 0, tunnel: 0, ipv6: 0 };
    for (const path of [...kernelCapturesAndDemo(), generated, ...shared]) {
      let frame = 0;
      await readCaptures([path], (rec) => {
        frame++;
        if (decodePacket(rec, view) !== DecodeStatus.TCP) return;
        packets++;
        if (view.sackCount > 0) seen.sack++;
        if (view.vlanKey !== 0) seen.vlan++;
        if (view.tunnelKey !== 0) seen.tunnel++;
        if (view.ipVersion === 6) seen.ipv6++;
        const ts = rec.tsSec + rec.tsNsec / 1e9;
        assert.deepEqual(fields(roundTrip(view, ts, frame)), fields(view), `${path} frame ${frame}`);
      });
    }
    assert.ok(packets > 10_000, `${packets} packets`);
    assert.ok(seen.sack > 0 && seen.vlan > 0 && seen.ipv6 > 0, JSON.stringify(seen));
    if (shared.length > 0) assert.ok(seen.tunnel > 0, JSON.stringify(seen));
  });

  test('extremes: four SACK blocks, absent MSS and window scale, all-ones numbers', () => {
    const p = newDecodedPacket();
    Object.assign(p, {
      status: DecodeStatus.TCP,
      ipVersion: 6,
      ipProto: 6,
      ipTtl: 255,
      ipFirstFragment: true,
      optSackPermitted: true,
      optHasTimestamps: true,
      seq: 0xffffffff,
      ack: 0xfffffffe,
      optTsVal: 0xffffffff,
      optTsEcr: 0x80000000,
      vlanKey: 0xffffffff,
      tunnelKey: 0xfffffff0,
      sackCount: 4,
      optMss: -1,
      optWscale: -1,
    });
    p.src.set([0xffffffff, 1, 2, 3]);
    p.dst.set([4, 5, 6, 0x80000000]);
    p.sack.set([1, 2, 3, 4, 5, 6, 0xffffffff, 0]);
    assert.deepEqual(fields(roundTrip(p, 1700000000.123456, 2 ** 40)), fields(p));
    Object.assign(p, { optMss: 65535, optWscale: 14, sackCount: 0, ipFirstFragment: false, optHasTimestamps: false });
    assert.deepEqual(fields(roundTrip(p, 0, 1)), fields(p));
  });
});
