// Recognises integration profiles (and their tiers, "rewst:actions") in a live role: the role grants exactly the
// cells of one profile, or of two merged (no more, no fewer), so `profiles: [...]` can stand for its whole grid in
// the imported YAML. Profiles are compared in canonical keys (findProfile), so a vendor's known alias matches.
// Pure; no I/O.
import { mergeProfiles } from '../catalogue/merge-profiles.js';
import { allProfiles, findProfile } from '../catalogue/profiles/index.js';
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

/** Every profile and every tier of one, in canonical keys: what a role may be recognised as. */
export function recognisableProfiles(): IntegrationProfile[] {
  const out: IntegrationProfile[] = [];
  for (const p of allProfiles()) {
    for (const ref of [p.name, ...(p.tiers ?? []).map((t) => `${p.name}:${t.name}`)]) {
      const found = findProfile(ref);
      if (found) out.push(found);
    }
  }
  return out;
}

let known: { from: readonly IntegrationProfile[]; candidates: Candidate[] } | undefined;

/** The profiles (one, else two) whose merged grid the role's levels equal exactly; [] when none does. */
export function recogniseProfiles(levels: Readonly<Record<FunctionKey, Levels>>, profiles?: readonly IntegrationProfile[]): IntegrationProfile[] {
  const cells = cellsOf(levels);
  if (cells === '') return [];
  let candidates: Candidate[];
  if (profiles) candidates = buildCandidates(profiles);
  else {
    // Built once per set of profiles (the user's own may change it between runs in one process).
    const from = allProfiles();
    if (known?.from !== from) known = { from, candidates: buildCandidates(recognisableProfiles()) };
    candidates = known.candidates;
  }
  return candidates.find((c) => c.cells === cells)?.profiles ?? [];
}
