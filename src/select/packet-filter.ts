import type { DecodedPacket } from '../model/decoded.js';
import { netContains, type IpNet } from './ip-net.js';
import { isEmptySelection, type AddressSelection } from './selection.js';

export type PacketFilter = (p: DecodedPacket) => boolean;

/**
 * The selection as a test on each decoded TCP packet, before the tracker:
 * numeric comparisons of address words and ports only, nothing allocated.
 * Undefined when nothing is selected, so the hot path skips the call.
 */
export function packetFilter(sel: AddressSelection): PacketFilter | undefined {
  if (isEmptySelection(sel)) return undefined;
  const { hosts, nets, ports } = sel;
  const blocks = [hosts, nets].filter((list) => list.length > 0);
  return (p) => {
    if (ports.length > 0 && !portMatches(ports, p.srcPort, p.dstPort)) return false;
    for (let b = 0; b < blocks.length; b++) if (!addressMatches(blocks[b]!, p)) return false;
    return true;
  };
}

function portMatches(ports: number[], a: number, b: number): boolean {
  for (let i = 0; i < ports.length; i++) if (ports[i] === a || ports[i] === b) return true;
  return false;
}

function addressMatches(list: IpNet[], p: DecodedPacket): boolean {
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    if (netContains(n, p.ipVersion, p.src) || netContains(n, p.ipVersion, p.dst)) return true;
  }
  return false;
}
