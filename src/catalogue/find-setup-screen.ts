// Resolves a Table Setup table written as "Category / Name" to its SETUP_SCREENS entry,
// tolerant of case, spacing, "_" for space and ">" for "/". Pure lookup; did-you-mean is config/suggest.ts.

import { normalizeName } from './normalize-name.js';
import { SETUP_SCREENS } from './setup-screens.js';
import type { SetupScreenEntry } from './types.js';

/** "Category / Name": how vendors, the YAML and cwctl's output address a table. */
export function setupScreenKey(entry: Pick<SetupScreenEntry, 'category' | 'name'>): string {
  return `${entry.category} / ${entry.name}`;
}

let byNorm: ReadonlyMap<string, SetupScreenEntry> | undefined;

const memo = new Map<string, SetupScreenEntry | undefined>();

export function findSetupScreen(text: string): SetupScreenEntry | undefined {
  if (memo.has(text)) return memo.get(text);
  byNorm ??= new Map(SETUP_SCREENS.map((e) => [normalizeName(setupScreenKey(e)), e]));
  const found = byNorm.get(normalizeName(text));
  if (memo.size < 10_000) memo.set(text, found);
  return found;
}

/** Every table as "Category / Name", in id order. */
export function listSetupScreenKeys(): string[] {
  return [...SETUP_SCREENS].sort((a, b) => a.id - b.id).map(setupScreenKey);
}
