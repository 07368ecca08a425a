/**
 * Wireshark display filters for evidence. Set membership with ranges
 * (`frame.number in {12 15..18 40}`) is valid display-filter syntax since
 * Wireshark 3.x; members are separated by spaces, which every version accepts.
 */

/** Runs of at least this many consecutive frames are written as a range. */
const MIN_RANGE = 3;

/** A filter matching exactly these frames ("" for none: an empty set does not parse). */
export function framesFilter(frames: readonly number[]): string {
  const sorted = [...new Set(frames)].filter((f) => Number.isInteger(f) && f > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return '';
  if (sorted.length === 1) return `frame.number == ${sorted[0]}`;
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i + 1 >= MIN_RANGE) parts.push(`${sorted[i]}..${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return `frame.number in {${parts.join(' ')}}`;
}
