// Recognises a built-in integration profile in a live role: the role grants exactly the profile's cells (no more,
// no fewer), so `profiles: [name]` can stand for its whole grid in the imported YAML. Pure; no I/O.
import { mergeProfiles } from '../catalogue/merge-profiles.js';
import { PROFILES } from '../catalogue/profiles/index.js';
import type { FunctionKey, IntegrationProfile, Levels } from '../catalogue/types.js';
import { LEVEL_KINDS } from '../catalogue/types.js';

/** The non-None cells of a grid as "key|kind=level" strings (a canonical set to compare). */
function cellsOf(grid: Readonly<Record<FunctionKey, Levels>>): string[] {
  const out: string[] = [];
  for (const [key, levels] of Object.entries(grid)) {
    for (const kind of LEVEL_KINDS) if (levels[kind] !== 'None') out.push(`${key}|${kind}=${levels[kind]}`);
  }
  return out.sort();
}

let profileCells: { profile: IntegrationProfile; cells: string }[] | undefined;

/** The profile whose grid the role's levels equal exactly, if any (an empty role matches none). */
export function recogniseProfile(levels: Readonly<Record<FunctionKey, Levels>>, profiles: readonly IntegrationProfile[] = PROFILES): IntegrationProfile | undefined {
  const cells = cellsOf(levels);
  if (cells.length === 0) return undefined;
  const table = profiles === PROFILES
    ? (profileCells ??= PROFILES.map((profile) => ({ profile, cells: cellsOf(mergeProfiles([profile]).permissions).join('\n') })))
    : profiles.map((profile) => ({ profile, cells: cellsOf(mergeProfiles([profile]).permissions).join('\n') }));
  const key = cells.join('\n');
  return table.find((p) => p.cells === key)?.profile;
}
