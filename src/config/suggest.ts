// Did-you-mean: the closest candidate to a mistyped name, by Damerau-Levenshtein distance (optimal string
// alignment) over names folded for case, spacing and separators. Pure; returns nothing rather than a poor guess.

import { normalizeName } from '../catalogue/normalize-name.js';

/** Edit distance where an adjacent transposition counts as one edit ("Tikcets" -> "Tickets" is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

export interface Candidate<T> {
  /** The spelling compared with the input. */
  spelling: string;
  /** What to suggest when it wins (usually the canonical name). */
  value: T;
}

/**
 * The candidate closest to `input`, if close enough: at most a third of the input's length in edits (and at
 * least 1, at most 4), or the input being a prefix/substring of one single candidate ("Tickets" in a long name).
 */
export function suggest<T>(input: string, candidates: readonly Candidate<T>[]): T | undefined {
  const norm = normalizeName(input);
  if (norm === '') return undefined;
  const limit = Math.min(4, Math.max(1, Math.floor(norm.length / 3)));
  let best: { value: T; distance: number } | undefined;
  let tie = false;
  for (const c of candidates) {
    const distance = editDistance(norm, normalizeName(c.spelling));
    if (!best || distance < best.distance) {
      best = { value: c.value, distance };
      tie = false;
    } else if (distance === best.distance && best.value !== c.value) {
      tie = true;
    }
  }
  if (best && best.distance <= limit && !tie) return best.value;
  if (norm.length >= 4) {
    const containing = [...new Set(candidates.filter((c) => normalizeName(c.spelling).includes(norm)).map((c) => c.value))];
    if (containing.length === 1) return containing[0];
  }
  return undefined;
}

/** Convenience for plain string lists: suggest among the strings themselves. */
export function suggestName(input: string, names: readonly string[]): string | undefined {
  return suggest(input, names.map((n) => ({ spelling: n, value: n })));
}

/** "did you mean 'X'?" or undefined. */
export function didYouMean(suggestion: string | undefined): string | undefined {
  return suggestion === undefined ? undefined : `did you mean '${suggestion}'?`;
}
