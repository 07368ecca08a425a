import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket } from '../../src/decode/packet.js';
import { tcpChecksumOk } from '../../src/decode/tcp-checksum.js';
import { DecodeStatus, newDecodedPacket, type DecodedPacket } from '../../src/model/decoded.js';
import type { PacketRecord } from '../../src/model/packet.js';
import { record, tcpPacket } from '../helpers/packet-builder.js';

/** The record's bytes at `at` in a bigger buffer, as a reader's chunk holds them: other bytes (0xee) before and after. */
function inChunk(rec: PacketRecord, at: number): PacketRecord {
  const chunk = new Uint8Array(at + rec.data.length + 64).fill(0xee);
  chunk.set(rec.data, at);
  return { ...rec, data: chunk, offset: at };
}

function decoded(rec: PacketRecord): { out: DecodedPacket; checksum: boolean | null } {
  const out = newDecodedPacket();
  decodePacket(rec, out);
  return { out, checksum: tcpChecksumOk(rec, out) };
}

/** The decoded fields, offsets made relative to the record's first byte (0 stays: the layer was not reached). */
function relative(d: DecodedPacket, base: number): Record<string, unknown> {
  const rel = (off: number): number => (off === 0 ? 0 : off - base);
  return { ...d, ipOffset: rel(d.ipOffset), tcpOffset: rel(d.tcpOffset), src: Array.from(d.src), dst: Array.from(d.dst) };
}

describe('a record inside the reader chunk (PacketRecord.offset)', () => {
  test('decodes as the same bytes on their own, IPv4 and IPv6, checksum included', () => {
    for (const bytes of [tcpPacket({ payload: 33, options: { mss: 1460, ts: [5, 6] } }), tcpPacket({ ipv6: true, vlan: [7], payload: 1 })]) {
      const alone = decoded(record(bytes));
      const within = decoded(inChunk(record(bytes), 1037));
      assert.equal(alone.out.status, DecodeStatus.TCP);
      assert.deepEqual(relative(within.out, 1037), relative(alone.out, 0));
      assert.equal(within.checksum, true);
    }
  });

  test('caplen ends the record: the next record in the chunk is not read as its bytes', () => {
    const bytes = tcpPacket({ payload: 100 });
    // Cut inside the TCP header, and inside the payload: the 0xee bytes that follow in the chunk must not complete it.
    for (const caplen of [14 + 20 + 10, 14 + 20 + 20 + 40]) {
      const alone = decoded(record(bytes, { caplen, origLen: bytes.length }));
      const within = decoded(inChunk(record(bytes, { caplen, origLen: bytes.length }), 5));
      assert.deepEqual(relative(within.out, 5), relative(alone.out, 0));
      assert.equal(within.checksum, null);
    }
  });
});
