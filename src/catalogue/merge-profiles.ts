// Merges integration profiles that share one role: the highest level per cell (None < My < All), the union of
// each Customize list, and the strictest member requirements. Pure; knows nothing of the YAML.

import { LEVEL_KINDS, LEVEL_RANK } from './types.js';
import type { CustomizeIdentifier, FunctionKey, IntegrationProfile, Level, Levels } from './types.js';

export interface MergedProfiles {
  /** Only the functions some profile names; every cell filled (unset = None). */
  permissions: Record<FunctionKey, Levels>;
  /** Union per list, in first-seen order. */
  customize: Partial<Record<CustomizeIdentifier, string[]>>;
  member: { level: string | undefined; requiresLocation: boolean; requiresBusinessUnit: boolean };
}

export function higherLevel(a: Level, b: Level): Level {
  return LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a;
}

export function mergeProfiles(profiles: readonly IntegrationProfile[]): MergedProfiles {
  const permissions: Record<FunctionKey, Levels> = {};
  const customize: Partial<Record<CustomizeIdentifier, string[]>> = {};
  let level: string | undefined;
  let requiresLocation = false;
  let requiresBusinessUnit = false;
  for (const profile of profiles) {
    for (const [key, partial] of Object.entries(profile.permissions)) {
      const cell = (permissions[key] ??= { add: 'None', edit: 'None', delete: 'None', inquire: 'None' });
      for (const kind of LEVEL_KINDS) {
        const wanted = partial[kind];
        if (wanted) cell[kind] = higherLevel(cell[kind], wanted);
      }
    }
    for (const [id, list] of Object.entries(profile.customize) as [CustomizeIdentifier, readonly string[]][]) {
      const into = (customize[id] ??= []);
      for (const item of list) if (!into.includes(item)) into.push(item);
    }
    // Every built-in profile asks for the same level today; the first one named wins if that ever changes.
    level ??= profile.member.level;
    requiresLocation ||= profile.member.requiresLocation;
    requiresBusinessUnit ||= profile.member.requiresBusinessUnit;
  }
  return { permissions, customize, member: { level, requiresLocation, requiresBusinessUnit } };
}
