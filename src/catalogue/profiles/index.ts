// The built-in integration profiles (one file each, read from shared/seeds) and their lookup.
// Data and a lookup only: merging several profiles on one role is merge-profiles.ts.

import { normalizeName } from '../normalize-name.js';
import type { IntegrationProfile } from '../types.js';
import { BRIGHTGAUGE } from './brightgauge.js';
import { DATTO_RMM } from './datto-rmm.js';
import { KASEYA_QUOTE_MANAGER } from './kaseya-quote-manager.js';
import { SCALEPAD_LIFECYCLE_MANAGER } from './scalepad-lifecycle-manager.js';
import { WISE_SYNC } from './wise-sync.js';

/** In seed order (000-004). */
export const PROFILES: readonly IntegrationProfile[] = [
  BRIGHTGAUGE,
  DATTO_RMM,
  KASEYA_QUOTE_MANAGER,
  WISE_SYNC,
  SCALEPAD_LIFECYCLE_MANAGER,
];

/** Shorter names people type; all map to a profile's `name`. */
const PROFILE_ALIASES: Readonly<Record<string, string>> = {
  datto: 'datto-rmm',
  kaseya: 'kaseya-quote-manager',
  'quote-manager': 'kaseya-quote-manager',
  wisesync: 'wise-sync',
  scalepad: 'scalepad-lifecycle-manager',
  'lifecycle-manager': 'scalepad-lifecycle-manager',
};

let byName: ReadonlyMap<string, IntegrationProfile> | undefined;

/** Every spelling (name, title, alias), folded, to its profile; built on first use. */
function profileIndex(): ReadonlyMap<string, IntegrationProfile> {
  if (byName) return byName;
  const index = new Map<string, IntegrationProfile>();
  for (const p of PROFILES) {
    index.set(normalizeName(p.name), p);
    index.set(normalizeName(p.title), p);
  }
  for (const [alias, name] of Object.entries(PROFILE_ALIASES)) {
    const profile = PROFILES.find((p) => p.name === name);
    if (profile && !index.has(normalizeName(alias))) index.set(normalizeName(alias), profile);
  }
  byName = index;
  return index;
}

/** A profile by name, title or alias, tolerant of case and spacing ("BrightGauge", "Datto RMM", "datto"). */
export function findProfile(name: string): IntegrationProfile | undefined {
  return profileIndex().get(normalizeName(name));
}

export function listProfileNames(): string[] {
  return PROFILES.map((p) => p.name);
}
