import type { Flow } from '../model/flow.js';

/** The two ends of a connection seen from one of them ("this side" and its peer). */
export function sideOf<E>(flow: { client: E; server: E }, client: boolean): E {
  return client ? flow.client : flow.server;
}

export function peerOf<E>(flow: { client: E; server: E }, client: boolean): E {
  return client ? flow.server : flow.client;
}

/** "client" or "server": how messages name a side. */
export function role(client: boolean): string {
  return client ? 'client' : 'server';
}

/** "ip|port" key of a destination, for per-service aggregates (one string per flow, never per packet). */
export function serviceKey(ip: string, port: number): string {
  return `${ip}|${port}`;
}

/** Key of the 4-tuple (plus VLAN/tunnel), the same whichever side is the client. */
export function tupleKey(flow: Flow): string {
  const a = `${flow.client.ip}|${flow.client.port}`;
  const b = `${flow.server.ip}|${flow.server.port}`;
  return `${a < b ? a : b}|${a < b ? b : a}|${flow.vlanKey}|${flow.tunnelKey}`;
}
