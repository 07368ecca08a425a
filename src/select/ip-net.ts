import { parseIp } from '../decode/address.js';
import { UsageError } from '../errors.js';

/**
 * An address or a CIDR block as the decoder stores addresses: big-endian
 * 32-bit words, IPv4 in word 0. `net` holds the address already masked.
 */
export interface IpNet {
  version: 4 | 6;
  prefix: number;
  net: Uint32Array;
  mask: Uint32Array;
  /** As the user wrote it, for messages. */
  text: string;
}

/** "10.1.2.3", "2001:db8::1" (a single host) or "10.0.0.0/8", "2001:db8::/32". */
export function parseIpNet(text: string, what = 'address'): IpNet {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const words = new Uint32Array(4);
  const version = parseIp(addrText, words);
  if (version === 0) throw new UsageError(`${what} ${JSON.stringify(text)}: not an IPv4 or IPv6 address`);
  const bits = version === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) {
      throw new UsageError(`${what} ${JSON.stringify(text)}: prefix length must be 0 to ${bits}`);
    }
    prefix = Number(p);
  }
  const mask = new Uint32Array(4);
  for (let i = 0; i < bits / 32; i++) {
    const n = Math.max(0, Math.min(32, prefix - i * 32));
    mask[i] = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  }
  const net = new Uint32Array(4);
  for (let i = 0; i < 4; i++) net[i] = (words[i]! & mask[i]!) >>> 0;
  return { version: version === 6 ? 6 : 4, prefix, net, mask, text };
}

/** Whether an address (words as the decoder fills them) lies in the block. */
export function netContains(n: IpNet, version: number, words: Uint32Array): boolean {
  if (version !== n.version) return false;
  if (((words[0]! & n.mask[0]!) >>> 0) !== n.net[0]) return false;
  if (version === 4) return true;
  return (
    ((words[1]! & n.mask[1]!) >>> 0) === n.net[1] &&
    ((words[2]! & n.mask[2]!) >>> 0) === n.net[2] &&
    ((words[3]! & n.mask[3]!) >>> 0) === n.net[3]
  );
}
