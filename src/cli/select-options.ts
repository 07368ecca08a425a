import type { Command } from 'commander';
import { parseAddressSelection, type AddressSelection } from '../select/selection.js';

export interface SelectionFlags {
  host: string[];
  port: string[];
  net: string[];
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** --host, --port, --net: the address selection shared by analyze, flows and timeline. */
export function addSelectionOptions(cmd: Command): Command {
  return cmd
    .option('--host <ip>', 'only connections with this address on either side (repeatable)', collect, [])
    .option('--port <n>', 'only connections with this port on either side (repeatable)', collect, [])
    .option('--net <cidr>', 'only connections with an address in this IPv4 or IPv6 block (repeatable)', collect, []);
}

export function selectionFrom(flags: SelectionFlags): AddressSelection {
  return parseAddressSelection({ host: flags.host, port: flags.port, net: flags.net });
}
