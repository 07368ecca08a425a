// A pure SYN flood: `sources` distinct spoofed IPv4 addresses each send one SYN
// to one service at `rate` SYNs/s; the service answers a share with a SYN+ACK
// that nobody acknowledges (SYN cookies: never retransmitted). Deterministic by
// seed. What a tracker must do with it: hold each half-open attempt only until
// Zeek's attempt timer drops it, and count every attempt in one syn-flood finding.
import { PcapWriter, newPacketSpec } from './pcap-writer.mjs';
import { Rng } from './prng.mjs';

const TARGET = ((192 << 24) | (0 << 16) | (2 << 8) | 80) >>> 0; // 192.0.2.80
const PORT = 443;

/** @param {{ sources: number, rate: number, seed: number, out: string, answered?: number }} opts */
export function generateFlood(opts) {
  const rng = new Rng(opts.seed >>> 0);
  const writer = new PcapWriter(opts.out);
  const p = newPacketSpec();
  const answered = opts.answered ?? 0.5;
  const gapUs = 1e6 / opts.rate;
  // A full-period LCG over 2^24 visits distinct addresses of 10/8: no set of sources to keep.
  let addr = rng.int(0, 0xffffff);
  let synAcks = 0;
  // SYN+ACKs go out one RTT (0.2–2 ms) after their SYN: queued in time order.
  const pending = [];
  let head = 0;
  for (let i = 0; i < opts.sources; i++) {
    const t = Math.round(i * gapUs);
    while (head < pending.length && pending[head][0] <= t) writeSynAck(writer, p, pending[head++]);
    if (head > 4096) {
      pending.splice(0, head);
      head = 0;
    }
    addr = (Math.imul(addr, 0x3779b1) + 0x9e3779) & 0xffffff;
    const src = ((10 << 24) | addr) >>> 0;
    const sport = 1024 + (rng.int(0, 64511) | 0);
    const isn = rng.int(0, 0x7fffffff) >>> 0;
    set(p, t, src, TARGET, sport, PORT, isn, 0, 0x02);
    writer.write(p);
    if (rng.next() < answered) {
      synAcks++;
      // Kept sorted by time (a few dozen in flight): the file's timestamps never go backwards.
      const item = [t + rng.int(200, 2000), src, sport, isn];
      let k = pending.length;
      while (k > head && pending[k - 1][0] > item[0]) k--;
      pending.splice(k, 0, item);
    }
  }
  while (head < pending.length) writeSynAck(writer, p, pending[head++]);
  writer.close();
  return { packets: writer.packets, attempts: opts.sources, synAcks, target: '192.0.2.80', port: PORT };
}

function writeSynAck(writer, p, [t, src, sport, isn]) {
  set(p, t, TARGET, src, PORT, sport, (isn * 7 + 12345) >>> 0, (isn + 1) >>> 0, 0x12);
  writer.write(p);
}

function set(p, timeUs, src, dst, sport, dport, seq, ack, flags) {
  p.timeUs = timeUs;
  p.src[0] = src;
  p.dst[0] = dst;
  p.srcMac = src & 0xffff;
  p.dstMac = dst & 0xffff;
  p.srcPort = sport;
  p.dstPort = dport;
  p.seq = seq;
  p.ack = ack;
  p.flags = flags;
  p.window = 64240;
  p.payloadLen = 0;
  p.options = 0;
  p.wscale = -1;
}
