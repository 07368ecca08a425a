import { parseIp } from '../decode/address.js';
import type { SocketAddress } from '../policy/policy.js';

/**
 * "10.0.0.5:8080" or "[2001:db8::1]:443" (the bracket form every tool
 * prints for IPv6); null when the text is neither.
 */
export function parseSocketAddress(text: string): SocketAddress | null {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^([^:[\]]+):(\d{1,5})$/.exec(text);
  if (m === null) return null;
  const port = Number(m[2]);
  if (port > 65535) return null;
  const words = new Uint32Array(4);
  const version = parseIp(m[1]!, words);
  if (version === 0) return null;
  // An IPv4 address in brackets is a typo for the plain form, not a different socket.
  if (version === 4 && text.startsWith('[')) return null;
  return { version: version === 6 ? 6 : 4, words, port };
}
