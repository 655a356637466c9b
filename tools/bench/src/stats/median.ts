/**
 * The item whose `value` is the median (the lower middle one of an even count): the
 * figure of a run that alternated rounds, so one lucky or unlucky round on this shared
 * machine decides nothing. The whole item is kept, so its figures stay consistent.
 */
export function medianBy<T>(items: readonly T[], value: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => value(a) - value(b));
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (median === undefined) throw new RangeError('no rounds to take the median of');
  return median;
}

/** "isolation" for a single round, "isolation 2/3" when there are several. */
export function roundLabel(name: string, index: number, count: number): string {
  return count > 1 ? `${name} ${index + 1}/${count}` : name;
}
