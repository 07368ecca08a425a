import { DecodeStatus, type DecodedPacket } from '../model/decoded.js';
import { cut, stop } from './bounds.js';
import { Layer, type Cursor } from './layer.js';
import { looksLikeTeredo } from './teredo.js';

const HEADER = 8;

/** UDP ports of the tunnels Zeek decodes by default. */
export const TunnelPort = {
  VXLAN: 4789,
  GENEVE: 6081,
  TEREDO: 3544,
  AYIYA: 5072,
  GTPU: 2152,
  GRE_IN_UDP: 4754,
} as const;

function tunnelAt(port: number): Layer {
  switch (port) {
    case TunnelPort.VXLAN:
      return Layer.VXLAN;
    case TunnelPort.GENEVE:
      return Layer.GENEVE;
    case TunnelPort.TEREDO:
      return Layer.TEREDO;
    case TunnelPort.AYIYA:
      return Layer.AYIYA;
    case TunnelPort.GTPU:
      return Layer.GTPU;
    case TunnelPort.GRE_IN_UDP:
      return Layer.GRE;
    default:
      return Layer.END;
  }
}

/**
 * UDP matters only as a tunnel carrier: a known port leads on (the destination
 * port first), as does Teredo recognised by content; anything else is NOT_TCP.
 */
export function decodeUdp(d: Uint8Array, cur: Cursor, out: DecodedPacket): Layer {
  const o = cur.off;
  if (o + HEADER > cur.end) return cut(cur, o + HEADER, out);
  let next = tunnelAt((d[o + 2]! << 8) | d[o + 3]!);
  if (next === Layer.END) next = tunnelAt((d[o]! << 8) | d[o + 1]!);
  const len = (d[o + 4]! << 8) | d[o + 5]!;
  if (len >= HEADER) {
    const end = o + len;
    if (end < cur.end) cur.end = end;
    if (end < cur.limit) cur.limit = end;
  }
  cur.off = o + HEADER;
  if (next === Layer.END && looksLikeTeredo(d, cur)) next = Layer.TEREDO;
  if (next === Layer.END) return stop(out, DecodeStatus.NOT_TCP);
  return next;
}
