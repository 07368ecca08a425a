import assert from 'node:assert/strict';
import type { EventEmitter } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { readSources } from '../../src/capture/open.js';
import { recordBytes } from '../../src/model/packet.js';
import { streamSource } from '../../src/capture/source.js';

/** pcap-parser (devDependency, CommonJS, no types): an independent reader of µs pcap. */
const pcapParser = createRequire(import.meta.url)('pcap-parser') as { parse(input: Readable): EventEmitter };

const ROOT = join(process.cwd(), '..', 'shared', 'captures');
/**
 * Both readers get the same first bytes of each file (all of a small one): the
 * work stays bounded on a shared machine, and a cut big file still exercises
 * the trailing partial record, which both readers drop.
 */
const PREFIX = 256 * 1024;

function prefix(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(PREFIX);
    return buf.subarray(0, readSync(fd, buf, 0, PREFIX, 0));
  } finally {
    closeSync(fd);
  }
}

interface Pkt {
  sec: number;
  usec: number;
  caplen: number;
  origLen: number;
  data: string;
}

function theirs(bytes: Buffer): Promise<Pkt[] | null> {
  return new Promise((resolve) => {
    const out: Pkt[] = [];
    let failed = false;
    // Chunks of 64 KiB, like a file stream, so its own buffering is exercised.
    const chunks: Buffer[] = [];
    for (let o = 0; o < bytes.length; o += 65536) chunks.push(bytes.subarray(o, o + 65536));
    const p = pcapParser.parse(Readable.from(chunks));
    p.on('packet', (pk: { header: Record<string, number>; data: Buffer }) => {
      const h = pk.header;
      out.push({ sec: h.timestampSeconds!, usec: h.timestampMicroseconds!, caplen: h.capturedLength!, origLen: h.originalLength!, data: pk.data.toString('hex') });
    });
    p.on('error', () => {
      failed = true;
    });
    p.on('end', () => resolve(failed ? null : out));
  });
}

async function ours(bytes: Buffer): Promise<Pkt[]> {
  const out: Pkt[] = [];
  async function* whole(): AsyncGenerator<Uint8Array> {
    yield bytes;
  }
  await readSources([streamSource('prefix', whole())], (r) => {
    out.push({ sec: r.tsSec, usec: r.tsNsec / 1000, caplen: r.caplen, origLen: r.origLen, data: Buffer.from(recordBytes(r)).toString('hex') });
  });
  return out;
}

test('every classic µs pcap in ../shared/captures that pcap-parser reads gives the same packets from our reader', async (t) => {
  if (!existsSync(join(ROOT, 'manifest.tsv'))) return t.skip('../shared/captures is absent');
  const [head, ...lines] = readFileSync(join(ROOT, 'manifest.tsv'), 'utf8').trimEnd().split('\n');
  const cols = head!.split('\t');
  const rows = lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])) as Record<string, string>);
  let compared = 0;
  let packets = 0;
  for (const r of rows) {
    // pcap-parser reads neither pcapng, ns pcap nor gzip.
    if (r.file_type !== 'pcap') continue;
    const bytes = prefix(join(ROOT, r.relpath!));
    const magic = bytes.subarray(0, 4).toString('hex');
    if (magic !== 'd4c3b2a1' && magic !== 'a1b2c3d4') continue;
    const expected = await theirs(bytes);
    if (expected === null) continue;
    const got = await ours(bytes);
    // pcap-parser has no length limit: past an absurd record length it just waits for bytes that
    // never come, so it delivers exactly the records before the damage, as we do.
    assert.deepEqual(got, expected, r.relpath);
    compared++;
    packets += expected.length;
  }
  t.diagnostic(`compared ${packets} packets in ${compared} files`);
  assert.ok(compared > 2000);
});
