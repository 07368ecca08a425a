// Classic pcap (µs, little-endian, LINKTYPE_ETHERNET) written through one big
// reused buffer, so memory stays flat whatever the capture size. Packets are
// encoded in place (Ethernet [+802.1Q] + IPv4/IPv6 + TCP with options) with
// correct IP and TCP checksums; payload bytes are zeros, which leaves the
// checksum arithmetic cheap and the files compressible.
import { closeSync, openSync, writeSync } from 'node:fs';

const BUF_SIZE = 8 << 20;
const MAX_PACKET = 65535 + 16;
export const SNAPLEN = 262144;
export const BASE_EPOCH = 1_700_000_000;

/** One packet to write; the generator fills a single instance per packet. */
export function newPacketSpec() {
  return {
    timeUs: 0,
    v6: false,
    vlan: 0,
    /** IPv4: src[0]/dst[0]; IPv6: all four big-endian words. */
    src: new Uint32Array(4),
    dst: new Uint32Array(4),
    srcMac: 0,
    dstMac: 0,
    ttl: 64,
    ipId: 0,
    flowLabel: 0,
    srcPort: 0,
    dstPort: 0,
    seq: 0,
    ack: 0,
    flags: 0,
    window: 0,
    payloadLen: 0,
    /** 0 none, 1 Linux SYN (MSS, SACK_PERM, TS, NOP, WS), 2 NOP NOP TS, 3 Windows SYN (MSS, NOP, WS, NOP, NOP, SACK_PERM). */
    options: 0,
    mss: 1460,
    wscale: -1,
    tsVal: 0,
    tsEcr: 0,
  };
}

export class PcapWriter {
  /** @param {string} path @param {number} snaplen */
  constructor(path, snaplen = SNAPLEN) {
    this.fd = openSync(path, 'w');
    this.buf = Buffer.alloc(BUF_SIZE);
    this.pos = 0;
    this.snaplen = snaplen;
    this.packets = 0;
    this.bytes = 0;
    const h = this.buf;
    h.writeUInt32LE(0xa1b2c3d4, 0);
    h.writeUInt16LE(2, 4);
    h.writeUInt16LE(4, 6);
    h.writeInt32LE(0, 8);
    h.writeUInt32LE(0, 12);
    h.writeUInt32LE(snaplen, 16);
    h.writeUInt32LE(1, 20);
    this.pos = 24;
  }

  flush() {
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.buf, off, this.pos - off);
    this.bytes += this.pos;
    // Payloads are never written explicitly: they rely on the buffer being zero.
    this.buf.fill(0, 0, this.pos);
    this.pos = 0;
  }

  close() {
    this.flush();
    closeSync(this.fd);
  }

  /** Encodes and appends one packet. */
  write(p) {
    if (this.pos + MAX_PACKET > BUF_SIZE) this.flush();
    const b = this.buf;
    const rec = this.pos;
    let o = rec + 16;
    // Ethernet: locally administered MACs derived from host numbers.
    o = mac(b, o, p.dstMac);
    o = mac(b, o, p.srcMac);
    if (p.vlan !== 0) {
      b[o] = 0x81; b[o + 1] = 0x00;
      b[o + 2] = (p.vlan >>> 8) & 0x0f; b[o + 3] = p.vlan & 0xff;
      o += 4;
    }
    b[o] = p.v6 ? 0x86 : 0x08; b[o + 1] = p.v6 ? 0xdd : 0x00;
    o += 2;

    const optLen = p.options === 1 ? 20 : p.options === 0 ? 0 : 12;
    const tcpLen = 20 + optLen;
    const segLen = tcpLen + p.payloadLen;
    const ip = o;
    let tcp;
    if (p.v6) {
      b.writeUInt32BE((0x60000000 | (p.flowLabel & 0xfffff)) >>> 0, ip);
      b.writeUInt16BE(segLen, ip + 4);
      b[ip + 6] = 6;
      b[ip + 7] = p.ttl;
      for (let i = 0; i < 4; i++) {
        b.writeUInt32BE(p.src[i], ip + 8 + 4 * i);
        b.writeUInt32BE(p.dst[i], ip + 24 + 4 * i);
      }
      tcp = ip + 40;
    } else {
      b[ip] = 0x45; b[ip + 1] = 0;
      b.writeUInt16BE(20 + segLen, ip + 2);
      b.writeUInt16BE(p.ipId & 0xffff, ip + 4);
      b[ip + 6] = 0x40; b[ip + 7] = 0; // DF
      b[ip + 8] = p.ttl; b[ip + 9] = 6;
      b[ip + 10] = 0; b[ip + 11] = 0;
      b.writeUInt32BE(p.src[0], ip + 12);
      b.writeUInt32BE(p.dst[0], ip + 16);
      b.writeUInt16BE(fold(sum16(b, ip, 20)) ^ 0xffff, ip + 10);
      tcp = ip + 20;
    }

    b.writeUInt16BE(p.srcPort, tcp);
    b.writeUInt16BE(p.dstPort, tcp + 2);
    b.writeUInt32BE(p.seq >>> 0, tcp + 4);
    b.writeUInt32BE(p.ack >>> 0, tcp + 8);
    b[tcp + 12] = (tcpLen / 4) << 4;
    b[tcp + 13] = p.flags;
    b.writeUInt16BE(p.window, tcp + 14);
    b[tcp + 16] = 0; b[tcp + 17] = 0;
    b[tcp + 18] = 0; b[tcp + 19] = 0;
    let t = tcp + 20;
    if (p.options === 1) {
      // Linux's SYN layout: MSS, SACK_PERM, TS, NOP, WS (20 bytes).
      b[t] = 2; b[t + 1] = 4; b.writeUInt16BE(p.mss, t + 2);
      b[t + 4] = 4; b[t + 5] = 2;
      b[t + 6] = 8; b[t + 7] = 10;
      b.writeUInt32BE(p.tsVal >>> 0, t + 8);
      b.writeUInt32BE(p.tsEcr >>> 0, t + 12);
      b[t + 16] = 1;
      b[t + 17] = 3; b[t + 18] = 3; b[t + 19] = p.wscale;
    } else if (p.options === 2) {
      b[t] = 1; b[t + 1] = 1;
      b[t + 2] = 8; b[t + 3] = 10;
      b.writeUInt32BE(p.tsVal >>> 0, t + 4);
      b.writeUInt32BE(p.tsEcr >>> 0, t + 8);
    } else if (p.options === 3) {
      b[t] = 2; b[t + 1] = 4; b.writeUInt16BE(p.mss, t + 2);
      b[t + 4] = 1;
      b[t + 5] = 3; b[t + 6] = 3; b[t + 7] = p.wscale;
      b[t + 8] = 1; b[t + 9] = 1;
      b[t + 10] = 4; b[t + 11] = 2;
    }
    // TCP checksum: pseudo-header + header; the zero payload adds nothing.
    let s = sum16(b, tcp, tcpLen) + 6 + segLen;
    if (p.v6) s += sum16(b, ip + 8, 32);
    else s += sum16(b, ip + 12, 8);
    b.writeUInt16BE(fold(s) ^ 0xffff || 0xffff, tcp + 16);

    const wire = tcp + segLen - (rec + 16);
    const cap = wire < this.snaplen ? wire : this.snaplen;
    const sec = BASE_EPOCH + Math.floor(p.timeUs / 1e6);
    b.writeUInt32LE(sec, rec);
    b.writeUInt32LE(p.timeUs % 1e6, rec + 4);
    b.writeUInt32LE(cap, rec + 8);
    b.writeUInt32LE(wire, rec + 12);
    if (cap < wire) b.fill(0, rec + 16 + cap, rec + 16 + wire); // bytes beyond snaplen are not in the file
    this.pos = rec + 16 + cap;
    this.packets++;
  }
}

function mac(b, o, host) {
  b[o] = 0x02; b[o + 1] = 0x00;
  b.writeUInt32BE(host >>> 0, o + 2);
  return o + 6;
}

function sum16(b, off, len) {
  let s = 0;
  const end = off + (len & ~1);
  for (let i = off; i < end; i += 2) s += (b[i] << 8) | b[i + 1];
  if (len & 1) s += b[off + len - 1] << 8;
  return s;
}

function fold(s) {
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 65536);
  return s;
}
