// A profile as a flat report: every function it sets above None with its four levels (catalogue order, then rows
// in a vendor's words the catalogue lacks), the rows the page marks optional, its tiers, its Customize lists, what
// it needs of the API member, and where it was read. The data behind `cwctl profiles show`; pure.

import { findFunction, listFunctions } from './find-function.js';
import { mergeProfiles } from './merge-profiles.js';
import type { CustomizeIdentifier, IntegrationProfile, Level, ProfileRows, ProfileSource } from './types.js';

export interface ProfileRow {
  module: string;
  function: string;
  add: Level;
  edit: Level;
  delete: Level;
  inquire: Level;
  /** false when the catalogue does not know the function: the vendor's words, checked against the live PSA. */
  inCatalogue: boolean;
}

export interface ProfileReport {
  name: string;
  title: string;
  source: ProfileSource | null;
  /** `builtin`, or the user's file. */
  origin: { kind: 'builtin' } | { kind: 'user'; file: string };
  permissions: ProfileRow[];
  /** Rows the page marks optional: never granted by the profile itself. */
  optional: ProfileRow[];
  tiers: { name: string; title: string; select: string; permissions: ProfileRow[]; notes: string[] }[];
  tableSetup: string[];
  /** Table Setup as "every table but these", when the vendor asks for it so. */
  tableSetupAllExcept: string[] | null;
  /** Every Customize list (Table Setup included). */
  customize: Partial<Record<CustomizeIdentifier, string[]>>;
  member: { level: string; requiresLocation: boolean; requiresBusinessUnit: boolean };
  notes: string[];
}

/** Rows above None, four levels each, in catalogue order and then the vendor-only rows as written. */
export function buildProfileRows(rows: ProfileRows): ProfileRow[] {
  const merged = mergeProfiles([{ name: '', title: '', permissions: rows, customize: {}, member: { level: '', requiresLocation: false, requiresBusinessUnit: false } }]);
  const out: ProfileRow[] = [];
  const done = new Set<string>();
  for (const ref of listFunctions()) {
    const levels = merged.permissions[ref.key];
    if (!levels || Object.values(levels).every((l) => l === 'None')) continue;
    done.add(ref.key);
    out.push({ module: ref.module.name, function: ref.function.name, ...levels, inCatalogue: true });
  }
  for (const [key, levels] of Object.entries(merged.permissions)) {
    if (done.has(key) || Object.values(levels).every((l) => l === 'None')) continue;
    const found = findFunction(key);
    const at = key.indexOf(' / ');
    out.push({ module: key.slice(0, at), function: key.slice(at + 3), ...levels, inCatalogue: found.kind === 'found' });
  }
  return out;
}

export function buildProfileReport(profile: IntegrationProfile): ProfileReport {
  const customize: Partial<Record<CustomizeIdentifier, string[]>> = {};
  for (const [id, list] of Object.entries(profile.customize) as [CustomizeIdentifier, readonly string[]][]) customize[id] = [...list];
  return {
    name: profile.name,
    title: profile.title,
    source: profile.source ? { ...profile.source } : null,
    origin: profile.origin ?? { kind: 'builtin' },
    permissions: buildProfileRows(profile.permissions),
    optional: buildProfileRows(profile.optional ?? {}),
    tiers: (profile.tiers ?? []).map((t) => ({
      name: t.name, title: t.title, select: `${profile.name}:${t.name}`, permissions: buildProfileRows(t.permissions), notes: [...(t.notes ?? [])],
    })),
    tableSetup: [...(profile.customize.SystemTableSetup ?? [])],
    tableSetupAllExcept: profile.customizeAllExcept?.SystemTableSetup ? [...profile.customizeAllExcept.SystemTableSetup] : null,
    customize,
    member: { ...profile.member },
    notes: [...(profile.notes ?? [])],
  };
}
