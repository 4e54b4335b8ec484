// Recognises built-in integration profiles in a live role: the role grants exactly the cells of one profile, or of
// two merged (no more, no fewer), so `profiles: [...]` can stand for its whole grid in the imported YAML.
// Pure; no I/O.
import { mergeProfiles } from '../catalogue/merge-profiles.js';
import { PROFILES } from '../catalogue/profiles/index.js';
import type { FunctionKey, IntegrationProfile, Levels } from '../catalogue/types.js';
import { LEVEL_KINDS } from '../catalogue/types.js';

/** The non-None cells of a grid as "key|kind=level" lines (a canonical set to compare). */
function cellsOf(grid: Readonly<Record<FunctionKey, Levels>>): string {
  const out: string[] = [];
  for (const [key, levels] of Object.entries(grid)) {
    for (const kind of LEVEL_KINDS) if (levels[kind] !== 'None') out.push(`${key}|${kind}=${levels[kind]}`);
  }
  return out.sort().join('\n');
}

interface Candidate {
  profiles: IntegrationProfile[];
  cells: string;
}

function buildCandidates(profiles: readonly IntegrationProfile[]): Candidate[] {
  // Single profiles first: when one profile alone explains the role, that is the smaller YAML.
  const out: Candidate[] = profiles.map((p) => ({ profiles: [p], cells: cellsOf(mergeProfiles([p]).permissions) }));
  for (let i = 0; i < profiles.length; i++) {
    for (let j = i + 1; j < profiles.length; j++) {
      const pair = [profiles[i], profiles[j]] as IntegrationProfile[];
      out.push({ profiles: pair, cells: cellsOf(mergeProfiles(pair).permissions) });
    }
  }
  return out;
}

let builtIn: Candidate[] | undefined;

/** The profiles (one, else two) whose merged grid the role's levels equal exactly; [] when none does. */
export function recogniseProfiles(levels: Readonly<Record<FunctionKey, Levels>>, profiles: readonly IntegrationProfile[] = PROFILES): IntegrationProfile[] {
  const cells = cellsOf(levels);
  if (cells === '') return [];
  const candidates = profiles === PROFILES ? (builtIn ??= buildCandidates(PROFILES)) : buildCandidates(profiles);
  return candidates.find((c) => c.cells === cells)?.profiles ?? [];
}
