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
    analysis: {
      syn: e.syns - e.synAcks,
      synAck: e.synAcks,
      fin: e.fins,
      rst: e.rsts,
      retransmissions: e.retransmissions,
      dupAcks: e.dupAcks,
      zeroWindows: e.zeroWindows,
      keepAlives: e.keepAlives,
    },
  };
}

/** Wireshark's address field for the IP version. */
function addrField(ipVersion: number): string {
  return ipVersion === 6 ? 'ipv6.addr' : 'ip.addr';
}

/** A display filter selecting exactly this connection's packets (both directions). */
export function flowFilter(flow: Flow): string {
  const a = addrField(flow.ipVersion);
  const src = a.replace('addr', 'src');
  const dst = a.replace('addr', 'dst');
  const c = flow.client;
  const s = flow.server;
  // ip.addr/tcp.port pairs alone would also match c.ip:s.port <-> s.ip:c.port.
  const there = `${src}==${c.ip} && tcp.srcport==${c.port} && ${dst}==${s.ip} && tcp.dstport==${s.port}`;
  const back = `${src}==${s.ip} && tcp.srcport==${s.port} && ${dst}==${c.ip} && tcp.dstport==${c.port}`;
  let f = `((${there}) || (${back}))`;
  if (flow.vlanKey !== 0) f += ` && vlan.id==${flow.vlanKey & 0xfff}`;
  // The frame range tells apart incarnations of one 4-tuple (a port reused after a close).
  return `${f} && frame.number >= ${flow.firstFrame} && frame.number <= ${flow.lastFrame}`;
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
