// Turns a script op into a concrete packet from the connection's running
// state: sequence and acknowledgement numbers, flags, window, options. This is
// where the seq/ack arithmetic lives, so scenarios cannot get it wrong.
import { DIR_SHIFT, Op, X_FIN_CROSSES } from './script.mjs';

// Layout of a connection's numeric state (one plain array per connection: cheaper than an object per side).
export const ISN = 0, NXT = 2, LSEQ = 4, LLEN = 6, FIN = 8, TSB = 10, TSL = 12, WS = 14, WIN = 16, ZW = 18, IPID = 20, TTL = 22, MSS = 24;
export const CADDR = 26, SADDR = 30, CPORT = 34, SPORT = 35, CMAC = 36, VLAN = 37, FLOWLABEL = 38, OPTS = 39, V6 = 40;
export const STATE_LEN = 41;

/** Option styles: how a side's SYN looks and whether later segments carry timestamps. */
export const OptStyle = { NONE: 0, LINUX_TS: 1, WINDOWS: 3 };

const GATEWAY_MAC = 0x00000001;
const F_FIN = 0x01, F_SYN = 0x02, F_RST = 0x04, F_PSH = 0x08, F_ACK = 0x10;

/** Fills `p` (a PacketSpec) with packet `code`/`len` of connection state `st` at `timeUs`. */
export function emitPacket(st, code, len, timeUs, p) {
  const dir = (code >> DIR_SHIFT) & 1;
  const peer = dir ^ 1;
  const op = code & 15;
  const v6 = st[V6] === 1;
  p.timeUs = timeUs;
  p.v6 = v6;
  p.vlan = st[VLAN];
  const from = dir === 0 ? CADDR : SADDR;
  const to = dir === 0 ? SADDR : CADDR;
  for (let i = 0; i < 4; i++) {
    p.src[i] = st[from + i];
    p.dst[i] = st[to + i];
  }
  p.srcMac = dir === 0 ? st[CMAC] : GATEWAY_MAC;
  p.dstMac = dir === 0 ? GATEWAY_MAC : st[CMAC];
  p.srcPort = dir === 0 ? st[CPORT] : st[SPORT];
  p.dstPort = dir === 0 ? st[SPORT] : st[CPORT];
  p.ttl = st[TTL + dir];
  p.ipId = st[IPID + dir];
  st[IPID + dir] = (st[IPID + dir] + 1) & 0xffff;
  p.flowLabel = v6 ? (st[FLOWLABEL] + dir) & 0xfffff : 0;

  let seq = st[NXT + dir];
  let ack = st[NXT + peer];
  let flags = F_ACK;
  let payload = 0;
  let syn = false;
  switch (op) {
    case Op.SYN:
      seq = st[ISN + dir];
      ack = 0;
      flags = F_SYN;
      st[NXT + dir] = (seq + 1) >>> 0;
      syn = true;
      break;
    case Op.SYNACK:
      seq = st[ISN + dir];
      flags = F_SYN | F_ACK;
      st[NXT + dir] = (seq + 1) >>> 0;
      syn = true;
      break;
    case Op.ACK:
    case Op.WINUPDATE:
    case Op.ZWIN:
      st[ZW + dir] = op === Op.ZWIN ? 1 : op === Op.WINUPDATE ? 0 : st[ZW + dir];
      break;
    case Op.DATA:
      payload = len;
      flags = F_PSH | F_ACK;
      st[LSEQ + dir] = seq;
      st[LLEN + dir] = len;
      st[NXT + dir] = (seq + len) >>> 0;
      break;
    case Op.RETX:
      seq = st[LSEQ + dir];
      payload = st[LLEN + dir];
      flags = F_PSH | F_ACK;
      break;
    case Op.FIN:
      flags = F_FIN | F_ACK;
      if ((code & X_FIN_CROSSES) !== 0 && st[FIN + peer] === 1) ack = (ack - 1) >>> 0;
      st[NXT + dir] = (seq + 1) >>> 0;
      st[FIN + dir] = 1;
      break;
    case Op.RST:
      flags = F_RST | F_ACK;
      break;
    case Op.REFUSE:
      seq = 0;
      flags = F_RST | F_ACK;
      break;
    case Op.KEEPALIVE:
      seq = (seq - 1) >>> 0;
      break;
    case Op.ZWPROBE:
      payload = 1;
      break;
    default:
      throw new Error(`bad op ${op}`);
  }
  p.seq = seq;
  p.ack = ack;
  p.flags = flags;
  p.payloadLen = payload;

  const rst = (flags & F_RST) !== 0;
  if (syn) p.window = dir === 0 ? 64240 : 65160;
  else if (rst || st[ZW + dir] === 1) p.window = 0;
  else p.window = st[WIN + dir];

  const style = st[OPTS];
  p.options = 0;
  if (style === OptStyle.LINUX_TS && !rst) {
    p.options = syn ? 1 : 2;
    const tsVal = (st[TSB + dir] + Math.floor(timeUs / 1000)) >>> 0;
    p.tsVal = tsVal;
    p.tsEcr = op === Op.SYN ? 0 : st[TSL + peer];
    st[TSL + dir] = tsVal;
  } else if (style === OptStyle.WINDOWS && syn) {
    p.options = 3;
  }
  p.mss = st[MSS + dir];
  p.wscale = st[WS + dir];
}
