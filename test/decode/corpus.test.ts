/**
 * The decoder against real captures from other projects (../shared/captures,
 * see its README): nothing may throw, and TCP must be found inside Zeek's
 * tunnel traces. tshark's per-capture count of frames with a TCP layer
 * (manifest.tsv, column tcp_packets) is the oracle for the tunnel traces it
 * decodes itself.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePacket } from '../../src/decode/packet.js';
import { formatIp } from '../../src/decode/address.js';
import { DecodeStatus, newDecodedPacket } from '../../src/model/decoded.js';
import { readCapture } from './corpus-reader.js';

const ROOT = join(process.cwd(), '..', 'shared', 'captures');
const present = existsSync(join(ROOT, 'manifest.tsv'));
const SKIP = 'shared captures not found at ../shared/captures';

function manifest(): Map<string, { tcp: number; link: string }> {
  const rows = readFileSync(join(ROOT, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  return new Map(rows.map((l) => l.split('\t')).map((r) => [r[0]!, { tcp: Number(r[8]), link: r[6]! }]));
}

interface Count {
  tcp: number;
  tunnelled: number;
  firstTunnelledFrame: number;
}

function count(rel: string, onTcp?: (frame: number, out: ReturnType<typeof newDecodedPacket>) => void): Count {
  const out = newDecodedPacket();
  const c: Count = { tcp: 0, tunnelled: 0, firstTunnelledFrame: 0 };
  let frame = 0;
  readCapture(join(ROOT, rel), (rec) => {
    frame++;
    if (decodePacket(rec, out) !== DecodeStatus.TCP) return;
    c.tcp++;
    if (out.tunnelDepth > 0) {
      c.tunnelled++;
      if (c.firstTunnelledFrame === 0) c.firstTunnelledFrame = frame;
    }
    onTcp?.(frame, out);
  });
  return c;
}

describe('real captures', () => {
  test('decoding every record of every capture never throws and keeps offsets inside the record', (t) => {
    if (!present) return t.skip(SKIP);
    const out = newDecodedPacket();
    let records = 0;
    let agree = 0;
    const m = manifest();
    for (const [rel, row] of m) {
      const path = join(ROOT, rel);
      if (!existsSync(path)) continue;
      let tcp = 0;
      readCapture(path, (rec) => {
        records++;
        const st = decodePacket(rec, out);
        if (st === DecodeStatus.TCP) {
          tcp++;
          assert.ok(out.tcpOffset + out.tcpHeaderLen + out.payloadCaptured <= rec.caplen, `${rel} record ${records}`);
        }
      });
      if (tcp === row.tcp) agree++;
    }
    t.diagnostic(`${records} records; TCP count equals tshark's in ${agree} of ${m.size} captures`);
    assert.ok(records > 0);
  });

  // Tunnels tshark decodes as well: same TCP count, and the TCP is inside the tunnel.
  const tunnels: Array<[string, string]> = [
    ['GRE', 'zeek-zeek/testing/btest/Traces/tunnels/gre-sample.pcap'],
    ['GRE in UDP 4754', 'zeek-zeek/testing/btest/Traces/tunnels/gre-over-udp-4754.pcap'],
    ['GRE from Aruba APs (802.11 inside)', 'zeek-zeek/testing/btest/Traces/tunnels/gre-aruba.pcap'],
    ['ERSPAN', 'zeek-zeek/testing/btest/Traces/erspan.pcap'],
    ['VXLAN', 'zeek-zeek/testing/btest/Traces/tunnels/vxlan-encapsulated-http.pcap'],
    ['Geneve with options', 'zeek-zeek/testing/btest/Traces/tunnels/geneve-many-options.pcap'],
    ['AYIYA', 'zeek-zeek/testing/btest/Traces/tunnels/ayiya3.pcap'],
    ['4in6', 'zeek-zeek/testing/btest/Traces/tunnels/4in6.pcap'],
    ['GTP-U with extension header', 'zeek-zeek/testing/btest/Traces/tunnels/gtp/gtp_ext_header.pcap'],
  ];
  for (const [name, rel] of tunnels) {
    test(`${name}: TCP found inside the tunnel, as many frames as tshark (${rel.split('/').pop()})`, (t) => {
      if (!present) return t.skip(SKIP);
      const c = count(rel);
      assert.ok(c.tunnelled > 0, 'no TCP inside a tunnel');
      assert.equal(c.tcp, manifest().get(rel)!.tcp);
    });
  }

  test('Teredo through a relay on ports 3797/32900 (Teredo.pcap frames 34+) is found by content, as Zeek does', (t) => {
    if (!present) return t.skip(SKIP);
    const rel = 'zeek-zeek/testing/btest/Traces/tunnels/Teredo.pcap';
    // Zeek's baseline conn.log lists this connection with a tunnel parent.
    const oracle = JSON.parse(readFileSync(join(ROOT, 'zeek-oracle.json'), 'utf8')) as Array<{ trace: string; connections: Array<{ orig_h: string; orig_p: number; tunnel_parents: unknown }> }>;
    const tunnelled = oracle.find((p) => p.trace === rel)!.connections.filter((c) => c.tunnel_parents !== null);
    assert.ok(tunnelled.length > 0);
    const seen = new Set<string>();
    const c = count(rel, (_frame, out) => {
      if (out.tunnelDepth > 0) seen.add(`${formatIp(out.ipVersion, out.src)} ${out.srcPort}`);
    });
    assert.ok(c.tunnelled > 0);
    for (const conn of tunnelled) assert.ok(seen.has(`${conn.orig_h} ${conn.orig_p}`), `${conn.orig_h}:${conn.orig_p}`);
  });

  test('one GRE tunnel gives one tunnel key in both directions (gre-sample.pcap)', (t) => {
    if (!present) return t.skip(SKIP);
    const keys = new Set<number>();
    count('zeek-zeek/testing/btest/Traces/tunnels/gre-sample.pcap', (_f, out) => keys.add(out.tunnelKey));
    assert.equal(keys.size, 1);
  });
});
