/** " (did you mean "close-wait-stuck"?)" when one candidate is a plausible typo of `word`, else "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  // A truncated id ("close-wait" for "close-wait-stuck") is the commonest slip.
  const extended = candidates.filter((c) => c.startsWith(word));
  if (word.length >= 3 && extended.length === 1) return ` (did you mean "${extended[0]}"?)`;
  let best = '';
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  // A third of the word may be wrong: "clos-wait-stuk" yes, "reset" for "refused" no.
  return bestDist > 0 && bestDist <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
