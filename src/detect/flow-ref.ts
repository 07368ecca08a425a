import type { Flow, FlowRef } from '../model/flow.js';

/** The ended flow's id and its sides' addresses, as a finding will name them (roles no longer change). */
export function flowRef(flow: Flow): FlowRef {
  return { id: flow.id, client: { ip: flow.client.ip, port: flow.client.port }, server: { ip: flow.server.ip, port: flow.server.port } };
}
