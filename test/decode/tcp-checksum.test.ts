import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket } from '../../src/decode/packet.js';
import { tcpChecksumOk } from '../../src/decode/tcp-checksum.js';
import { newDecodedPacket } from '../../src/model/decoded.js';
import { ipv4, record, tcp, tcpPacket } from '../helpers/packet-builder.js';

function check(bytes: Uint8Array, spec: Parameters<typeof record>[1] = {}): boolean | null {
  const rec = record(bytes, spec);
  const out = newDecodedPacket();
  decodePacket(rec, out);
  return tcpChecksumOk(rec, out);
}

describe('TCP checksum', () => {
  test('valid over IPv4 and IPv6, odd payload lengths included', () => {
    assert.equal(check(tcpPacket({ payload: 7 })), true);
    assert.equal(check(tcpPacket({ ipv6: true, payload: 1001, options: { ts: [1, 2] } })), true);
  });
  test('a flipped payload bit or a zero checksum (offload) is false', () => {
    const b = tcpPacket({ payload: 10 });
    b[b.length - 1] ^= 1;
    assert.equal(check(b), false);
    assert.equal(check(tcpPacket({ payload: 10, checksum: 'zero' })), false);
  });
  test('Ethernet padding does not enter the sum', () => {
    const b = tcpPacket({ payload: 0 });
    const padded = new Uint8Array(60).fill(0xff);
    padded.set(b);
    assert.equal(check(padded), true);
  });
  test('not verifiable (null): snaplen-cut payload, first fragment, no TCP', () => {
    const b = tcpPacket({ payload: 100 });
    assert.equal(check(b, { caplen: 80, origLen: b.length }), null);
    const A = { src: '10.0.0.1', dst: '10.0.0.2' };
    assert.equal(check(ipv4({ ...A, proto: 6, payload: tcp({ ...A, payload: 4 }), moreFragments: true }), { linkType: 101 }), null);
    assert.equal(check(new Uint8Array(10)), null);
  });
});

describe('checksum offload signature', () => {
  // fixtures/kernel/refused: frame 1 is the client socket's SYN, captured on the
  // sender before the NIC (here: loopback) filled in its checksum; frame 2 is the
  // RST the kernel built itself, with a complete checksum.
  test('a SYN captured before offload holds just the pseudo-header sum; the kernel RST holds a real checksum (refused, frames 1-2)', async () => {
    const { readCaptures } = await import('../../src/capture/open.js');
    const { tcpChecksumIsPartial } = await import('../../src/decode/tcp-checksum.js');
    const seen: [boolean | null, boolean][] = [];
    const out = newDecodedPacket();
    await readCaptures(['fixtures/kernel/refused/capture.pcap'], (rec) => {
      decodePacket(rec, out);
      seen.push([tcpChecksumOk(rec, out), tcpChecksumIsPartial(out)]);
    });
    assert.deepEqual(seen, [
      [false, true],
      [true, false],
    ]);
  });
});
