// Rule: a member whose role uses integration profiles has what those vendors require of the API member:
// a location and business unit where a profile needs them (error), and the level the profile asks for (warning).

import { findProfile } from '../../catalogue/profiles/index.js';
import type { IntegrationProfile } from '../../catalogue/types.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { sameStructureLevel } from '../../plan/resolve-names.js';
import { at } from '../loaded-config.js';
import type { LoadedConfig } from '../loaded-config.js';

export function checkMemberRequirements(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const roles = new Map(config.roles.map((r) => [r.value.name, r]));
  for (const member of config.members) {
    const role = roles.get(member.value.role);
    if (!role) continue; // check-member-roles reports it
    const profiles = (role.value.profiles ?? []).map(findProfile).filter((p): p is IntegrationProfile => p !== undefined);
    const needing = (flag: 'requiresLocation' | 'requiresBusinessUnit'): string =>
      profiles.filter((p) => p.member[flag]).map((p) => p.name).join(', ');
    const id = member.value.identifier;
    if (!member.value.location && needing('requiresLocation')) {
      out.push({
        severity: 'error',
        code: 'member-requirement',
        summary: `member '${id}' has no location; profile ${needing('requiresLocation')} requires one`,
        hint: 'add location: <location name>, e.g. location: Tampa',
        source: at(member),
      });
    }
    if (!member.value.businessUnit && needing('requiresBusinessUnit')) {
      out.push({
        severity: 'error',
        code: 'member-requirement',
        summary: `member '${id}' has no business unit; profile ${needing('requiresBusinessUnit')} requires one`,
        hint: 'add businessUnit: <business unit>',
        source: at(member),
      });
    }
    for (const p of profiles) {
      // No level when the schema refused it (rules also run on a file with shape errors): nothing to compare.
      if (typeof member.value.level === 'string' && !sameStructureLevel(p.member.level, member.value.level)) {
        out.push({
          severity: 'warning',
          code: 'member-level',
          summary: `member '${id}' is at level '${member.value.level}'; profile ${p.name} asks for '${p.member.level}'`,
          hint: 'a lower level hides records (service boards, companies) from the integration',
          source: at(member, 'level'),
        });
        break;
      }
    }
  }
  return out;
}
