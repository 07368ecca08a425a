import type { Endpoint, Flow } from '../model/flow.js';
import type { EndpointReport, FlowReport } from '../model/report.js';
import { stateName } from '../model/tcp-state.js';

function endpointReport(e: Endpoint): EndpointReport {
  return {
    ip: e.ip,
    port: e.port,
    state: stateName(e.state),
    packets: e.packets,
    bytes: e.ipBytes,
    payloadBytes: e.payloadBytes,
    ...(e.zeekBytes !== undefined ? { zeekBytes: e.zeekBytes } : {}),
    ...(e.missedBytes !== undefined ? { missedBytes: e.missedBytes } : {}),
  };
}

/** Wireshark's address field for the IP version. */
function addrField(ipVersion: number): string {
  return ipVersion === 6 ? 'ipv6.addr' : 'ip.addr';
}

/** A display filter selecting exactly this connection's packets (both directions). */
export function flowFilter(flow: Flow): string {
  const a = addrField(flow.ipVersion);
  const c = flow.client;
  const s = flow.server;
  let f = `${a}==${c.ip} && tcp.port==${c.port} && ${a}==${s.ip} && tcp.port==${s.port}`;
  if (flow.vlanKey !== 0) f += ` && vlan.id==${flow.vlanKey & 0xfff}`;
  return f;
}

/** The report contract's flows[] entry (DESIGN.md §5) for one connection. */
export function toFlowReport(flow: Flow): FlowReport {
  return {
    id: flow.id,
    client: endpointReport(flow.client),
    server: endpointReport(flow.server),
    firstTs: flow.firstTs,
    lastTs: flow.lastTs,
    connState: flow.connState,
    history: flow.history,
    partial: flow.partial,
    vlan: flow.vlanKey === 0 ? null : flow.vlanKey,
    wiresharkFilter: flowFilter(flow),
  };
}
