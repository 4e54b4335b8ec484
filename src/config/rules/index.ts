// The rules run after the shape check, in this order (the order of their messages for one line).
// findSecrets is not here: it reads the raw YAML before the schema (see validate-desired-state.ts).

import { checkApiKeys } from './check-api-keys.js';
import { checkDuplicates } from './check-duplicates.js';
import { checkExternalRoles } from './check-external-roles.js';
import { checkFunctionNames } from './check-function-names.js';
import { checkLevels } from './check-levels.js';
import { checkLookAlikeNames } from './check-look-alike-names.js';
import { checkMemberRequirements } from './check-member-requirements.js';
import { checkMemberRoles } from './check-member-roles.js';
import { checkMoved } from './check-moved.js';
import { checkNameLengths } from './check-name-lengths.js';
import { checkProfiles } from './check-profiles.js';
import { checkTables } from './check-tables.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  checkDuplicates,
  checkNameLengths,
  checkLookAlikeNames,
  checkExternalRoles,
  checkProfiles,
  checkFunctionNames,
  checkLevels,
  checkTables,
  checkMemberRoles,
  checkMemberRequirements,
  checkApiKeys,
  checkMoved,
];
