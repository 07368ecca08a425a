import { parseIp } from '../decode/address.js';
import type { EndpointRef, Finding } from '../model/report.js';
import { netContains } from '../select/ip-net.js';
import type { AllowRule, AllowSelector, SocketAddress } from './policy.js';

/** The first rule that allows this finding, if any (config order: the first entry wins). */
export function allowingRule(rules: readonly AllowRule[], finding: Finding): AllowRule | undefined {
  return rules.find((r) => r.finding === finding.id && selects(r.selector, finding));
}

function selects(sel: AllowSelector, f: Finding): boolean {
  switch (sel.kind) {
    case 'service':
      return sameSocket(sel.address, f.service ?? f.endpoint);
    case 'endpoint':
      return sameSocket(sel.address, f.endpoint);
    case 'cidr':
      return [f.endpoint, f.service].some((e) => {
        if (e === undefined) return false;
        const words = new Uint32Array(4);
        const version = parseIp(e.ip, words);
        return version !== 0 && netContains(sel.net, version, words);
      });
  }
}

function sameSocket(a: SocketAddress, e: EndpointRef): boolean {
  if (e.port !== a.port) return false;
  const words = new Uint32Array(4);
  if (parseIp(e.ip, words) !== a.version) return false;
  return words.every((w, i) => w === a.words[i]);
}

/** "service 10.0.0.5:8080": how an entry is named in outputs. */
export function describeSelector(sel: AllowSelector): string {
  return `${sel.kind} ${sel.text}`;
}
