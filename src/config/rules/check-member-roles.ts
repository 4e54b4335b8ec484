// Rule: a member's role is a role of this file, managed by cwctl or marked `external: true` (exists in the PSA,
// managed elsewhere). Did-you-mean over the declared roles.

import type { Diagnostic } from '../../model/diagnostic.js';
import { at } from '../loaded-config.js';
import type { LoadedConfig } from '../loaded-config.js';
import { didYouMean, suggestName } from '../suggest.js';

export function checkMemberRoles(config: LoadedConfig): Diagnostic[] {
  const names = config.roles.map((r) => r.value.name);
  const known = new Set(names);
  const out: Diagnostic[] = [];
  for (const member of config.members) {
    const role = member.value.role;
    if (known.has(role)) continue;
    const sameButCase = names.find((n) => n.toLowerCase() === role.toLowerCase());
    const guess = sameButCase ?? suggestName(role, names);
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
