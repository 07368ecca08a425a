import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readCaptures } from '../../src/capture/open.js';
import { recordBytes } from '../../src/model/packet.js';
import { CaptureFormatError, InputError } from '../../src/errors.js';
import { payload, pcapFile, PcapngWriter, readAllFeeds, readBytes } from '../helpers/capture-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'tcpstate-capture-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function collect(paths: string[]) {
  const recs: [number, number, number, number][] = [];
  const infos = await readCaptures(paths, (r, i) => recs.push([i, r.tsSec, r.tsNsec, r.caplen]));
  return { recs, infos };
}

const pkts = (secs: number[], len = 20) => secs.map((s) => ({ tsSec: s, tsFrac: 0, data: payload(len, s) }));

describe('readCaptures: files, gzip, stdin', () => {
  test('gzip is recognised by its magic, whatever the name, for pcap and pcapng', async () => {
    const pcap = pcapFile(pkts([1, 2, 3]));
    const ng = new PcapngWriter().section().iface().epb(0, 5n, payload(9, 1)).bytes();
    const a = await readAllFeeds(gzipSync(pcap), 'plain-name.pcap');
    assert.equal(a.recs.length, 3);
    assert.equal(a.info.compressed, true);
    assert.equal(a.info.bytes, pcap.length);
    const b = await collect([file('ng.bin', gzipSync(ng))]);
    assert.deepEqual(b.recs, [[0, 0, 5000, 9]]);
    assert.equal(b.infos[0]!.format, 'pcapng');
    assert.equal(b.infos[0]!.compressed, true);
    const c = await collect([file('not-compressed.pcap.gz', pcap)]);
    assert.equal(c.infos[0]!.compressed, false);
  });

  test('a gzip stream cut short delivers what was decompressed and warns', async () => {
    const pcap = pcapFile(pkts([1, 2, 3, 4, 5, 6, 7, 8], 500));
    const gz = gzipSync(pcap);
    // How much zlib hands over before "unexpected end of file" depends on the chunking, so each feed is checked alone.
    for (const feed of ['whole', 'chunks', 'stream'] as const) {
      const got = await readBytes(gz.subarray(0, gz.length - 10), feed, 'cut.pcap.gz');
      assert.ok(got.recs.length >= 1 && got.recs.length < 8, `${feed}: ${got.recs.length} records`);
      const last = got.info.warnings.at(-1)!;
      assert.match(last.message, /^gzip data damaged or cut short after \d+ bytes: unexpected end of file$/);
      assert.equal(last.offset, got.info.bytes);
    }
  });

  test('gzip of garbage is a CaptureFormatError', async () => {
    const err = await collect([file('garbage.gz', gzipSync(Buffer.from('hello, this is not a capture')))]).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof CaptureFormatError);
    assert.match(err.message, /gzip-compressed data that is not a pcap or pcapng file/);
  });

  test('a missing file and a directory are InputErrors naming the path', async () => {
    for (const p of [join(dir, 'nope.pcap'), dir]) {
      const err = await collect([p]).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof InputError, String(err));
      assert.ok(err.message.startsWith(p + ': '));
    }
  });

  test("path '-' reads stdin (a pipe), gzip included", () => {
    const pcap = gzipSync(pcapFile(pkts([7, 8, 9])));
    const script =
      "import { readCaptures } from './src/capture/open.ts';" +
      "let n = 0; const [i] = await readCaptures(['-'], () => { n++; });" +
      'console.log(JSON.stringify({ n, path: i.path, compressed: i.compressed }));';
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { input: pcap, encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), { n: 3, path: '-', compressed: true });
  });

  test('progress is reported with the bytes read and the sum of the file sizes', async () => {
    const a = file('p1.pcap', pcapFile(pkts([1, 2])));
    const b = file('p2.pcap', gzipSync(pcapFile(pkts([3]))));
    const calls: [number, number | null][] = [];
    await readCaptures([a, b], () => undefined, { onProgress: (r, t) => calls.push([r, t]) });
    const total = 24 + 2 * 36 + gzipSync(pcapFile(pkts([3]))).length;
    assert.deepEqual(calls.at(-1), [total, total]);
  });

  test('pace holds reading between chunks until its promise settles (the --jobs backpressure), one file or several', async () => {
    // 3 000 records of 4 000 bytes: several of the reader's 4 MiB chunks.
    const big = (from: number) => pcapFile(Array.from({ length: 3000 }, (_, i) => ({ tsSec: from + i, tsFrac: 0, data: payload(4000, i) })));
    const a = file('big-a.pcap', big(0));
    const b = file('big-b.pcap', big(1));
    for (const paths of [[a], [a, b]]) {
      let paces = 0;
      let held = false;
      let records = 0;
      await readCaptures(
        paths,
        () => {
          assert.equal(held, false, 'a record arrived while pace held reading');
          records++;
        },
        {
          pace: () => {
            paces++;
            held = true;
            return new Promise((resolve) => setTimeout(() => resolve((held = false) || undefined), 1));
          },
        },
      );
      assert.equal(records, 3000 * paths.length);
      assert.ok(paces >= 2 * paths.length, `${paces} pauses`);
    }
  });
});

describe('readCaptures: several files merged by time stamp', () => {
  test('records come out in time order across files, ties to the lower file index', async () => {
    const a = file('a.pcap', pcapFile(pkts([1, 3, 3, 6])));
    const ng = new PcapngWriter().section().iface({ tsresol: 0 });
    for (const s of [2n, 3n, 4n]) ng.epb(0, s, payload(11, Number(s)));
    const b = file('b.pcapng', ng.bytes());
    const got = await collect([a, b]);
    assert.deepEqual(
      got.recs.map(([i, s]) => `${i}:${s}`),
      ['0:1', '1:2', '0:3', '0:3', '1:3', '1:4', '0:6'],
    );
    assert.deepEqual(
      got.infos.map((i) => [i.format, i.packets]),
      [
        ['pcap', 4],
        ['pcapng', 3],
      ],
    );
  });

  test('sub-second order decides between files (tsNsec), and records keep their own bytes', async () => {
    const a = file('c.pcap', pcapFile([{ tsSec: 5, tsFrac: 2, data: payload(3, 1) }], { nano: true }));
    const b = file('d.pcap', pcapFile([{ tsSec: 5, tsFrac: 1, data: payload(4, 2) }], { nano: true }));
    const data: number[][] = [];
    await readCaptures([a, b], (r) => data.push(Array.from(recordBytes(r))));
    assert.deepEqual(data, [Array.from(payload(4, 2)), Array.from(payload(3, 1))]);
  });

  test('damage in one file leaves the other intact', async () => {
    const good = file('g.pcap', pcapFile(pkts([1, 2, 3])));
    const cutBytes = pcapFile(pkts([1.5, 2.5].map(Math.floor)));
    const cut = file('cut.pcap', cutBytes.subarray(0, cutBytes.length - 5));
    const got = await collect([good, cut]);
    assert.equal(got.recs.length, 4);
    assert.equal(got.infos[1]!.warnings.length, 1);
    assert.deepEqual(got.infos[0]!.warnings, []);
  });

  test('a bad file among several is a CaptureFormatError naming that file', async () => {
    const good = file('g2.pcap', pcapFile(pkts([1])));
    const bad = file('bad.pcap', Buffer.from('GIF89a not a capture'));
    const err = await collect([good, bad]).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof CaptureFormatError);
    assert.equal(err.path, bad);
  });
});
