// For every kernel fixture (fixtures/kernel/<name>/capture.pcap + ss.json, the
// kernel's own socket states at capture end), tcpstate's end state of each
// socket's side must equal the kernel's. A socket maps to the flow side whose
// ip:port is its local address and whose peer is its peer address; with
// several incarnations on the tuple, the last one is the socket's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateName } from '../../src/model/tcp-state.js';
import { trackFile } from '../helpers/tracker-run.js';

const ROOT = join(process.cwd(), 'fixtures', 'kernel');

interface Socket {
  local: string;
  peer: string;
  state: string;
}


/** "1.2.3.4:80" or "[::1]:80" / "::1:80" → [ip, port]. */
function split(addr: string): [string, number] {
  const i = addr.lastIndexOf(':');
  return [addr.slice(0, i).replace(/^\[|\]$/g, ''), Number(addr.slice(i + 1))];
}

/**
 * Sockets whose kernel state the capture cannot show (the packet that changed
 * it was dropped before the capture point), listed by the fixture itself in
 * expected.json with the states the observer rule (DESIGN.md §2: a side moves
 * on receipt only when its own reply proves it) allows instead, and why.
 */
interface ObserverLimit {
  local: string;
  peer: string;
  kernel: string;
  observable: string[];
  why: string;
}

function observerLimits(name: string): ObserverLimit[] {
  const expected = JSON.parse(readFileSync(join(ROOT, name, 'expected.json'), 'utf8')) as { observerLimits?: ObserverLimit[] };
  return expected.observerLimits ?? [];
}

/**
 * A side that sent no packet at all is UNKNOWN by design (never invent a
 * state): the kernel may list it CLOSED (no socket) or LISTEN, the capture
 * cannot tell which.
 */
const SILENT = 'UNKNOWN';

const fixtures = existsSync(ROOT)
  ? readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'capture.pcap')) && existsSync(join(ROOT, d, 'ss.json')))
  : [];

describe('kernel fixtures: end state per socket equals the kernel\'s', () => {
  if (fixtures.length === 0) test('fixtures/kernel', (t) => t.skip('no kernel fixtures yet'));
  for (const name of fixtures) {
    test(name, async () => {
      const sockets = JSON.parse(readFileSync(join(ROOT, name, 'ss.json'), 'utf8')) as Socket[];
      const flows = await trackFile(join(ROOT, name, 'capture.pcap'));
      const limits = observerLimits(name);
      const mismatches: string[] = [];
      for (const s of sockets) {
        const [lip, lport] = split(s.local);
        const [pip, pport] = split(s.peer);
        let found: string | undefined;
        let silent = false;
        for (const f of flows) {
          for (const [me, other] of [
            [f.client, f.server],
            [f.server, f.client],
          ] as const) {
            if (me.ip === lip && me.port === lport && other.ip === pip && other.port === pport) {
              found = stateName(me.state);
              silent = me.packets === 0;
            }
          }
        }
        const limit = limits.find((l) => l.local === s.local && l.peer === s.peer);
        const allowed = limit ? limit.observable : [silent ? SILENT : s.state];
        if (found === undefined || !allowed.includes(found)) {
          mismatches.push(`${s.local}→${s.peer}: expected ${allowed.join(' or ')} (kernel ${s.state}), tcpstate ${found ?? 'no flow'}`);
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }
});
