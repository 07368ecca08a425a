import type { TrackerListener } from './model/events.js';
import type { Flow } from './model/flow.js';
import { STATE_NAMES, type TcpStateName } from './model/tcp-state.js';

/** Which connections the report lists (`--flows`): the summary counts them all either way. */
export type FlowsMode = 'none' | 'findings' | 'all';

/**
 * Counts every connection as it ends and keeps only those the report will
 * list, so `--flows none` holds no finished connection in memory.
 */
export class FlowCollector implements TrackerListener {
  count = 0;
  /** Clients and servers per end state. */
  readonly clientStates = new Uint32Array(STATE_NAMES.length);
  readonly serverStates = new Uint32Array(STATE_NAMES.length);
  readonly kept: Flow[] = [];

  constructor(private readonly mode: FlowsMode) {}

  flowEnd(flow: Flow): void {
    this.count++;
    this.clientStates[flow.client.state]!++;
    this.serverStates[flow.server.state]!++;
    if (this.mode !== 'none') this.kept.push(flow);
  }

  /** The kept connections in id order; with `findings`, only those a finding names. */
  listed(findingFlowIds: ReadonlySet<number>): Flow[] {
    const flows = this.mode === 'findings' ? this.kept.filter((f) => findingFlowIds.has(f.id)) : this.kept;
    return flows.sort((a, b) => a.id - b.id);
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
