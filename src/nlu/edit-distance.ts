/**
 * Optimal-string-alignment Damerau-Levenshtein distance (adjacent transpositions count 1),
 * with an early exit once every cell of a row exceeds `max`.
 */
// Bound once: a global lookup per cell is slow in a vm context (jest); see softmax-regression.ts.
const { abs, min } = Math;
const INFINITY = Infinity;

export function damerauLevenshtein(a: string, b: string, max = INFINITY): number {
  if (a === b) return 0;
  if (abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** Allowed typo distance for a word of this length: none under 4 letters, 1 up to 6, else 2. */
export function allowedTypoDistance(length: number): number {
  if (length < 4) return 0;
  return length <= 6 ? 1 : 2;
}
