import { parseIp } from '../decode/address.js';
import type { Finding, FlowReport } from '../model/report.js';
import type { TcpStateName } from '../model/tcp-state.js';
import { netContains, type IpNet } from './ip-net.js';
import { isEmptySelection, type AddressSelection } from './selection.js';

/** Both sides of a connection as strings: Flow (live) and FlowReport (in the report) both fit. */
export interface FlowEnds {
  client: { ip: string; port: number };
  server: { ip: string; port: number };
}

/**
 * The address selection as a test on a whole connection (once per flow, so
 * parsing its address strings is affordable). Same semantics as packetFilter.
 */
export function flowAddressFilter(sel: AddressSelection): (f: FlowEnds) => boolean {
  if (isEmptySelection(sel)) return () => true;
  const a = new Uint32Array(4);
  const b = new Uint32Array(4);
  return (f) => {
    if (sel.ports.length > 0 && !sel.ports.includes(f.client.port) && !sel.ports.includes(f.server.port)) return false;
    a.fill(0);
    b.fill(0);
    const va = parseIp(f.client.ip, a);
    const vb = parseIp(f.server.ip, b);
    const inList = (list: IpNet[]): boolean => list.some((n) => netContains(n, va, a) || netContains(n, vb, b));
    if (sel.hosts.length > 0 && !inList(sel.hosts)) return false;
    if (sel.nets.length > 0 && !inList(sel.nets)) return false;
    return true;
  };
}

export interface FlowCriteria {
  address: AddressSelection;
  /** Either side ended in one of these states. */
  states: TcpStateName[];
  /** The connection is named by a finding with one of these ids. */
  findingIds: string[];
}

/** The `flows` command's filters over the report's connections. */
export function selectFlows(flows: readonly FlowReport[], findings: readonly Finding[], c: FlowCriteria): FlowReport[] {
  const byAddress = flowAddressFilter(c.address);
  let named: Set<number> | undefined;
  if (c.findingIds.length > 0) {
    named = new Set();
    for (const f of findings) if (c.findingIds.includes(f.id)) for (const id of f.flowIds) named.add(id);
  }
  return flows.filter(
    (f) =>
      byAddress(f) &&
      (c.states.length === 0 || c.states.includes(f.client.state) || c.states.includes(f.server.state)) &&
      (named === undefined || named.has(f.id)),
  );
}
