// Rule: every profile a role names is a built-in integration profile (did-you-mean otherwise); a profile named
// twice in one role is a warning.

import { findProfile, listProfileNames } from '../../catalogue/profiles/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { at } from '../loaded-config.js';
import type { LoadedConfig } from '../loaded-config.js';
import { didYouMean, suggestName } from '../suggest.js';

export function checkProfiles(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const role of config.roles) {
    const seen = new Set<string>();
    (role.value.profiles ?? []).forEach((name, i) => {
      const profile = findProfile(name);
      if (!profile) {
        out.push({
          severity: 'error',
          code: 'unknown-profile',
          summary: `role '${role.value.name}': unknown profile '${name}'`,
          hint: didYouMean(suggestName(name, listProfileNames())) ?? `the profiles are ${listProfileNames().join(', ')} (cwctl profiles list)`,
          source: at(role, 'profiles', i),
        });
        return;
      }
      if (seen.has(profile.name)) {
        out.push({ severity: 'warning', code: 'duplicate-profile', summary: `role '${role.value.name}': profile '${profile.name}' is named twice`, source: at(role, 'profiles', i) });
      }
      seen.add(profile.name);
    });
  }
  return out;
}
