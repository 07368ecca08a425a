import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CaptureFormatError } from '../../src/errors.js';
import { errorOfAllFeeds, payload, PcapngWriter, readAllFeeds } from '../helpers/capture-writer.js';

const T = 1700000000n;

describe('pcapng', () => {
  for (const le of [true, false]) {
    test(`${le ? 'little' : 'big'}-endian section, several interfaces with different link types and tsresol`, async () => {
      const w = new PcapngWriter()
        .section(le)
        .iface({ linkType: 1 }) // default 10^-6
        .iface({ linkType: 101, tsresol: 9 }) // ns
        .iface({ linkType: 276, tsresol: 0x80 | 20 }); // 2^-20 s
      w.epb(0, T * 1000000n + 123456n, payload(60, 1));
      w.epb(1, T * 1000000000n + 987654321n, payload(40, 2), 1500, true);
      w.epb(2, (T << 20n) + (1n << 19n) + 1n, payload(33, 3));
      const got = await readAllFeeds(w.bytes(), 'x.pcapng');
      assert.deepEqual(
        got.recs.map((r) => [r.interfaceId, r.linkType, r.tsSec, r.tsNsec, r.caplen, r.origLen]),
        [
          [0, 1, 1700000000, 123456000, 60, 60],
          [1, 101, 1700000000, 987654321, 40, 1500],
          // (2^19 + 1) / 2^20 s = 0.500000953674... s, truncated to ns as Wireshark does.
          [2, 276, 1700000000, 500000953, 33, 33],
        ],
      );
      assert.deepEqual(got.recs[2]!.data, Array.from(payload(33, 3)));
      assert.equal(got.info.format, 'pcapng');
      assert.deepEqual(got.info.linkTypes, [1, 101, 276]);
      assert.equal(got.info.truncatedPackets, 1);
      assert.deepEqual(got.info.warnings, []);
    });
  }

  test('if_tsoffset adds whole seconds to every time stamp of its interface', async () => {
    const w = new PcapngWriter().section().iface({ tsoffset: 1000000000n }).iface({ tsoffset: -5n, tsresol: 3 });
    w.epb(0, 700000000n * 1000000n + 5n, payload(10, 1));
    w.epb(1, 1234n, payload(10, 2));
    const got = await readAllFeeds(w.bytes());
    assert.deepEqual(
      got.recs.map((r) => [r.tsSec, r.tsNsec]),
      [
        [1700000000, 5000],
        [1 - 5, 234000000],
      ],
    );
  });

  test('NRB, ISB, DSB, custom and unknown blocks are skipped by their length', async () => {
    const w = new PcapngWriter().section().other(0x0bad, payload(13, 1)).iface();
    w.other(4, payload(20, 2)).epb(0, 1n, payload(20, 3)).other(5, payload(28, 4));
    w.other(0x0a, payload(100, 5)).other(0x40000bad, payload(7, 6)).other(0x7777, new Uint8Array(0)).epb(0, 2n, payload(21, 7));
    const got = await readAllFeeds(w.bytes());
    assert.deepEqual(
      got.recs.map((r) => r.data),
      [Array.from(payload(20, 3)), Array.from(payload(21, 7))],
    );
    assert.deepEqual(got.info.warnings, []);
  });

  test('several sections: each resets the interfaces, and the byte order may change between them', async () => {
    const w = new PcapngWriter().section(true).iface({ linkType: 1 }).iface({ linkType: 105 });
    w.epb(1, 10n, payload(11, 1));
    w.section(false).iface({ linkType: 113 }).epb(0, 20n, payload(12, 2));
    w.section(true).iface({ linkType: 1 }).epb(0, 30n, payload(13, 3));
    const got = await readAllFeeds(w.bytes());
    assert.deepEqual(
      got.recs.map((r) => [r.interfaceId, r.linkType, r.tsNsec, r.caplen]),
      [
        [1, 105, 10000, 11],
        [0, 113, 20000, 12],
        [0, 1, 30000, 13],
      ],
    );
    assert.deepEqual(got.info.linkTypes, [1, 105, 113]);
  });

  test('SPB: interface 0, no time stamp, caplen = min(original length, snaplen, bytes in the block)', async () => {
    const w = new PcapngWriter().section(false).iface({ linkType: 1, snaplen: 64 });
    w.spb(payload(50, 1)); // whole packet
    w.spb(payload(64, 2), 1514); // cut by snaplen
    w.spb(payload(53, 3), 50); // block padded beyond the original length
    w.epb(0, 5n, payload(10, 4));
    const got = await readAllFeeds(w.bytes());
    assert.deepEqual(
      got.recs.map((r) => [r.caplen, r.origLen, r.tsSec, r.tsNsec]),
      [
        [50, 50, 0, 0],
        [64, 1514, 0, 0],
        [50, 50, 0, 0],
        [10, 10, 0, 5000],
      ],
    );
    assert.deepEqual(got.recs[2]!.data, Array.from(payload(53, 3).subarray(0, 50)));
    // SPBs carry no time, so they do not drag firstTs to the epoch.
    assert.equal(got.info.firstTs, 5e-6);
  });

  test('the obsolete Packet Block (type 2) is read like an EPB', async () => {
    const w = new PcapngWriter().section().iface({ linkType: 1 }).iface({ linkType: 9, tsresol: 9 });
    w.pb(1, T * 1000000000n + 42n, payload(30, 1), 40);
    const got = await readAllFeeds(w.bytes());
    assert.deepEqual(
      got.recs.map((r) => [r.interfaceId, r.linkType, r.tsSec, r.tsNsec, r.caplen, r.origLen]),
      [[1, 9, 1700000000, 42, 30, 40]],
    );
  });
});

describe('pcapng damage', () => {
  test('trailing block length disagreeing with the leading one stops the file with a warning at that block', async () => {
    const w = new PcapngWriter().section().iface().epb(0, 1n, payload(10, 1));
    const at = w.offset;
    w.epb(0, 2n, payload(10, 2)).epb(0, 3n, payload(10, 3));
    const bytes = w.bytes();
    const len = new DataView(bytes.buffer).getUint32(at + 4, true);
    new DataView(bytes.buffer).setUint32(at + len - 4, len + 4, true);
    const got = await readAllFeeds(bytes);
    assert.equal(got.recs.length, 1);
    assert.deepEqual(got.info.warnings, [{ offset: at, message: `block at byte ${at}: trailing length ${len + 4} disagrees with leading length ${len}` }]);
  });

  test('a block length that is not a multiple of 4, or below 12, is damage', async () => {
    for (const bad of [13, 8]) {
      const w = new PcapngWriter().section().iface().epb(0, 1n, payload(10, 1));
      const at = w.offset;
      w.epb(0, 2n, payload(10, 2));
      const bytes = w.bytes();
      new DataView(bytes.buffer).setUint32(at + 4, bad, true);
      const got = await readAllFeeds(bytes);
      assert.equal(got.recs.length, 1);
      assert.equal(got.info.warnings[0]!.offset, at);
      assert.match(got.info.warnings[0]!.message, new RegExp(`invalid length ${bad}`));
    }
  });

  test('a packet on an interface the section has not defined (EPB before any IDB) is damage', async () => {
    const w = new PcapngWriter().section();
    const at = w.offset;
    w.epb(0, 1n, payload(10, 1)).iface().epb(0, 2n, payload(10, 2));
    const got = await readAllFeeds(w.bytes());
    assert.equal(got.recs.length, 0);
    assert.deepEqual(got.info.warnings, [{ offset: at, message: `packet at byte ${at} references interface 0, but its section defines 0` }]);
  });

  test('an interface of an earlier section is not visible in the next one', async () => {
    const w = new PcapngWriter().section().iface().iface().epb(1, 1n, payload(10, 1)).section(false).iface();
    const at = w.offset;
    w.epb(1, 2n, payload(10, 2));
    const got = await readAllFeeds(w.bytes());
    assert.equal(got.recs.length, 1);
    assert.equal(got.info.warnings[0]!.offset, at);
  });

  test('an EPB whose caplen runs past its block is damage', async () => {
    const w = new PcapngWriter().section().iface();
    const at = w.offset;
    w.epb(0, 1n, payload(10, 1));
    const bytes = w.bytes();
    new DataView(bytes.buffer).setUint32(at + 20, 200, true);
    const got = await readAllFeeds(bytes);
    assert.equal(got.recs.length, 0);
    assert.match(got.info.warnings[0]!.message, /claims 200 captured bytes in a 44-byte block/);
  });

  test('cut mid-block: earlier packets are delivered and the warning names the cut block', async () => {
    const w = new PcapngWriter().section().iface().epb(0, 1n, payload(10, 1));
    const at = w.offset;
    w.epb(0, 2n, payload(100, 2));
    const bytes = w.bytes().subarray(0, at + 50);
    const got = await readAllFeeds(bytes);
    assert.equal(got.recs.length, 1);
    assert.deepEqual(got.info.warnings, [{ offset: at, message: `file cut short in the middle of a packet at byte ${at}` }]);
  });

  test('a damaged first section header is a CaptureFormatError, not a warning', async () => {
    const bytes = new PcapngWriter().section().iface().bytes();
    bytes[8] = 0; // byte-order magic
    const err = await errorOfAllFeeds(bytes, 'n.pcapng');
    assert.ok(err instanceof CaptureFormatError);
    assert.match(err.message, /^n\.pcapng: byte 0: section header block at byte 0 has no valid byte-order magic/);
    const short = await errorOfAllFeeds(new PcapngWriter().section().bytes().subarray(0, 20), 'n.pcapng');
    assert.ok(short instanceof CaptureFormatError);
    assert.match(short.message, /section header block cut short/);
  });

  test('an unsupported major version in a later section stops there with a warning', async () => {
    const w = new PcapngWriter().section().iface().epb(0, 1n, payload(10, 1));
    const at = w.offset;
    w.section(true, 2).iface().epb(0, 2n, payload(10, 2));
    const got = await readAllFeeds(w.bytes());
    assert.equal(got.recs.length, 1);
    assert.deepEqual(got.info.warnings, [{ offset: at, message: `pcapng section at byte ${at} has unsupported major version 2` }]);
  });
});
