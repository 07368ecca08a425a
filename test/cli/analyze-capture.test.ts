import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pcapFile, PcapngWriter } from '../helpers/capture-writer.js';
import { tcpPacket, ipPacket, udp } from '../helpers/packet-builder.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tcpstate-cli-'));
const file = (name: string, bytes: Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

// A three-way handshake, one non-TCP packet (UDP) and the client's FIN.
const handshake = [
  { tsSec: 1700000000, tsFrac: 0, data: tcpPacket({ sport: 40000, dport: 80, seq: 100, flags: 'S' }) },
  { tsSec: 1700000000, tsFrac: 1000, data: tcpPacket({ src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 40000, seq: 500, ack: 101, flags: 'SA' }) },
  { tsSec: 1700000000, tsFrac: 2000, data: tcpPacket({ sport: 40000, dport: 80, seq: 101, ack: 501, flags: 'A' }) },
  { tsSec: 1700000001, tsFrac: 0, data: ipPacket('10.0.0.1', '10.0.0.9', 17, udp(5353, 5353, [1, 2, 3])) },
  { tsSec: 1700000002, tsFrac: 500000, data: tcpPacket({ sport: 40000, dport: 80, seq: 101, ack: 501, flags: 'FA' }) },
];

async function jsonReport(args: string[], stdin?: Uint8Array) {
  const r = await runCli(['analyze', '--format', 'json', ...args], stdin);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('analyze --format json reports format, link types, packet counts and time span of a pcap', async () => {
  const p = file('handshake.pcap', pcapFile(handshake));
  const report = await jsonReport([p]);
  assert.equal(report.schemaVersion, 1);
  const [c] = report.captures;
  assert.equal(c.path, p);
  assert.equal(c.format, 'pcap');
  assert.deepEqual(c.linkTypes, [{ id: 1, name: 'ETHERNET', supported: true }]);
  assert.equal(c.packets, 5);
  assert.equal(c.tcpPackets, 4);
  assert.equal(c.firstTs, 1700000000);
  assert.equal(c.lastTs, 1700000002.5);
  assert.deepEqual(c.warnings, []);
  assert.equal(report.summary.packets, 5);
  assert.equal(report.summary.tcpPackets, 4);
});

test('a pcapng with an Ethernet and a raw-IP interface reports both link types and every packet', async () => {
  const w = new PcapngWriter().section().iface({ linkType: 1 }).iface({ linkType: 101 });
  w.epb(0, 1700000000_000000n, handshake[0]!.data);
  w.epb(1, 1700000000_500000n, tcpPacket({ link: 'raw', sport: 1, dport: 2, flags: 'S' }));
  const report = await jsonReport([file('two-if.pcapng', w.bytes())]);
  const [c] = report.captures;
  assert.equal(c.format, 'pcapng');
  assert.deepEqual(c.linkTypes.map((l: { name: string }) => l.name), ['ETHERNET', 'RAW']);
  assert.equal(c.packets, 2);
  assert.equal(c.tcpPackets, 2);
});

test('a file cut in the middle of a record still reports the packets before the cut, with a warning at its offset', async () => {
  const whole = pcapFile(handshake);
  const cut = whole.subarray(0, whole.length - 10);
  const report = await jsonReport([file('cut.pcap', cut)]);
  const [c] = report.captures;
  assert.equal(c.packets, 4);
  assert.equal(c.warnings.length, 1);
  const lastRecordStart = whole.length - (16 + handshake[4]!.data.length);
  assert.equal(c.warnings[0].offset, lastRecordStart);
  assert.match(c.warnings[0].message, /cut short/);
});

test('gzip-compressed captures are read transparently, whatever their name', async () => {
  const report = await jsonReport([file('plain-name.pcap', gzipSync(pcapFile(handshake)))]);
  assert.equal(report.captures[0].compressed, true);
  assert.equal(report.captures[0].packets, 5);
});

test('- reads the capture from stdin', async () => {
  const report = await jsonReport(['-'], pcapFile(handshake));
  assert.equal(report.captures[0].path, '-');
  assert.equal(report.captures[0].packets, 5);
});

test('two files are merged into one time-ordered stream', async () => {
  const a = file('a.pcap', pcapFile([handshake[0]!, handshake[2]!]));
  const b = file('b.pcap', pcapFile([handshake[1]!, handshake[4]!]));
  const report = await jsonReport([a, b]);
  assert.equal(report.summary.packets, 4);
  assert.deepEqual(report.captures.map((c: { packets: number }) => c.packets), [2, 2]);
});

test('a file that is not a capture exits 3 with one line naming the file and what is wrong', async () => {
  const p = file('notes.txt', new TextEncoder().encode('this is not a capture file at all\n'));
  const r = await runCli(['analyze', p]);
  assert.equal(r.code, 3);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0]!.includes(p), lines[0]);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.equal(r.stdout, '');
});

test('a missing file exits 3 with one line', async () => {
  const r = await runCli(['analyze', join(dir, 'nope.pcap')]);
  assert.equal(r.code, 3);
  assert.match(r.stderr.trim(), /nope\.pcap: .*(no such file|ENOENT)/i);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('an unknown option is a usage error, exit 2', async () => {
  const r = await runCli(['analyze', '--frobnicate', 'x.pcap']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option/);
});

test('the table report names the capture, its packets and its link type', async () => {
  const p = file('table.pcap', pcapFile(handshake));
  const r = await runCli(['analyze', p]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /table\.pcap\s+pcap, ETHERNET/);
  assert.match(r.stdout, /5 packets \(4 TCP\)/);
  assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour escapes when stdout is a pipe');
});
