import type { Flow } from '../model/flow.js';

/**
 * A small integer a detector keeps on the flow itself instead of in a
 * Map<Flow, …> entry: the bits of `flow.watch` above the watch bits. The
 * tracker only tests `watch & watchBit` (WatchBit values, all below
 * TAG_SHIFT), so a tag never makes it deliver a segment. One owner: only
 * syn-flood uses it (its destination, for every connection's first SYN until
 * the flow ends). Tags stay below 2^(30 - TAG_SHIFT) so that `watch` remains
 * a small integer (Smi) and the field keeps its representation.
 */
const TAG_SHIFT = 8;
const LOW = (1 << TAG_SHIFT) - 1;
/** Largest tag: larger values must be kept elsewhere. */
export const MAX_FLOW_TAG = (1 << (30 - TAG_SHIFT)) - 1;

/** The flow's tag, 0 if none. */
export function flowTag(flow: Flow): number {
  return (flow.watch ?? 0) >>> TAG_SHIFT;
}

/** Sets the tag (0 ≤ tag ≤ MAX_FLOW_TAG; 0 clears it), leaving the watch bits as they are. */
export function setFlowTag(flow: Flow, tag: number): void {
  flow.watch = ((flow.watch ?? 0) & LOW) | (tag << TAG_SHIFT);
}
