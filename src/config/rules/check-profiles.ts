// Rule: every profile a role names is a known integration profile (built-in or the user's own), or one of its
// tiers ("rewst:actions"), with a did-you-mean otherwise; a profile named twice in one role is a warning.
// A profile row the built-in catalogue does not know (a vendor's spelling of a function, a level the catalogue
// believes is not offered, a Table Setup table it lacks) is a warning, never an error: the vendor's page and the
// live PSA are the authority, and plan checks those rows against the PSA.

import { findFunction } from '../../catalogue/find-function.js';
import { findSetupScreen } from '../../catalogue/find-setup-screen.js';
import { allProfiles, findProfile, listProfileNames, splitProfileRef } from '../../catalogue/profiles/index.js';
import { LEVEL_KINDS } from '../../catalogue/types.js';
import type { IntegrationProfile } from '../../catalogue/types.js';
import type { Diagnostic, SourceSpan } from '../../model/diagnostic.js';
import { at } from '../loaded-config.js';
import type { LoadedConfig } from '../loaded-config.js';
import { didYouMean, suggestName } from '../suggest.js';

/** Why a profile name did not resolve: no such profile, or no such tier of a known one. */
function unknownProfileHint(name: string): string {
  const { name: base, tier } = splitProfileRef(name);
  const profile = tier === undefined ? undefined : findProfile(base);
  if (profile) {
    const tiers = [...(profile.baseTier ? [profile.baseTier] : []), ...(profile.tiers ?? []).map((t) => t.name)];
    if (tiers.length === 0) return `${profile.name} has no tiers: write '${profile.name}'`;
    const guess = suggestName(tier ?? '', tiers);
    return didYouMean(guess === undefined ? undefined : `${profile.name}:${guess}`) ?? `the tiers of ${profile.name} are ${tiers.map((t) => `${profile.name}:${t}`).join(', ')}`;
  }
  return didYouMean(suggestName(name, listProfileNames())) ?? `the profiles are ${allProfiles().map((p) => p.name).join(', ')} (cwctl profiles list)`;
}

/** Rows and tables of a profile the catalogue does not know: one warning per profile, listing them. */
export function findCatalogueMisses(profile: IntegrationProfile): string[] {
  const misses: string[] = [];
  for (const [key, levels] of Object.entries(profile.permissions)) {
    const found = findFunction(key);
    if (found.kind !== 'found') {
      misses.push(`function '${key}'`);
      continue;
    }
    for (const kind of LEVEL_KINDS) {
      const level = levels[kind];
      if (level && level !== 'None' && !found.ref.function.offers[kind].includes(level)) misses.push(`${key} ${kind}=${level}`);
    }
  }
  for (const table of profile.customize.SystemTableSetup ?? []) if (!findSetupScreen(table)) misses.push(`table '${table}'`);
  return misses;
}

export function checkProfiles(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warned = new Set<string>();
  for (const role of config.roles) {
    const seen = new Set<string>();
    (role.value.profiles ?? []).forEach((name, i) => {
      const source = (): SourceSpan => at(role, 'profiles', i);
      const profile = findProfile(name);
      if (!profile) {
        out.push({
          severity: 'error',
          code: 'unknown-profile',
          summary: `role '${role.value.name}': unknown profile '${name}'`,
          hint: unknownProfileHint(name),
          source: source(),
        });
        return;
      }
      if (seen.has(profile.name)) {
        out.push({ severity: 'warning', code: 'duplicate-profile', summary: `role '${role.value.name}': profile '${profile.name}' is named twice`, source: source() });
      }
      seen.add(profile.name);
      // Once per profile per run: fifty roles naming one profile need one warning.
      if (warned.has(profile.name)) return;
      warned.add(profile.name);
      const misses = findCatalogueMisses(profile);
      if (misses.length > 0) {
        out.push({
          severity: 'warning',
          code: 'profile-beyond-catalogue',
          summary: `profile '${profile.name}' asks for what cwctl's built-in catalogue does not know: ${misses.join('; ')}`,
          hint: 'kept as the vendor wrote it; plan checks these against the live PSA',
          source: source(),
        });
      }
    });
  }
  return out;
}

/** Every profile's catalogue misses (for `cwctl profiles list --format json` and the tests). */
export function listCatalogueMisses(): { profile: string; misses: string[] }[] {
  return allProfiles().map((p) => ({ profile: p.name, misses: findCatalogueMisses(findProfile(p.name) ?? p) }));
}
