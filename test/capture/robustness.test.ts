import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readSources } from '../../src/capture/open.js';
import { recordBytes } from '../../src/model/packet.js';
import { streamSource } from '../../src/capture/source.js';
import { CaptureFormatError, InputError } from '../../src/errors.js';
import { chunked, payload, pcapFile, PcapngWriter } from '../helpers/capture-writer.js';

async function* chunks(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

/** Resolves when the read ends normally or with a typed error; rejects on anything else. */
async function readTolerant(bytes: Uint8Array, sizes: number[]): Promise<number> {
  let n = 0;
  try {
    await readSources([streamSource('fuzz', chunks(chunked(bytes, sizes)))], (r) => {
      assert.equal(recordBytes(r).length, r.caplen);
      n++;
    });
  } catch (err) {
    if (err instanceof CaptureFormatError || err instanceof InputError) return -1;
    throw err;
  }
  return n;
}

const magics = [
  [0xd4, 0xc3, 0xb2, 0xa1],
  [0xa1, 0xb2, 0x3c, 0x4d],
  [0x34, 0xcd, 0xb2, 0xa1],
  [0x0a, 0x0d, 0x0d, 0x0a],
  [0x1f, 0x8b, 0x08, 0x00],
];

test('random bytes, with or without a capture magic in front, never throw anything but CaptureFormatError/InputError', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.option(fc.constantFrom(...magics), { nil: undefined }),
      fc.uint8Array({ maxLength: 400 }),
      fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }),
      async (magic, body, sizes) => {
        const bytes = magic ? Uint8Array.from([...magic, ...body]) : body;
        await readTolerant(bytes, sizes);
      },
    ),
    { numRuns: 400 },
  );
});

function validCaptures(): Uint8Array[] {
  const pkts = [1, 2, 3, 4].map((s) => ({ tsSec: s, tsFrac: s, data: payload(30 + s * 7, s) }));
  const ng = new PcapngWriter().section(false).iface({ linkType: 1, tsresol: 9 }).iface({ linkType: 113, snaplen: 40 });
  ng.epb(0, 5n, payload(40, 1)).spb(payload(41, 2)).other(0x0bad, payload(9, 3)).pb(1, 7n, payload(20, 4));
  ng.section(true).iface().epb(0, 9n, payload(50, 5));
  return [pcapFile(pkts), pcapFile(pkts, { le: false, nano: true }), pcapFile(pkts, { modified: true }), ng.bytes()];
}

test('valid captures with random byte mutations and truncations never throw anything untyped and always end', async () => {
  const bases = validCaptures();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: bases.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      fc.option(fc.nat(), { nil: undefined }),
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }),
      async (which, mutations, cutAt, sizes) => {
        const base = bases[which]!;
        let bytes = base.slice();
        for (const [at, v] of mutations) bytes[at % bytes.length] = v;
        if (cutAt !== undefined) bytes = bytes.subarray(0, cutAt % (bytes.length + 1));
        const n = await readTolerant(bytes, sizes);
        // With no mutation, a truncation only loses records, never invents one.
        if (mutations.length === 0 && n >= 0) assert.ok(n <= 4, `${n} records`);
      },
    ),
    { numRuns: 600 },
  );
});
