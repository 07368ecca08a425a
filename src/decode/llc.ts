import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { layerForEthertype } from './ethertype.js';
import { Layer, type Cursor } from './layer.js';

const SAP_SNAP = 0xaa;
const SAP_IP = 0x06;
const UI = 0x03;
/** SNAP organisation codes whose protocol id is an EtherType (RFC 1042, 802.1H). */
const OUI_ENCAP = 0x000000;
const OUI_BRIDGE_TUNNEL = 0x0000f8;
/** 802.1 bridged frames (RFC 2684): PID 1 = Ethernet with FCS, 7 = without; 2 bytes of padding precede the frame. */
const OUI_8021 = 0x0080c2;

/** 802.2 LLC, with SNAP. */
export function decodeLlc(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + 3 > cur.end) return cut(cur, o + 3, out);
  const dsap = d[o]!;
  const ssap = d[o + 1]!;
  if (dsap === SAP_IP && ssap === SAP_IP) {
    cur.off = o + 3;
    return Layer.IPV4;
  }
  if (dsap !== SAP_SNAP || ssap !== SAP_SNAP || d[o + 2] !== UI) return stop(out, DecodeStatus.NOT_IP);
  if (o + 8 > cur.end) return cut(cur, o + 8, out);
  const oui = (d[o + 3]! << 16) | (d[o + 4]! << 8) | d[o + 5]!;
  const pid = (d[o + 6]! << 8) | d[o + 7]!;
  cur.off = o + 8;
  if (oui === OUI_ENCAP || oui === OUI_BRIDGE_TUNNEL) return layerForEthertype(pid, out);
  if (oui === OUI_8021 && (pid === 1 || pid === 7)) {
    cur.off = o + 10;
    return Layer.ETHERNET;
  }
  return stop(out, DecodeStatus.NOT_IP);
}
