import type { Endpoint, Transition } from '../model/flow.js';
import type { TcpState } from '../model/tcp-state.js';

/**
 * A state still held when the capture ends but shorter than its threshold is
 * reported as info only from this long on: below it the capture simply
 * stopped mid-teardown, which says nothing.
 */
export const INFO_MIN_SECONDS = 1;

/** The endpoint's last change into `to`, if any (a handful of transitions per endpoint). */
export function lastTransitionTo(e: Endpoint, to: TcpState): Transition | undefined {
  for (let i = e.transitions.length - 1; i >= 0; i--) if (e.transitions[i]!.to === to) return e.transitions[i];
  return undefined;
}
