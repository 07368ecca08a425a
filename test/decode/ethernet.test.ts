import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus } from '../../src/model/decoded.js';
import { be16, concat, ethernet, ethernetSnap, ipv4, tcp } from '../helpers/packet-builder.js';
import { decode } from './decode-helpers.js';
import { innerV4 } from './samples.js';

describe('Ethernet', () => {
  test('padding after a short IP packet is not counted as TCP payload', () => {
    const ip = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: 6, payload: tcp({ src: '10.0.0.1', dst: '10.0.0.2', flags: 'A' }) });
    const frame = ethernet({ type: 0x0800, payload: ip, padTo60: 0xee });
    assert.equal(frame.length, 60);
    const p = decode(frame);
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.payloadLen, 0);
    assert.equal(p.payloadCaptured, 0);
    assert.equal(p.ipTotalLen, 40);
  });

  test('802.3 length field with LLC/SNAP leads to IP', () => {
    const p = decode(ethernetSnap(0x0800, innerV4()));
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.dstPort, 80);
  });

  test('802.3 with a non-SNAP LLC (STP) is NOT_IP', () => {
    const llc = [0x42, 0x42, 0x03, 0, 0, 0, 0];
    const frame = concat([1, 0x80, 0xc2, 0, 0, 0, 2, 0, 0, 0, 0, 1], be16(llc.length), llc);
    assert.equal(decode(frame).status, DecodeStatus.NOT_IP);
  });

  test('ARP is NOT_IP; a 13-byte frame is TRUNCATED', () => {
    assert.equal(decode(ethernet({ type: 0x0806, payload: new Uint8Array(28) })).status, DecodeStatus.NOT_IP);
    assert.equal(decode(new Uint8Array(13)).status, DecodeStatus.TRUNCATED);
  });

  test('type values between 1501 and 1535 are neither a length nor an EtherType: NOT_IP', () => {
    assert.equal(decode(ethernet({ type: 1510, payload: innerV4() })).status, DecodeStatus.NOT_IP);
  });
});

describe('VLAN tags', () => {
  test('one 802.1Q tag sets vlanKey to its id', () => {
    const p = decode(ethernet({ type: 0x0800, payload: innerV4(), vlan: [123] }));
    assert.equal(p.status, DecodeStatus.TCP);
    assert.equal(p.vlanKey, 123);
  });

  for (const tpid of [0x88a8, 0x9100, 0x8100]) {
    test(`QinQ with outer TPID 0x${tpid.toString(16)} gives outer << 12 | inner`, () => {
      const p = decode(ethernet({ type: 0x0800, payload: innerV4(), vlan: [5, 4095], tpids: [tpid, 0x8100] }));
      assert.equal(p.status, DecodeStatus.TCP);
      assert.equal(p.vlanKey, (5 << 12) | 4095);
    });
  }

  test('priority bits do not leak into vlanKey', () => {
    const frame = ethernet({ type: 0x0800, payload: innerV4(), vlan: [7] });
    frame[14] |= 0xe0; // PCP 7
    assert.equal(decode(frame).vlanKey, 7);
  });

  test('untagged frames have vlanKey 0 even after a tagged one was decoded', () => {
    assert.equal(decode(ethernet({ type: 0x0800, payload: innerV4() })).vlanKey, 0);
  });
});
