// Rule: an `external: true` role is managed outside cwctl, so it carries nothing cwctl would apply
// (permissions, profiles, tableSetup, customize, unlisted); saying both is a contradiction, not a preference.

import type { Diagnostic } from '../../model/diagnostic.js';
import { keyAt } from '../loaded-config.js';
import type { LoadedConfig } from '../loaded-config.js';

const MANAGED_KEYS = ['permissions', 'profiles', 'tableSetup', 'customize', 'unlisted'] as const;

export function checkExternalRoles(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const role of config.roles) {
    if (role.value.external !== true) continue;
    for (const key of MANAGED_KEYS) {
      if (role.value[key] === undefined) continue;
      out.push({
        severity: 'error',
        code: 'external-role-managed',
        summary: `role '${role.value.name}' is external (managed outside cwctl) but sets ${key}`,
        hint: `remove ${key}:, or remove external: true to let cwctl manage the role`,
        source: keyAt(role, key),
      });
    }
  }
  return out;
}
