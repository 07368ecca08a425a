import { createDetectors } from '../detect/registry.js';
import { DEFAULT_THRESHOLDS } from '../detect/thresholds.js';

let ids: readonly string[] | undefined;

/**
 * Every finding id tcpstate can raise, in registry order. Taken from the
 * registry itself, so a new detector is known to the gate, the config
 * validator and the JUnit report without a second list to keep in step.
 */
export function findingIds(): readonly string[] {
  ids ??= Object.freeze(createDetectors(DEFAULT_THRESHOLDS).map((d) => d.id));
  return ids;
}

export function isFindingId(id: string): boolean {
  return findingIds().includes(id);
}
