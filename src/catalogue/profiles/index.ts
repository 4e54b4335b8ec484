// The integration profiles (built-in: one file each, listed in built-in.ts; the user's own: registered from a
// `profiles/` folder) and their lookup by name, title, alias or `name:tier`. Lookups return a profile whose
// rows use the catalogue's spelling where the catalogue knows the function, and the vendor's words otherwise.
// Data and lookups only: merging several profiles on one role is merge-profiles.ts.

import { findFunction } from '../find-function.js';
import { higherLevel } from '../merge-profiles.js';
import { normalizeName } from '../normalize-name.js';
import { LEVEL_KINDS } from '../types.js';
import type { IntegrationProfile, Levels, ProfileRows, ProfileTier } from '../types.js';
import { BUILT_IN_PROFILES, PROFILE_ALIASES } from './built-in.js';

/** The built-in profiles, in the order `profiles list` shows them. */
export const PROFILES: readonly IntegrationProfile[] = BUILT_IN_PROFILES;

let userProfiles: readonly IntegrationProfile[] = [];
let combined: readonly IntegrationProfile[] | undefined;
let byName: ReadonlyMap<string, IntegrationProfile> | undefined;
const resolved = new Map<string, IntegrationProfile | undefined>();

/**
 * Makes the user's own profiles (from the `profiles/` folder beside the YAML) visible to every lookup. A user
 * profile with a built-in's name replaces it: the user's file is the one they can read and change.
 */
export function useUserProfiles(profiles: readonly IntegrationProfile[]): void {
  userProfiles = profiles;
  combined = undefined;
  byName = undefined;
  resolved.clear();
}

/** Every profile a lookup can find: the user's first, then the built-ins they do not replace. */
export function allProfiles(): readonly IntegrationProfile[] {
  if (userProfiles.length === 0) return PROFILES;
  // The same array until the user's profiles change: callers cache what they derive from it by identity.
  if (!combined) {
    const own = new Set(userProfiles.map((p) => normalizeName(p.name)));
    combined = [...userProfiles, ...PROFILES.filter((p) => !own.has(normalizeName(p.name)))];
  }
  return combined;
}

function profileIndex(): ReadonlyMap<string, IntegrationProfile> {
  if (byName) return byName;
  const index = new Map<string, IntegrationProfile>();
  const profiles = allProfiles();
  for (const p of profiles) {
    if (!index.has(normalizeName(p.name))) index.set(normalizeName(p.name), p);
  }
  for (const p of profiles) if (!index.has(normalizeName(p.title))) index.set(normalizeName(p.title), p);
  for (const [alias, name] of Object.entries(PROFILE_ALIASES)) {
    const profile = index.get(normalizeName(name));
    if (profile && !index.has(normalizeName(alias))) index.set(normalizeName(alias), profile);
  }
  byName = index;
  return index;
}

/** A row key in the catalogue's spelling when the catalogue knows the function; else the vendor's words. */
export function canonicalRowKey(written: string): string {
  const found = findFunction(written);
  return found.kind === 'found' ? found.ref.key : written;
}

function canonicalRows(rows: ProfileRows | undefined): Record<string, Partial<Levels>> {
  const out: Record<string, Partial<Levels>> = {};
  for (const [key, levels] of Object.entries(rows ?? {})) {
    const canonical = canonicalRowKey(key);
    out[canonical] = { ...(out[canonical] ?? {}), ...levels };
  }
  return out;
}

/** Splits "rewst:actions" into the profile's name and the tier's. */
export function splitProfileRef(ref: string): { name: string; tier?: string } {
  const at = ref.lastIndexOf(':');
  if (at <= 0) return { name: ref };
  return { name: ref.slice(0, at), tier: ref.slice(at + 1) };
}

/** The tier of a profile by name (folded), or undefined. */
export function findTier(profile: IntegrationProfile, tier: string): ProfileTier | 'base' | undefined {
  const wanted = normalizeName(tier);
  if (profile.baseTier && normalizeName(profile.baseTier) === wanted) return 'base';
  return profile.tiers?.find((t) => normalizeName(t.name) === wanted);
}

/** Base rows and a tier's rows, cell by cell at the higher level (a tier only ever adds). */
function mergeRows(base: ProfileRows, extra: ProfileRows): Record<string, Partial<Levels>> {
  const out: Record<string, Partial<Levels>> = { ...base };
  for (const [key, levels] of Object.entries(extra)) {
    const cell: Partial<Levels> = { ...(out[key] ?? {}) };
    for (const kind of LEVEL_KINDS) {
      const wanted = levels[kind];
      if (wanted) cell[kind] = higherLevel(cell[kind] ?? 'None', wanted);
    }
    out[key] = cell;
  }
  return out;
}

/** The profile with one tier selected: base rows plus the tier's, its name "profile:tier". */
function withTier(profile: IntegrationProfile, tier: ProfileTier): IntegrationProfile {
  const customize: Record<string, readonly string[]> = { ...profile.customize };
  for (const [id, list] of Object.entries(tier.customize ?? {})) customize[id] = [...new Set([...(customize[id] ?? []), ...list])];
  return {
    ...profile,
    name: `${profile.name}:${tier.name}`,
    title: `${profile.title} (${tier.title})`,
    permissions: mergeRows(profile.permissions, tier.permissions),
    customize,
    notes: [...(profile.notes ?? []), ...(tier.notes ?? [])],
  };
}

function canonical(profile: IntegrationProfile): IntegrationProfile {
  const tiers = profile.tiers?.map((t) => ({ ...t, permissions: canonicalRows(t.permissions) }));
  return {
    ...profile,
    permissions: canonicalRows(profile.permissions),
    ...(profile.optional ? { optional: canonicalRows(profile.optional) } : {}),
    ...(tiers ? { tiers } : {}),
  };
}

/**
 * A profile by name, title or alias, tolerant of case and spacing ("BrightGauge", "Datto RMM", "datto"), or a
 * tier of one ("rewst:actions", "manageengine-endpoint-central:asset-sync"). Rows come back in canonical keys.
 */
export function findProfile(ref: string): IntegrationProfile | undefined {
  if (resolved.has(ref)) return resolved.get(ref);
  const { name, tier } = splitProfileRef(ref);
  const found = profileIndex().get(normalizeName(name)) ?? (tier === undefined ? undefined : profileIndex().get(normalizeName(ref)));
  let result: IntegrationProfile | undefined;
  if (found && (tier === undefined || profileIndex().get(normalizeName(ref)) === found)) result = canonical(found);
  else if (found && tier !== undefined) {
    const selected = findTier(found, tier);
    if (selected === 'base') result = canonical({ ...found, name: `${found.name}:${tier}` });
    else if (selected) result = canonical(withTier(found, selected));
  }
  if (resolved.size < 1_000) resolved.set(ref, result);
  return result;
}

/** Every name a role may write: each profile, and each of its tiers as "profile:tier". */
export function listProfileNames(): string[] {
  const out: string[] = [];
  for (const p of allProfiles()) {
    out.push(p.name);
    if (p.baseTier) out.push(`${p.name}:${p.baseTier}`);
    for (const t of p.tiers ?? []) out.push(`${p.name}:${t.name}`);
  }
  return out;
}
