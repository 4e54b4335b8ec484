// The list of built-in profiles, one file each. To add one: write `<vendor>.ts` beside this file (rows transcribed
// from the vendor's page, a source comment per row) and add it here; profiles.test.ts checks every profile the
// same way, so no test counts them.

import type { IntegrationProfile } from '../types.js';
import { BRIGHTGAUGE } from './brightgauge.js';
import { DATTO_RMM } from './datto-rmm.js';
import { KASEYA_QUOTE_MANAGER } from './kaseya-quote-manager.js';
import { REWST } from './rewst.js';
import { SCALEPAD_LIFECYCLE_MANAGER } from './scalepad-lifecycle-manager.js';
import { CHATSTYLE } from './chatstyle.js';
import { MOBIUS_CONNECT } from './mobius-connect.js';
import { GOZYNTA } from './gozynta.js';
import { CHECK_POINT_HARMONY_SASE } from './check-point-harmony-sase.js';
import { LIFECYCLE_INSIGHTS } from './lifecycle-insights.js';
import { HEYHAPPY } from './heyhappy.js';
import { WISE_SYNC } from './wise-sync.js';
import { BITDEFENDER_GRAVITYZONE } from './bitdefender-gravityzone.js';
import { BVOIP_1STREAM } from './bvoip-1stream.js';
import { COMMVAULT } from './commvault.js';
import { CRUSHBANK } from './crushbank.js';
import { CYRISMA } from './cyrisma.js';
import { DATTO_BCDR } from './datto-bcdr.js';
import { GUARDZ } from './guardz.js';
import { HATZ_AI } from './hatz-ai.js';
import { HUDU } from './hudu.js';
import { LASTPASS } from './lastpass.js';
import { MANAGEENGINE_ENDPOINT_CENTRAL } from './manageengine-endpoint-central.js';
import { MSP360 } from './msp360.js';
import { N_ABLE_N_CENTRAL } from './n-able-n-central.js';
import { N_ABLE_N_SIGHT_RMM } from './n-able-n-sight-rmm.js';
import { N_ABLE_PASSPORTAL } from './n-able-passportal.js';
import { SMILEBACK } from './smileback.js';
import { TEAM_GPS } from './team-gps.js';
import { TIMESANITY } from './timesanity.js';

export const BUILT_IN_PROFILES: readonly IntegrationProfile[] = [
  // The five seed integrations (shared/seeds 000-004).
  BRIGHTGAUGE,
  DATTO_RMM,
  KASEYA_QUOTE_MANAGER,
  WISE_SYNC,
  SCALEPAD_LIFECYCLE_MANAGER,
  // Vendor pages (issue #17), alphabetical.
  BITDEFENDER_GRAVITYZONE,
  BVOIP_1STREAM,
  CHATSTYLE,
  CHECK_POINT_HARMONY_SASE,
  COMMVAULT,
  CRUSHBANK,
  CYRISMA,
  DATTO_BCDR,
  GOZYNTA,
  GUARDZ,
  HATZ_AI,
  HEYHAPPY,
  HUDU,
  LASTPASS,
  LIFECYCLE_INSIGHTS,
  MANAGEENGINE_ENDPOINT_CENTRAL,
  MOBIUS_CONNECT,
  MSP360,
  N_ABLE_N_CENTRAL,
  N_ABLE_N_SIGHT_RMM,
  N_ABLE_PASSPORTAL,
  REWST,
  SMILEBACK,
  TEAM_GPS,
  TIMESANITY,
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
