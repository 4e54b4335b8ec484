// Rule: a member's role is a role of this file, managed by cwctl or marked `external: true` (exists in the PSA,
// managed elsewhere). Did-you-mean over the declared roles, for the first MAX_ROLE_SUGGESTIONS unknown roles only:
// the declared roles are as many as the file holds, so suggesting for every member would be quadratic (the
// diagnostics past the per-file cap are not shown anyway).

import type { Diagnostic } from '../../model/diagnostic.js';
import { at } from '../loaded-config.js';
import type { LoadedConfig } from '../loaded-config.js';
import { didYouMean, suggestName } from '../suggest.js';

export const MAX_ROLE_SUGGESTIONS = 100;

export function checkMemberRoles(config: LoadedConfig): Diagnostic[] {
  const names = config.roles.map((r) => r.value.name).filter((n): n is string => typeof n === 'string');
  const known = new Set(names);
  const byLowerCase = new Map<string, string>();
  for (const n of names) if (!byLowerCase.has(n.toLowerCase())) byLowerCase.set(n.toLowerCase(), n);
  const out: Diagnostic[] = [];
  let suggestions = 0;
  for (const member of config.members) {
    const role = member.value.role;
    if (typeof role !== 'string' || known.has(role)) continue;
    const sameButCase = byLowerCase.get(role.toLowerCase());
    const guess = sameButCase ?? (suggestions++ < MAX_ROLE_SUGGESTIONS ? suggestName(role, names) : undefined);
    out.push({
      severity: 'error',
      code: 'unknown-role',
      summary: `member '${member.value.identifier}': role '${role}' is not declared under roles:`,
      hint: didYouMean(guess) ?? `declare it under roles:; if it exists in the PSA and is managed elsewhere, add "- name: ${role}" with "external: true"`,
      source: at(member, 'role'),
    });
  }
  return out;
}
