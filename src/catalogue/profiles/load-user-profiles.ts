// The user's own integration profiles: every *.yaml / *.yml / *.json in a `profiles/` folder beside the desired
// state (beside the file given with -f, or inside the directory given), in the built-ins' format, checked by
// schema/cwctl-profile.schema.json (the schema the built-ins are tested against). Problems are Diagnostics at
// file:line:col; nothing here throws for bad input. Registering them (useUserProfiles) makes every lookup see them.

import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ErrorObject } from 'ajv';
import profileSchema from '../../../schema/cwctl-profile.schema.json' with { type: 'json' };
import { loadYamlFile, spanOf } from '../../config/load.js';
import { translate } from '../../config/schema.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { IntegrationProfile } from '../types.js';
import { PROFILES, useUserProfiles } from './index.js';

/** A folder of more files than this is not a folder of profiles: refuse it rather than read them all. */
export const MAX_USER_PROFILES = 200;

export interface UserProfiles {
  /** The folder looked at (whether or not it exists). */
  dir: string;
  profiles: IntegrationProfile[];
  diagnostics: Diagnostic[];
}

/** `profiles/` beside a desired-state file, or inside a desired-state directory. */
export async function userProfilesDir(desiredPath: string): Promise<string> {
  try {
    if ((await stat(desiredPath)).isDirectory()) return join(desiredPath, 'profiles');
  } catch {
    // A path that does not exist (yet): its folder is where profiles would be.
  }
  return join(dirname(desiredPath), 'profiles');
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validate | undefined;

/** The profile schema, compiled on first use only: most runs have no profiles/ folder and never load ajv. */
async function profileValidator(): Promise<Validate> {
  if (validator) return validator;
  const { Ajv } = await import('ajv');
  validator = new Ajv({ allErrors: true, verbose: true, strict: true }).compile(profileSchema) as Validate;
  return validator;
}

/** Checks one parsed value against the profile schema: the ajv errors (empty when it fits). */
export async function validateProfileValue(value: unknown): Promise<ErrorObject[]> {
  const validate = await profileValidator();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

export async function loadUserProfiles(desiredPath: string): Promise<UserProfiles> {
  const dir = await userProfilesDir(desiredPath);
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) return { dir, profiles: [], diagnostics: [] };
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort();
  } catch {
    return { dir, profiles: [], diagnostics: [] };
  }
  if (names.length > MAX_USER_PROFILES) {
    return {
      dir, profiles: [],
      diagnostics: [{ severity: 'error', code: 'too-many-profiles', summary: `${dir}: ${names.length} files; cwctl reads at most ${MAX_USER_PROFILES} profiles`, source: { file: dir, line: 1, column: 1 } }],
    };
  }
  const profiles: IntegrationProfile[] = [];
  const diagnostics: Diagnostic[] = [];
  const builtIn = new Set(PROFILES.map((p) => p.name));
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const { document, diagnostics: read } = await loadYamlFile(file);
    diagnostics.push(...read);
    if (!document) continue;
    const errors = await validateProfileValue(document.value);
    if (errors.length > 0) {
      diagnostics.push(...errors.map((e) => ({ ...translate(e, document), code: 'invalid-profile' as const })));
      continue;
    }
    // `customize` may be left out of the file; the rest of cwctl reads it as "no lists".
    const written = document.value as Omit<IntegrationProfile, 'customize'> & { customize?: IntegrationProfile['customize'] };
    const profile: IntegrationProfile = { ...written, customize: written.customize ?? {}, origin: { kind: 'user', file } };
    const where = spanOf(document, ['name']);
    const earlier = seen.get(profile.name);
    if (earlier) {
      diagnostics.push({ severity: 'error', code: 'duplicate-profile', summary: `profile '${profile.name}' is defined twice (also in ${earlier})`, hint: 'give each profile its own name', source: where });
      continue;
    }
    seen.set(profile.name, file);
    if (builtIn.has(profile.name)) {
      diagnostics.push({ severity: 'warning', code: 'profile-replaces-builtin', summary: `profile '${profile.name}' replaces the built-in profile of that name`, hint: 'rename it to keep both', source: where });
    }
    profiles.push(profile);
  }
  return { dir, profiles, diagnostics };
}

/** Loads the user's profiles and makes every lookup see them; returns what was found wrong. */
export async function registerUserProfiles(desiredPath: string): Promise<UserProfiles> {
  const found = await loadUserProfiles(desiredPath);
  useUserProfiles(found.profiles);
  return found;
}
