// A profile as a flat report: every function it sets above None with its four levels (catalogue order),
// its Table Setup list and what it needs of the API member. The data behind `cwctl profiles show`; pure.

import { listFunctions } from './find-function.js';
import { mergeProfiles } from './merge-profiles.js';
import type { IntegrationProfile, Level } from './types.js';

export interface ProfileReport {
  name: string;
  permissions: { module: string; function: string; add: Level; edit: Level; delete: Level; inquire: Level }[];
  tableSetup: string[];
  member: { level: string; requiresLocation: boolean; requiresBusinessUnit: boolean };
}

export function buildProfileReport(profile: IntegrationProfile): ProfileReport {
  // Merging one profile fills its partial rows to four levels.
  const merged = mergeProfiles([profile]);
  const permissions: ProfileReport['permissions'] = [];
  for (const ref of listFunctions()) {
    const levels = merged.permissions[ref.key];
    if (!levels || Object.values(levels).every((l) => l === 'None')) continue;
    permissions.push({ module: ref.module.name, function: ref.function.name, ...levels });
  }
  return {
    name: profile.name,
    permissions,
    tableSetup: [...(profile.customize.SystemTableSetup ?? [])],
    member: { ...profile.member },
  };
}
