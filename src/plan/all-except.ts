// The list a role wants for one Customize list: as written, or, for a list written as "all except"
// (`tableSetup: {allExcept: [...]}`), every item the live PSA offers but the exceptions. Pure.
// Kept out of diff.ts so the diff stays one comparison; fails closed: with no live list to start from, an
// "all except" list of configuration types grants nothing rather than guessing.
import { findSetupScreen, listSetupScreenKeys, setupScreenKey } from '../catalogue/find-setup-screen.js';
import { normalizeName } from '../catalogue/normalize-name.js';
import type { CustomizeIdentifier } from '../catalogue/types.js';
import type { DesiredRole } from '../model/desired.js';
import type { LiveState } from '../model/live.js';

/** One spelling per item, so "company/company status" and "Company / Company Status" compare equal. */
function foldItem(list: CustomizeIdentifier, item: string): string {
  if (list === 'SystemTableSetup') {
    const screen = findSetupScreen(item);
    if (screen) return normalizeName(setupScreenKey(screen));
  }
  return normalizeName(item);
}

export function desiredCustomizeList(role: DesiredRole, list: CustomizeIdentifier, live: Pick<LiveState, 'customizeChoices'>): string[] {
  const written = role.customize[list] ?? [];
  const except = role.customizeAllExcept?.[list];
  if (!except) return written;
  // The PSA's own list; offline (unit tests, a client that did not read it) the catalogue's tables stand in.
  const choices = live.customizeChoices?.[list] ?? (list === 'SystemTableSetup' ? listSetupScreenKeys() : []);
  const excluded = new Set(except.map((item) => foldItem(list, item)));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of [...choices, ...written]) {
    const folded = foldItem(list, item);
    if (excluded.has(folded) || seen.has(folded)) continue;
    seen.add(folded);
    out.push(item);
  }
  return out;
}
