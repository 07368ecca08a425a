import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { newPacketRecord } from '../../src/model/packet.js';
import { setPcapngTime } from '../../src/capture/timestamp.js';

/** Reference: exact integer arithmetic, nanoseconds truncated (what Wireshark's pcapng.c computes). */
function reference(ts: bigint, resol: number, offset: number): [number, number] {
  const n = BigInt(resol & 0x7f);
  const perSec = (resol & 0x80) === 0 ? 10n ** n : 1n << n;
  const sec = ts / perSec;
  return [Number(sec) + offset, Number(((ts % perSec) * 1000000000n) / perSec)];
}

test('pcapng time stamps are exact for every if_tsresol (10^-n and 2^-n), any 64-bit count, with if_tsoffset', () => {
  const rec = newPacketRecord();
  fc.assert(
    fc.property(
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      fc.oneof(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 63 }).map((n) => 0x80 | n)),
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      (ts, resol, offset) => {
        // Keep seconds below 2^53 so the double holding them is exact.
        fc.pre(ts / ((resol & 0x80) === 0 ? 10n ** BigInt(resol & 0x7f) : 1n << BigInt(resol & 0x7f)) < 1n << 52n);
        setPcapngTime(rec, Number(ts >> 32n), Number(ts & 0xffffffffn), { resol, offset });
        assert.deepEqual([rec.tsSec, rec.tsNsec], reference(ts, resol, offset));
      },
    ),
    { numRuns: 5000 },
  );
});

test('the default microsecond resolution splits a real 2023 time stamp exactly', () => {
  const rec = newPacketRecord();
  const ts = 1700000000123456n;
  setPcapngTime(rec, Number(ts >> 32n), Number(ts & 0xffffffffn), { resol: 6, offset: 0 });
  assert.deepEqual([rec.tsSec, rec.tsNsec], [1700000000, 123456000]);
});
