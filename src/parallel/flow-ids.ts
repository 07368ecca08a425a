/**
 * Numbers the flows of every shard as one tracker would have: ids in order
 * of first packet. Each shard lists its flows' first frames in its own id
 * order (increasing); no two flows start on the same frame, so merging the
 * lists gives every flow its global id. Returns, per shard, globalIds[localId].
 */
export function globalFlowIds(firstFrames: readonly Float64Array[]): Uint32Array[] {
  const maps = firstFrames.map((f) => new Uint32Array(f.length + 1));
  const next = firstFrames.map(() => 0);
  const total = firstFrames.reduce((n, f) => n + f.length, 0);
  for (let id = 1; id <= total; id++) {
    let best = -1;
    for (let s = 0; s < firstFrames.length; s++) {
      const i = next[s]!;
      if (i < firstFrames[s]!.length && (best < 0 || firstFrames[s]![i]! < firstFrames[best]![next[best]!]!)) best = s;
    }
    const i = next[best]!++;
    maps[best]![i + 1] = id;
  }
  return maps;
}
