import type { Endpoint, Flow, Transition } from '../model/flow.js';
import type { TcpState } from '../model/tcp-state.js';

/**
 * A state still held when the capture ends but shorter than its threshold is
 * reported as info only from this long on: below it the capture simply
 * stopped mid-teardown, which says nothing.
 */
export const INFO_MIN_SECONDS = 1;

/** The endpoint's last change into `to`, if any (a handful of transitions per endpoint). */
export function lastTransitionTo(e: Endpoint, to: TcpState): Transition | undefined {
  if (e.reached !== undefined && (e.reached & (1 << to)) === 0) return undefined;
  if (e.lastTransitionTo !== undefined) return e.lastTransitionTo(to);
  const ts = e.transitions;
  for (let i = ts.length - 1; i >= 0; i--) if (ts[i]!.to === to) return ts[i];
  return undefined;
}

/** Whether the endpoint ever entered `state`. */
export function everIn(e: Endpoint, state: TcpState): boolean {
  if (e.reached !== undefined) return (e.reached & (1 << state)) !== 0;
  return e.transitions.some((t) => t.to === state);
}

/**
 * Bits (1 << state) of every state either side of the flow entered: a cheap
 * test at flowEnd for flows a detector can have no notes on, before a lookup
 * in a map that may hold every connection of the last 2·MSL.
 */
export function reachedByFlow(flow: Flow): number {
  return reachedBits(flow.client) | reachedBits(flow.server);
}

function reachedBits(e: Endpoint): number {
  if (e.reached !== undefined) return e.reached;
  let bits = 0;
  for (const t of e.transitions) bits |= 1 << t.to;
  return bits;
}
