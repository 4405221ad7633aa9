// "Did you mean …?": the closest name to a misspelt one, by edit distance.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours
 * each cost 1, so `gtp-5` is one edit from `gpt-5`.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2]! + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** How far a guess may be from a name and still be offered: a third of its length, at least one edit. */
export function closeEnough(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/**
 * The candidate nearest to `name` within `maxDistance` edits, comparing the `key` of each (a folded
 * spelling); ties go to the candidate nearest as written, then to the earlier one. Null when none is near.
 */
export function nearest(
  name: string,
  candidates: readonly string[],
  options: { maxDistance: number; key?: (s: string) => string },
): string | null {
  const key = options.key ?? ((s: string) => s);
  const target = key(name);
  let best: { candidate: string; distance: number; raw: number } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(target, key(candidate));
    if (distance > options.maxDistance || (best && distance > best.distance)) continue;
    const raw = editDistance(name, candidate);
    if (!best || distance < best.distance || raw < best.raw) best = { candidate, distance, raw };
  }
  return best?.candidate ?? null;
}
