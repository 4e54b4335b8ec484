// Resolves a Table Setup table to "Category / Name", tolerant of the forms the YAML, vendors and the PSA use:
// a screen id ("12"), "Category / Name" with any spacing, case, "_" for space or ">" for "/", the name alone when
// only one screen has it, or category and name run together. One resolver serves the offline catalogue
// (SETUP_SCREENS) and the live list (GET /system/setupScreens). Pure lookups; did-you-mean is config/suggest.ts.

import { normalizeName } from './normalize-name.js';
import { SETUP_SCREENS } from './setup-screens.js';
import type { SetupScreenEntry } from './types.js';

/** What a screen needs to be found: the PSA's /system/setupScreens row or a catalogue entry. */
export interface ScreenLike {
  id: number;
  category: string;
  name: string;
}

/** "Category / Name": how vendors, the YAML and cwctl's output address a table. */
export function setupScreenKey(entry: Pick<ScreenLike, 'category' | 'name'>): string {
  return `${entry.category} / ${entry.name}`;
}

export interface ScreenIndex<T extends ScreenLike> {
  /** The screen an item names, in any accepted form, or undefined when it names none (or several). */
  find(text: string): T | undefined;
  /** Every screen as "Category / Name", in id order (did-you-mean candidates). */
  keys(): string[];
}

const AMBIGUOUS = Symbol('ambiguous');

export function buildScreenIndex<T extends ScreenLike>(screens: readonly T[]): ScreenIndex<T> {
  const byId = new Map<number, T>();
  const byKey = new Map<string, T | typeof AMBIGUOUS>();
  const byLoose = new Map<string, T | typeof AMBIGUOUS>();
  const put = (map: Map<string, T | typeof AMBIGUOUS>, key: string, screen: T): void => {
    const had = map.get(key);
    map.set(key, had === undefined || had === screen ? screen : AMBIGUOUS);
  };
  for (const screen of screens) {
    if (!byId.has(screen.id)) byId.set(screen.id, screen);
    put(byKey, normalizeName(setupScreenKey(screen)), screen);
    // The name alone, and category and name run together: accepted only where exactly one screen fits.
    put(byLoose, normalizeName(screen.name), screen);
    put(byLoose, normalizeName(`${screen.category} ${screen.name}`), screen);
  }
  const sorted = [...screens].sort((a, b) => a.id - b.id);
  return {
    find(text: string): T | undefined {
      const trimmed = text.trim();
      if (/^\d{1,15}$/.test(trimmed)) return byId.get(Number(trimmed));
      const norm = normalizeName(trimmed);
      const exact = byKey.get(norm);
      if (exact !== undefined) return exact === AMBIGUOUS ? undefined : exact;
      const loose = byLoose.get(norm);
      return loose === undefined || loose === AMBIGUOUS ? undefined : loose;
    },
    keys: () => sorted.map(setupScreenKey),
  };
}

let catalogueIndex: ScreenIndex<SetupScreenEntry> | undefined;
const memo = new Map<string, SetupScreenEntry | undefined>();

/** A table of the built-in catalogue (offline knowledge; the live list wins at plan time). */
export function findSetupScreen(text: string): SetupScreenEntry | undefined {
  if (memo.has(text)) return memo.get(text);
  catalogueIndex ??= buildScreenIndex(SETUP_SCREENS);
  const found = catalogueIndex.find(text);
  if (memo.size < 10_000) memo.set(text, found);
  return found;
}

/** Every catalogue table as "Category / Name", in id order. */
export function listSetupScreenKeys(): string[] {
  catalogueIndex ??= buildScreenIndex(SETUP_SCREENS);
  return catalogueIndex.keys();
}
