import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { newDecodedPacket } from '../../src/model/decoded.js';
import { parseIp } from '../../src/decode/address.js';
import { UsageError } from '../../src/errors.js';
import { packetFilter } from '../../src/select/packet-filter.js';
import { parseAddressSelection } from '../../src/select/selection.js';
import { selectFlows } from '../../src/select/flow-filter.js';
import { sortFlows } from '../../src/select/flow-sort.js';
import { leakReport } from '../helpers/report-builder.js';

function packet(src: string, sport: number, dst: string, dport: number) {
  const p = newDecodedPacket();
  p.ipVersion = parseIp(src, p.src);
  parseIp(dst, p.dst);
  p.srcPort = sport;
  p.dstPort = dport;
  return p;
}

describe('packet filter', () => {
  test('accepts both directions of a connection alike', () => {
    const f = packetFilter(parseAddressSelection({ host: ['10.0.0.2'], port: ['8080'] }))!;
    assert.equal(f(packet('10.0.0.1', 40000, '10.0.0.2', 8080)), true);
    assert.equal(f(packet('10.0.0.2', 8080, '10.0.0.1', 40000)), true);
    assert.equal(f(packet('10.0.0.1', 40000, '10.0.0.3', 8080)), false, 'host must match');
    assert.equal(f(packet('10.0.0.1', 40000, '10.0.0.2', 8081)), false, 'port must match too');
  });

  test('matches IPv4 and IPv6 blocks on prefix bits, not on the version of the other family', () => {
    const f = packetFilter(parseAddressSelection({ net: ['192.168.16.0/20', '2001:db8:ab00::/40'] }))!;
    assert.equal(f(packet('192.168.31.255', 1, '8.8.8.8', 2)), true);
    assert.equal(f(packet('192.168.32.0', 1, '8.8.8.8', 2)), false);
    assert.equal(f(packet('2001:db8:abff::1', 1, '2001:db8::9', 2)), true);
    assert.equal(f(packet('2001:db8:ac00::1', 1, '2001:db8::9', 2)), false);
    // ::c0a8:1001 has 192.168.16.1's bits in its last word, not in word 0.
    assert.equal(f(packet('::c0a8:1001', 1, '::1', 2)), false);
  });

  test('is absent when nothing is selected, so the hot path pays nothing', () => {
    assert.equal(packetFilter(parseAddressSelection({})), undefined);
  });

  test('rejects bad addresses, prefixes and ports as usage errors', () => {
    assert.throws(() => parseAddressSelection({ host: ['10.0.0.256'] }), UsageError);
    assert.throws(() => parseAddressSelection({ net: ['10.0.0.0/33'] }), UsageError);
    assert.throws(() => parseAddressSelection({ net: ['2001:db8::/129'] }), UsageError);
    assert.throws(() => parseAddressSelection({ port: ['65536'] }), UsageError);
    assert.throws(() => parseAddressSelection({ host: ['10.0.0.0/8'] }), UsageError);
  });
});

describe('flow selection and order', () => {
  const r = leakReport();
  const none = parseAddressSelection({});
  test('--state selects connections with either side in that state', () => {
    assert.deepEqual(selectFlows(r.flows, r.findings, { address: none, states: ['CLOSE_WAIT'], findingIds: [] }).map((f) => f.id), [2, 3, 5]);
    assert.deepEqual(selectFlows(r.flows, r.findings, { address: none, states: ['TIME_WAIT'], findingIds: [] }).map((f) => f.id), [1]);
  });
  test('--finding selects the connections a finding names; --net works on IPv6', () => {
    assert.deepEqual(selectFlows(r.flows, r.findings, { address: none, states: [], findingIds: ['connection-reset'] }).map((f) => f.id), [4]);
    const v6 = parseAddressSelection({ net: ['2001:db8::/32'] });
    assert.deepEqual(selectFlows(r.flows, r.findings, { address: v6, states: [], findingIds: [] }).map((f) => f.id), [5]);
  });
  test('sorts by bytes and by duration largest first, by start oldest first', () => {
    assert.equal(sortFlows(r.flows, 'bytes')[0]!.id, 4);
    assert.deepEqual(sortFlows(r.flows, 'duration').map((f) => f.id).slice(0, 3), [2, 3, 5]);
    assert.deepEqual(sortFlows(r.flows, 'start').map((f) => f.id), [1, 2, 3, 4, 5]);
  });
});
