import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodePacket } from '../../src/decode/packet.js';
import { isSupportedLinkType } from '../../src/decode/link-types.js';
import { DecodeStatus, newDecodedPacket } from '../../src/model/decoded.js';
import { record } from '../helpers/packet-builder.js';
import { samples } from './samples.js';

const LINKS = [0, 1, 7, 8, 9, 10, 11, 12, 14, 19, 50, 51, 100, 101, 104, 105, 107, 108, 113, 127, 129, 178, 204, 205, 206, 226, 228, 229, 239, 242, 258, 276];

function assertSane(out: ReturnType<typeof newDecodedPacket>, len: number): void {
  assert.ok(out.status >= DecodeStatus.TCP && out.status <= DecodeStatus.MALFORMED);
  if (out.status === DecodeStatus.TCP) {
    assert.ok(out.tcpOffset + out.tcpHeaderLen <= len, 'TCP header inside the record');
    assert.ok(out.payloadLen >= 0 && out.payloadCaptured >= 0 && out.payloadCaptured <= out.payloadLen);
    assert.ok(out.tcpOffset + out.tcpHeaderLen + out.payloadCaptured <= len, 'captured payload inside the record');
  }
}

describe('no input makes the decoder throw or report impossible offsets', () => {
  test('random bytes on every supported link type', () => {
    for (const lt of LINKS) assert.ok(isSupportedLinkType(lt), `${lt}`);
    const out = newDecodedPacket();
    fc.assert(
      fc.property(fc.constantFrom(...LINKS), fc.uint8Array({ maxLength: 200 }), (lt, bytes) => {
        decodePacket(record(bytes, { linkType: lt }), out);
        assertSane(out, bytes.length);
      }),
      { numRuns: 3000 },
    );
  });
  test('valid packets with random bytes overwritten (mutation of every encapsulation)', () => {
    const all = samples();
    const out = newDecodedPacket();
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.array(fc.tuple(fc.nat(400), fc.nat(255)), { minLength: 1, maxLength: 6 }), fc.nat(400), (i, edits, cut) => {
        const s = all[i]!;
        const b = s.bytes.slice();
        for (const [at, v] of edits) b[at % b.length] = v;
        const caplen = Math.min(b.length, cut);
        decodePacket(record(b, { linkType: s.linkType, caplen, origLen: b.length }), out);
        assertSane(out, caplen);
      }),
      { numRuns: 3000 },
    );
  });
  test('a record whose caplen exceeds its data is read only as far as the data goes', () => {
    const out = newDecodedPacket();
    const s = samples()[0]!;
    const rec = record(s.bytes.subarray(0, 30));
    rec.caplen = 1500;
    assert.equal(decodePacket(rec, out), DecodeStatus.TRUNCATED);
  });
});
