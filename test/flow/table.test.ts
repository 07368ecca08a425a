import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowTable } from '../../src/flow/table.js';
import { seg } from '../helpers/segment-builder.js';
import { ipTextShared } from '../../src/flow/ip-text.js';

const host = (i: number) => ({ ip: 0x0a000000 + i, port: 1024 + (i % 50000) });

describe('FlowTable', () => {
  test('a packet and its reply find the same entry, with opposite directions', () => {
    const t = new FlowTable<string>();
    const out = seg('C>S', 'S');
    assert.equal(t.lookup(out), -1);
    const e = t.insertLast('x');
    const fwd = t.lastSourceIsA;
    assert.equal(t.lookup(seg('S>C', 'SA')), e);
    assert.equal(t.lastSourceIsA, !fwd);
  });

  test("readKey gives back an entry's addresses, ports, VLAN, tunnel and IP version, from either side", () => {
    const t = new FlowTable<number>();
    const p = seg('S>C', 'SA');
    p.ipVersion = 6;
    p.src.set([0x20010db8, 0, 0, 0xffffffff]);
    p.dst.set([0x20010db8, 0, 0, 1]);
    p.vlanKey = 0xfff00a;
    p.tunnelKey = 0xdeadbeef;
    t.lookup(p);
    const e = t.insertLast(1);
    const fromSender = t.lastSourceIsA;
    for (const srcIsA of [fromSender, !fromSender]) {
      const q = seg('C>S', 'A');
      t.readKey(e, srcIsA, q);
      const same = srcIsA === fromSender;
      assert.deepEqual(
        [[...q.src], [...q.dst], q.srcPort, q.dstPort, q.vlanKey, q.tunnelKey, q.ipVersion],
        same
          ? [[...p.src], [...p.dst], p.srcPort, p.dstPort, p.vlanKey, p.tunnelKey, 6]
          : [[...p.dst], [...p.src], p.dstPort, p.srcPort, p.vlanKey, p.tunnelKey, 6],
      );
    }
  });

  test('VLAN and tunnel keys separate otherwise equal tuples', () => {
    const t = new FlowTable<number>();
    const a = seg('C>S', 'S');
    t.lookup(a);
    t.insertLast(1);
    const b = seg('C>S', 'S');
    b.vlanKey = 10;
    assert.equal(t.lookup(b), -1);
    const c = seg('C>S', 'S');
    c.tunnelKey = 77;
    assert.equal(t.lookup(c), -1);
  });

  test('removing entries keeps every other entry reachable through growth and backward shift', () => {
    const t = new FlowTable<number>(16);
    const n = 3000;
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = seg('C>S', 'S', { client: host(i) });
      assert.equal(t.lookup(p), -1);
      ids.push(t.insertLast(i));
    }
    for (let i = 0; i < n; i += 3) t.remove(ids[i]!);
    for (let i = 0; i < n; i++) {
      const e = t.lookup(seg('S>C', 'A', { client: host(i) }));
      if (i % 3 === 0) assert.equal(e, -1, `removed ${i}`);
      else assert.equal(t.get(e), i);
    }
    assert.equal(t.size, n - Math.ceil(n / 3));
  });
});

describe('ipTextShared', () => {
  test('prints IPv4 dotted and IPv6 in RFC 5952 form', () => {
    const a = ipTextShared(4, Uint32Array.of(0xc0a80001, 0, 0, 0));
    assert.equal(a, '192.168.0.1');
    assert.equal(ipTextShared(6, Uint32Array.of(0x20010db8, 0, 0, 1)), '2001:db8::1');
    assert.equal(ipTextShared(6, Uint32Array.of(0x20010000, 0x41379e50, 0x8000f12a, 0xb9c82815)), '2001:0:4137:9e50:8000:f12a:b9c8:2815');
  });
});
