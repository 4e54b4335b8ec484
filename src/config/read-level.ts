// Reads a level as written in the YAML. The PSA API knows exactly None, My, All; people also write "all",
// "NONE" or the UI's old wording "Mine". Those are accepted with a warning (`exact: false`); anything else is not.

import type { Level } from '../catalogue/types.js';

export interface ReadLevel {
  readonly level: Level;
  /** Written exactly as the API spells it. */
  readonly exact: boolean;
}

// Shared, frozen answers: a large file reads hundreds of thousands of cells, and a fresh object per cell was
// garbage the collector then had to clear.
const answer = (level: Level, exact: boolean): ReadLevel => Object.freeze({ level, exact });
const EXACT: Readonly<Record<string, ReadLevel>> = { None: answer('None', true), My: answer('My', true), All: answer('All', true) };
const LOOSE = new Map<string, ReadLevel>([
  ['none', answer('None', false)], ['my', answer('My', false)], ['mine', answer('My', false)], ['all', answer('All', false)],
]);

export function readLevel(text: string): ReadLevel | undefined {
  if (text === 'None' || text === 'My' || text === 'All') return EXACT[text];
  return LOOSE.get(text.trim().toLowerCase());
}
