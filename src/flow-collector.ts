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
  /** Endpoints per end state, both sides of every connection. */
  readonly endStates = new Uint32Array(STATE_NAMES.length);
  readonly kept: Flow[] = [];

  constructor(private readonly mode: FlowsMode) {}

  flowEnd(flow: Flow): void {
    this.count++;
    this.endStates[flow.client.state]!++;
    this.endStates[flow.server.state]!++;
    if (this.mode !== 'none') this.kept.push(flow);
  }

  /** The kept connections in id order; with `findings`, only those a finding names. */
  listed(findingFlowIds: ReadonlySet<number>): Flow[] {
    const flows = this.mode === 'findings' ? this.kept.filter((f) => findingFlowIds.has(f.id)) : this.kept;
    return flows.sort((a, b) => a.id - b.id);
  }

  endStateCounts(): Partial<Record<TcpStateName, number>> {
    const out: Partial<Record<TcpStateName, number>> = {};
    this.endStates.forEach((n, s) => {
      if (n > 0) out[STATE_NAMES[s]!] = n;
    });
    return out;
  }
}
