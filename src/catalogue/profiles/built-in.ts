// The list of built-in profiles, one file each. To add one: write `<vendor>.ts` beside this file (rows transcribed
// from the vendor's page, a source comment per row) and add it here; profiles.test.ts checks every profile the
// same way, so no test counts them.

import type { IntegrationProfile } from '../types.js';
import { BRIGHTGAUGE } from './brightgauge.js';
import { DATTO_RMM } from './datto-rmm.js';
import { KASEYA_QUOTE_MANAGER } from './kaseya-quote-manager.js';
import { SCALEPAD_LIFECYCLE_MANAGER } from './scalepad-lifecycle-manager.js';
import { WISE_SYNC } from './wise-sync.js';

export const BUILT_IN_PROFILES: readonly IntegrationProfile[] = [
  // The five seed integrations (shared/seeds 000-004).
  BRIGHTGAUGE,
  DATTO_RMM,
  KASEYA_QUOTE_MANAGER,
  WISE_SYNC,
  SCALEPAD_LIFECYCLE_MANAGER,
  // Vendor pages (issue #17), alphabetical.
];

/** Shorter names people type; each maps to a profile's `name`. */
export const PROFILE_ALIASES: Readonly<Record<string, string>> = {
  datto: 'datto-rmm',
  kaseya: 'kaseya-quote-manager',
  'quote-manager': 'kaseya-quote-manager',
  wisesync: 'wise-sync',
  scalepad: 'scalepad-lifecycle-manager',
  'lifecycle-manager': 'scalepad-lifecycle-manager',
};
