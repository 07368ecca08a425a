import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket } from '../../src/decode/packet.js';
import { formatIp } from '../../src/decode/address.js';
import { DecodeStatus, newDecodedPacket } from '../../src/model/decoded.js';
import { record } from '../helpers/packet-builder.js';
import { INNER4, INNER6, samples } from './samples.js';

// Every path from a link layer through its tunnels must land on the same inner segment.
describe('every encapsulation reaches the inner TCP segment', () => {
  for (const s of samples()) {
    test(`${s.name}: inner addresses, ports, seq and payload`, () => {
      const out = newDecodedPacket();
      assert.equal(decodePacket(record(s.bytes, { linkType: s.linkType }), out), DecodeStatus.TCP);
      const want = s.ipVersion === 4 ? INNER4 : INNER6;
      assert.equal(out.ipVersion, s.ipVersion);
      assert.equal(formatIp(out.ipVersion, out.src), want.src);
      assert.equal(formatIp(out.ipVersion, out.dst), want.dst);
      assert.equal(out.srcPort, 40000);
      assert.equal(out.dstPort, 80);
      assert.equal(out.seq, 1000);
      assert.equal(out.ack, 77);
      assert.equal(out.payloadLen, 5);
      assert.equal(out.payloadCaptured, 5);
      assert.equal(out.tunnelDepth, s.tunnelDepth);
      assert.equal(out.tunnelKey !== 0, s.tunnelDepth > 0);
      // The payload really is where the decoder says: the builder fills it with 'x'.
      assert.equal(s.bytes[out.tcpOffset + out.tcpHeaderLen], 0x78);
    });
  }
});

describe('truncation at every byte is a status, never a wrong answer', () => {
  for (const s of samples()) {
    test(`${s.name}: every prefix ending before the TCP header is TRUNCATED, every longer one is TCP`, () => {
      const out = newDecodedPacket();
      decodePacket(record(s.bytes, { linkType: s.linkType }), out);
      const headerEnd = out.tcpOffset + out.tcpHeaderLen;
      for (let caplen = 0; caplen < s.bytes.length; caplen++) {
        const st = decodePacket(record(s.bytes, { linkType: s.linkType, caplen, origLen: s.bytes.length }), out);
        assert.equal(st, caplen < headerEnd ? DecodeStatus.TRUNCATED : DecodeStatus.TCP, `caplen ${caplen}`);
        if (st === DecodeStatus.TCP) {
          assert.equal(out.payloadLen, 5);
          assert.equal(out.payloadCaptured, Math.min(5, caplen - headerEnd));
        }
      }
    });
  }
});
