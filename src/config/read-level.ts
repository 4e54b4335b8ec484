// Reads a level as written in the YAML. The PSA API knows exactly None, My, All; people also write "all",
// "NONE" or the UI's old wording "Mine". Those are accepted with a warning (`exact: false`); anything else is not.

import type { Level } from '../catalogue/types.js';

export interface ReadLevel {
  level: Level;
  /** Written exactly as the API spells it. */
  exact: boolean;
}

const LOOSE: Readonly<Record<string, Level>> = { none: 'None', my: 'My', mine: 'My', all: 'All' };

export function readLevel(text: string): ReadLevel | undefined {
  if (text === 'None' || text === 'My' || text === 'All') return { level: text, exact: true };
  const loose = LOOSE[text.trim().toLowerCase()];
  return loose ? { level: loose, exact: false } : undefined;
}
