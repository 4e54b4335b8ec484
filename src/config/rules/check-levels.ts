// Rule: every level is None, My or All (loose spellings such as "all" or the UI's "Mine" pass with a warning), and
// the function offers that level in that column (reports offer only Inquire; setup functions have no "My").
// Offers come from cwctl's catalogue, a guess: a level it believes is not offered is a warning, and plan checks it
// against what the live PSA offers (resolve-live-catalogue.ts).

import { findFunction } from '../../catalogue/find-function.js';
import type { FunctionLookup } from '../../catalogue/find-function.js';
import { LEVEL_KINDS } from '../../catalogue/types.js';
import type { LevelKind } from '../../catalogue/types.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { RoleFile } from '../../model/desired.js';
import { at } from '../loaded-config.js';
import type { LoadedConfig, Sourced } from '../loaded-config.js';
import { readLevel } from '../read-level.js';
import type { ReadLevel } from '../read-level.js';
import { didYouMean, suggestName } from '../suggest.js';

const COLUMN_WORDS = { add: 'Add', edit: 'Edit', delete: 'Delete', inquire: 'Inquire' } as const;

// One pass over every cell, allocating only for a message: a large file has hundreds of thousands of cells and
// almost no messages, so nothing is built per role, function or cell on the way (no entries arrays, no closures).
export function checkLevels(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const role of config.roles) {
    const permissions = role.value.permissions;
    if (!permissions) continue;
    for (const written in permissions) {
      const levels = permissions[written]!;
      let found: FunctionLookup | undefined;
      for (const kind of LEVEL_KINDS) {
        const text = levels[kind];
        if (text === undefined) continue;
        const read = readLevel(text);
        if (read?.exact === true) {
          found ??= findFunction(written);
          // check-function-names reports a function it does not find.
          if (found.kind !== 'found' || found.ref.function.offers[kind].includes(read.level)) continue;
        }
        out.push(...cellProblems(role, written, kind, text, read, found ?? findFunction(written)));
      }
    }
  }
  return out;
}

/** The messages of one cell that has something to say (its position looked up only here). */
function cellProblems(role: Sourced<RoleFile>, written: string, kind: LevelKind, text: string, read: ReadLevel | undefined, found: FunctionLookup): Diagnostic[] {
  const source = at(role, 'permissions', written, kind);
  if (!read) {
    const hint = didYouMean(suggestName(text, ['None', 'My', 'All']));
    return [{
      severity: 'error',
      code: 'unknown-level',
      summary: `role '${role.value.name}': '${written}'.${kind}: unknown level '${text}' (expected None, My or All)`,
      ...(hint ? { hint } : {}),
      source,
    }];
  }
  const out: Diagnostic[] = [];
  if (!read.exact) {
    out.push({
      severity: 'warning',
      code: 'level-spelling',
      summary: `role '${role.value.name}': '${written}'.${kind}: '${text}' read as '${read.level}'`,
      hint: text.trim().toLowerCase() === 'mine'
        ? `'Mine' is the screen's old wording; the PSA API's value is 'My': write My`
        : `write '${read.level}' as the PSA API spells it`,
      source,
    });
  }
  if (found.kind !== 'found') return out; // check-function-names reports it
  const offered = found.ref.function.offers[kind];
  if (!offered.includes(read.level)) {
    const only = offered.length === 1;
    out.push({
      severity: 'warning',
      code: 'level-not-offered',
      summary: only
        ? `role '${role.value.name}': cwctl's catalogue believes ${found.ref.key} has no ${COLUMN_WORDS[kind]} level (only None)`
        : `role '${role.value.name}': cwctl's catalogue believes ${found.ref.key} offers ${offered.join(', ')} for ${COLUMN_WORDS[kind]}, not ${read.level}`,
      hint: `${read.level === 'My'
        ? 'plan checks My against the PSA (its myAllFlag)'
        : 'the PSA API does not say which columns a function offers, so only its screen can tell (the catalogue may be wrong)'}; if the PSA does not offer it, ${only ? `remove ${kind}: ${text}` : `use ${offered.filter((l) => l !== 'None').join(' or ')}`}`,
      source,
    });
  }
  return out;
}
