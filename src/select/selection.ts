import { UsageError } from '../errors.js';
import { parseIpNet, type IpNet } from './ip-net.js';

/**
 * Which connections to look at, by address. Values of one option are
 * alternatives (`--port 80 --port 443`); different options must all hold
 * (`--host A --port 80`). Every test is on either side of the connection,
 * so a connection is selected or dropped whole, never one direction of it.
 */
export interface AddressSelection {
  hosts: IpNet[];
  nets: IpNet[];
  ports: number[];
}

export interface SelectionInput {
  host?: string[];
  net?: string[];
  port?: string[];
}

export function parseAddressSelection(input: SelectionInput): AddressSelection {
  return {
    hosts: (input.host ?? []).map((h) => {
      if (h.includes('/')) throw new UsageError(`--host ${h}: a single address; use --net for a block`);
      return parseIpNet(h, '--host');
    }),
    nets: (input.net ?? []).map((n) => parseIpNet(n, '--net')),
    ports: (input.port ?? []).map(parsePort),
  };
}

export function isEmptySelection(s: AddressSelection): boolean {
  return s.hosts.length === 0 && s.nets.length === 0 && s.ports.length === 0;
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port ${JSON.stringify(text)}: a port number is 0 to 65535`);
  }
  return Number(text);
}
