// "Did you mean": names close to a mistyped one, by edit distance. Used by the rules (connection,
// deployment and tool names) and by the language server's key fixes.

/** Levenshtein distance, giving up (99) when the lengths alone differ by more than `cap`. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The single closest candidate within a small edit distance; none when two tie. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance, tie] = [c, dist, false];
    else if (dist === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}

/**
 * Up to `count` candidates nearest to `word`, nearest first (ties by name): those within a third of the
 * word's length in edits, or that contain it or are contained in it (`aoai` → `my_aoai_connection`).
 */
export function closestNames(word: string, candidates: readonly string[], count = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.ceil(w.length / 3));
  const scored: [string, number][] = [];
  for (const c of new Set(candidates)) {
    const l = c.toLowerCase();
    if (l === w) continue;
    const d = editDistance(w, l, limit);
    const contains = w.length >= 3 && (l.includes(w) || w.includes(l));
    if (d <= limit || contains) scored.push([c, contains ? Math.min(d, limit) : d]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, count)
    .map(([c]) => c);
}
