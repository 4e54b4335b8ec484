// Did-you-mean: the closest candidate to a mistyped name, by Damerau-Levenshtein distance (optimal string
// alignment) over names folded for case, spacing and separators. Pure; returns nothing rather than a poor guess.
// Bounded work: an input longer than MAX_SUGGEST_INPUT gets no suggestion (a 5-million-character name once built a
// 2.9 GB distance table), each comparison stops as soon as it exceeds the distance that could still be suggested,
// and candidates' folded spellings are computed once per candidate list.

import { normalizeName } from '../catalogue/normalize-name.js';

/** Longest input (in characters) a suggestion is looked for; catalogue names are well under 100. */
export const MAX_SUGGEST_INPUT = 200;

// Three rows reused across calls (suggest compares one input with hundreds of catalogue spellings).
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Edit distance where an adjacent transposition counts as one edit ("Tikcets" -> "Tickets" is 1). With `max`,
 * only the diagonal band |i - j| <= max is computed and the answer is max + 1 as soon as the distance is known
 * to exceed `max`: O(length x max) time, three rows of memory, never a full table.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (rows[0].length < cols + 1) rows = [new Int32Array(cols + 1), new Int32Array(cols + 1), new Int32Array(cols + 1)];
  let [before, previous, current] = rows; // rows i - 2, i - 1, i
  const band = Number.isFinite(max) ? max : a.length + cols;
  const outside = Number.isFinite(max) ? max + 1 : 0x3fffffff;
  for (let j = 0; j < cols; j++) previous[j] = j <= band ? j : outside;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(b.length, i + band);
    current[from - 1] = from === 1 ? i : outside;
    let rowBest = current[from - 1]!;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
      if (best < rowBest) rowBest = best;
    }
    if (to + 1 < cols) current[to + 1] = outside;
    // Every later row's cells are at least this row's smallest: nothing below can come back under max.
    if (rowBest > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}

export interface Candidate<T> {
  /** The spelling compared with the input. */
  spelling: string;
  /** What to suggest when it wins (usually the canonical name). */
  value: T;
}

// Folded spellings per candidate list (the catalogue's lists are built once and asked thousands of times).
const folded = new WeakMap<readonly Candidate<unknown>[], string[]>();

function foldedSpellings(candidates: readonly Candidate<unknown>[]): string[] {
  let out = folded.get(candidates);
  if (!out) {
    out = candidates.map((c) => normalizeName(c.spelling));
    folded.set(candidates, out);
  }
  return out;
}

/**
 * The candidate closest to `input`, if close enough: at most a third of the input's length in edits (and at
 * least 1, at most 4), or the input being a prefix/substring of one single candidate ("Tickets" in a long name).
 */
export function suggest<T>(input: string, candidates: readonly Candidate<T>[]): T | undefined {
  if (input.length > MAX_SUGGEST_INPUT) return undefined;
  const norm = normalizeName(input);
  if (norm === '') return undefined;
  const limit = Math.min(4, Math.max(1, Math.floor(norm.length / 3)));
  const spellings = foldedSpellings(candidates);
  let best: { value: T; distance: number } | undefined;
  let tie = false;
  for (const [i, c] of candidates.entries()) {
    // Only distances up to the limit matter (a tie beyond it suggests nothing either way).
    const distance = editDistance(norm, spellings[i]!, limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance) {
      best = { value: c.value, distance };
      tie = false;
    } else if (distance === best.distance && best.value !== c.value) {
      tie = true;
    }
  }
  if (best && !tie) return best.value;
  if (norm.length >= 4) {
    const containing = new Set<T>();
    for (const [i, c] of candidates.entries()) if (spellings[i]!.includes(norm)) containing.add(c.value);
    if (containing.size === 1) return [...containing][0];
  }
  return undefined;
}

/** Convenience for plain string lists: suggest among the strings themselves. */
export function suggestName(input: string, names: Iterable<string>): string | undefined {
  return suggest(input, Array.from(names, (n) => ({ spelling: n, value: n })));
}

/** "did you mean 'X'?" or undefined. */
export function didYouMean(suggestion: string | undefined): string | undefined {
  return suggestion === undefined ? undefined : `did you mean '${suggestion}'?`;
}
