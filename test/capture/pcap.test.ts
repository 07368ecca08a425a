import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CaptureFormatError } from '../../src/errors.js';
import { concat, errorOfAllFeeds, payload, pcapFile, pcapHeader, pcapRecord, readAllFeeds, type TestPacket } from '../helpers/capture-writer.js';

const packets: TestPacket[] = [
  { tsSec: 1700000000, tsFrac: 1, data: payload(60, 1) },
  { tsSec: 1700000001, tsFrac: 999999, data: payload(1514, 2) },
  { tsSec: 4294967295, tsFrac: 500000, data: payload(0, 3) },
];

describe('classic pcap', () => {
  for (const le of [true, false]) {
    for (const nano of [false, true]) {
      const name = `${le ? 'little' : 'big'}-endian ${nano ? 'ns' : 'µs'}`;
      test(`${name}: every record with exact time stamp, lengths, bytes and link type`, async () => {
        const pkts = packets.map((p) => ({ ...p, tsFrac: nano ? p.tsFrac! * 1000 + 7 : p.tsFrac! }));
        const got = await readAllFeeds(pcapFile(pkts, { le, nano, linkType: 113 }));
        assert.equal(got.recs.length, 3);
        got.recs.forEach((r, i) => {
          assert.equal(r.tsSec, pkts[i]!.tsSec);
          assert.equal(r.tsNsec, nano ? pkts[i]!.tsFrac : pkts[i]!.tsFrac! * 1000);
          assert.equal(r.caplen, pkts[i]!.data.length);
          assert.equal(r.origLen, pkts[i]!.data.length);
          assert.deepEqual(r.data, Array.from(pkts[i]!.data));
          assert.equal(r.linkType, 113);
          assert.equal(r.interfaceId, 0);
        });
        assert.equal(got.info.format, 'pcap');
        assert.deepEqual(got.info.linkTypes, [113]);
        assert.equal(got.info.packets, 3);
        assert.equal(got.info.firstTs, 1700000000 + (nano ? 1007e-9 : 1e-6));
        assert.equal(got.info.lastTs, 4294967295 + (nano ? 500000007e-9 : 0.5));
        assert.deepEqual(got.info.warnings, []);
      });
    }
  }

  test('modified (a1b2cd34) pcap: the 8 extra record-header bytes are skipped', async () => {
    const got = await readAllFeeds(pcapFile(packets, { modified: true, le: false }));
    assert.deepEqual(
      got.recs.map((r) => r.data),
      packets.map((p) => Array.from(p.data)),
    );
  });

  test('snaplen-truncated records are kept and counted; caplen > origLen is kept as it is', async () => {
    const got = await readAllFeeds(
      pcapFile(
        [
          { tsSec: 1, data: payload(96, 1), origLen: 1514 },
          { tsSec: 2, data: payload(64, 2), origLen: 60 },
        ],
        { snaplen: 96 },
      ),
    );
    assert.deepEqual(
      got.recs.map((r) => [r.caplen, r.origLen]),
      [
        [96, 1514],
        [64, 60],
      ],
    );
    assert.equal(got.info.truncatedPackets, 1);
  });

  test('the FCS bits in the upper part of the network field are masked off the link type', async () => {
    const got = await readAllFeeds(pcapFile(packets.slice(0, 1), { linkType: 0x14000001 }));
    assert.equal(got.recs[0]!.linkType, 1);
    assert.deepEqual(got.info.linkTypes, [1]);
  });

  test('snaplen 0 in the header (unknown, as Wireshark treats it) does not limit records', async () => {
    const got = await readAllFeeds(pcapFile(packets, { snaplen: 0 }));
    assert.equal(got.recs.length, 3);
    assert.deepEqual(got.info.warnings, []);
  });

  test('a header snaplen above 262144 allows records up to it', async () => {
    const big = payload(300000, 9);
    const got = await readAllFeeds(pcapFile([{ tsSec: 1, data: big }], { snaplen: 1 << 20, linkType: 220 }));
    assert.equal(got.recs[0]!.caplen, 300000);
  });

  test('version 2.2 files have incl_len and orig_len swapped (Wireshark lengths_swapped)', async () => {
    const rec = pcapRecord({ tsSec: 1, data: payload(40, 1), origLen: 40 });
    // Write orig_len=100 where 2.4 has incl_len, and incl_len=40 where 2.4 has orig_len.
    new DataView(rec.buffer).setUint32(8, 100, true);
    new DataView(rec.buffer).setUint32(12, 40, true);
    const got = await readAllFeeds(concat([pcapHeader({ versionMinor: 2 }), rec]));
    assert.deepEqual([got.recs[0]!.caplen, got.recs[0]!.origLen], [40, 100]);
  });
});

describe('classic pcap damage', () => {
  test('cut mid-record: the earlier records are delivered, the partial one is not, warning names its offset', async () => {
    const whole = pcapFile(packets);
    const secondAt = 24 + 16 + 60;
    const thirdAt = secondAt + 16 + 1514;
    for (const [cut, delivered, at] of [
      [secondAt + 100, 1, secondAt], // inside the second record's bytes
      [thirdAt + 3, 2, thirdAt], // inside the third record's header
      [thirdAt + 16, 3, -1], // the whole file (the third record has no bytes)
    ] as const) {
      const got = await readAllFeeds(whole.subarray(0, cut));
      assert.equal(got.recs.length, delivered, `cut at ${cut}`);
      const expected = at < 0 ? [] : [{ offset: at, message: `file cut short in the middle of a packet at byte ${at}` }];
      assert.deepEqual(got.info.warnings, expected);
    }
  });

  test('an absurd record length stops the file with a warning; the records before it are delivered', async () => {
    const bad = pcapRecord({ tsSec: 5, data: payload(10, 1) });
    new DataView(bad.buffer).setUint32(8, 4325376, true);
    const at = 24 + 16 + 60;
    const got = await readAllFeeds(concat([pcapFile(packets.slice(0, 1)), bad, pcapRecord(packets[1]!)]));
    assert.equal(got.recs.length, 1);
    assert.deepEqual(got.info.warnings, [{ offset: at, message: `record at byte ${at} claims 4325376 captured bytes, more than the maximum of 262144` }]);
  });

  test('bad magic is a CaptureFormatError naming the file and offset', async () => {
    const bytes = pcapFile(packets);
    bytes[0] = 0x00;
    const err = await errorOfAllFeeds(bytes, 'x.pcap');
    assert.ok(err instanceof CaptureFormatError);
    assert.match(err.message, /^x\.pcap: byte 0: not a pcap or pcapng file/);
  });

  test('an empty file, a 3-byte file and a header cut short are CaptureFormatErrors', async () => {
    for (const [bytes, re] of [
      [new Uint8Array(0), /empty file/],
      [pcapHeader().subarray(0, 3), /too short/],
      [pcapHeader().subarray(0, 20), /byte 20: pcap file header cut short \(20 of 24 bytes\)/],
    ] as const) {
      const err = await errorOfAllFeeds(bytes, 'h.pcap');
      assert.ok(err instanceof CaptureFormatError, String(err));
      assert.match(err.message, re);
    }
  });

  test('a file that is only a header has no records and no warning', async () => {
    const got = await readAllFeeds(pcapHeader());
    assert.equal(got.recs.length, 0);
    assert.deepEqual(got.info.warnings, []);
    assert.equal(got.info.firstTs, null);
  });
});
