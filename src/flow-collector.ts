import { keepFlow, type TrackerListener } from './model/events.js';
import type { Flow } from './model/flow.js';
import { STATE_NAMES, type TcpStateName } from './model/tcp-state.js';

/** Which connections the report lists (`--flows`): the summary counts them all either way. */
export type FlowsMode = 'none' | 'findings' | 'all';

/**
 * Counts every connection as it ends and, when asked to, keeps them for the
 * report's flows (only `--flows all` without a spill file: the others keep
 * none, or spill and read back those the findings name).
 */
export class FlowCollector implements TrackerListener {
  readonly marksKept = true;
  count = 0;
  /** Clients and servers per end state. */
  readonly clientStates = new Uint32Array(STATE_NAMES.length);
  readonly serverStates = new Uint32Array(STATE_NAMES.length);
  readonly kept: Flow[] = [];

  constructor(private readonly keep: boolean) {}

  flowEnd(flow: Flow): void {
    this.count++;
    this.clientStates[flow.client.state]!++;
    this.serverStates[flow.server.state]!++;
    if (this.keep) {
      keepFlow(flow);
      this.kept.push(flow);
    }
  }

  /** The kept connections in id order. */
  listed(): Flow[] {
    return this.kept.sort((a, b) => a.id - b.id);
  }

  /** Endpoints per end state, both sides of every connection. */
  endStateCounts(): StateCounts {
    return stateCounts([this.clientStates, this.serverStates]);
  }

  bySide(): { client: StateCounts; server: StateCounts } {
    return { client: stateCounts([this.clientStates]), server: stateCounts([this.serverStates]) };
  }
}

type StateCounts = Partial<Record<TcpStateName, number>>;

/** Sums of per-state counters (TcpState index), by state name, states with none left out. */
export function stateCounts(parts: readonly Uint32Array[]): StateCounts {
  const out: StateCounts = {};
  STATE_NAMES.forEach((name, s) => {
    const n = parts.reduce((a, c) => a + c[s]!, 0);
    if (n > 0) out[name] = n;
  });
  return out;
}
