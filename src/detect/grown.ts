/** `fresh` (a larger typed array) holding `old`'s values: the one copy a growing column makes. */
export function grown<T extends { set(a: T): void }>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}
