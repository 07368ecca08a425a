// Builds DecodedPacket values for tracker tests: `seg('C>S', 'S', {seq: 100})`.
import { DecodeStatus, TcpFlag, newDecodedPacket, type DecodedPacket } from '../../src/model/decoded.js';

export const CLIENT = { ip: 0x0a000001, port: 40000 }; // 10.0.0.1:40000
export const SERVER = { ip: 0x0a000002, port: 8080 }; // 10.0.0.2:8080

export interface SegOpts {
  seq?: number;
  ack?: number;
  len?: number;
  win?: number;
  wscale?: number;
  ts?: boolean;
  client?: { ip: number; port: number };
  server?: { ip: number; port: number };
}

const FLAG_LETTERS: Record<string, number> = {
  S: TcpFlag.SYN,
  A: TcpFlag.ACK,
  F: TcpFlag.FIN,
  R: TcpFlag.RST,
  P: TcpFlag.PSH,
};

/** A TCP segment from the client ('C>S') or the server ('S>C'); flags as letters, e.g. 'SA', 'FA', 'R'. */
export function seg(dir: 'C>S' | 'S>C', flags: string, o: SegOpts = {}): DecodedPacket {
  const p = newDecodedPacket();
  const c = o.client ?? CLIENT;
  const s = o.server ?? SERVER;
  const [from, to] = dir === 'C>S' ? [c, s] : [s, c];
  p.status = DecodeStatus.TCP;
  p.ipVersion = 4;
  p.src[0] = from.ip;
  p.dst[0] = to.ip;
  p.srcPort = from.port;
  p.dstPort = to.port;
  let f = 0;
  for (const ch of flags) f |= FLAG_LETTERS[ch]!;
  p.flags = f;
  p.seq = (o.seq ?? 0) >>> 0;
  p.ack = (o.ack ?? 0) >>> 0;
  p.payloadLen = o.len ?? 0;
  p.payloadCaptured = p.payloadLen;
  p.window = o.win ?? 65535;
  p.optWscale = o.wscale ?? -1;
  p.tcpHeaderLen = 20;
  p.ipHeaderLen = 20;
  p.ipTotalLen = 40 + p.payloadLen;
  return p;
}
