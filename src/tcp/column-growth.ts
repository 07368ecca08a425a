/**
 * Doubles while small (few copies); grows by half once large, where the
 * unused tail would be hundreds of MB at a million connections.
 */
export function nextCapacity(cap: number, min: number): number {
  if (cap < min) return min;
  return cap < 1 << 18 ? cap * 2 : Math.ceil(cap * 1.5);
}
