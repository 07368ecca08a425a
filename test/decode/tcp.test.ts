import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus, TcpFlag } from '../../src/model/decoded.js';
import { ipv4, tcp, tcpPacket } from '../helpers/packet-builder.js';
import { decode } from './decode-helpers.js';

const A = { src: '10.0.0.1', dst: '10.0.0.2' };

describe('TCP header', () => {
  test('fields are read as unsigned, sequence numbers near 2^32 included', () => {
    const p = decode(tcpPacket({ sport: 65535, dport: 1, seq: 0xfffffff0, ack: 0x80000000, window: 65535, urgent: 7, flags: 'UA' }));
    assert.equal(p.srcPort, 65535);
    assert.equal(p.dstPort, 1);
    assert.equal(p.seq, 0xfffffff0);
    assert.equal(p.ack, 0x80000000);
    assert.equal(p.window, 65535);
    assert.equal(p.urgent, 7);
    assert.equal(p.flags, TcpFlag.URG | TcpFlag.ACK);
  });
  test('every flag bit including NS, ECE and CWR', () => {
    const p = decode(tcpPacket({ flags: 'FSRPAUECN' }));
    assert.equal(p.flags, 0x1ff);
  });
  test('data offset below 5 is MALFORMED; above the IP payload is MALFORMED', () => {
    assert.equal(decode(tcpPacket({ dataOffset: 4 })).status, DecodeStatus.MALFORMED);
    assert.equal(decode(tcpPacket({ dataOffset: 15 })).status, DecodeStatus.MALFORMED);
  });
  test('options cut by snaplen make the packet TRUNCATED', () => {
    const b = tcpPacket({ flags: 'S', options: { mss: 1460, ts: [1, 2] } });
    assert.equal(decode(b, { caplen: 14 + 20 + 30, origLen: b.length }).status, DecodeStatus.TRUNCATED);
  });
  test('payloadLen comes from the IP total length', () => {
    const ip = ipv4({ ...A, proto: 6, payload: tcp({ ...A, payload: 100, options: { ts: [1, 1] } }) });
    const p = decode(ip, { linkType: 101 });
    assert.equal(p.tcpHeaderLen, 32);
    assert.equal(p.payloadLen, 100);
  });
  test('the TCP checksum field is reported as sent', () => {
    assert.equal(decode(tcpPacket({ checksum: 0xbeef })).tcpChecksum, 0xbeef);
  });
});
