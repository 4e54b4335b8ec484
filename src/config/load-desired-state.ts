// The one entry the rest of cwctl calls to read desired state: load YAML (file or directory), validate (shape,
// then rules), normalize. `state` is present only when there is no error; warnings may come with it.
// `checkDesiredState` stops before normalize: `cwctl validate` needs the diagnostics, not the expanded state
// (normalize cannot fail on a config the rules passed, and on 5 MB it is a fifth of the time).

import { registerUserProfiles } from '../catalogue/profiles/load-user-profiles.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { hasErrors } from '../model/diagnostic.js';
import type { DesiredState } from '../model/desired.js';
import { loadYamlFiles } from './load.js';
import type { LoadOptions, LoadResult } from './load.js';
import type { LoadedConfig } from './loaded-config.js';
import { normalize } from './normalize.js';
import { validateDesiredState } from './validate-desired-state.js';

export interface DesiredStateResult {
  state?: DesiredState;
  diagnostics: Diagnostic[];
}

export interface CheckedDesiredState {
  /** The checked file(s), present only when there is no error. */
  config?: LoadedConfig;
  diagnostics: Diagnostic[];
}

/** Checks what was loaded (exported for load-desired-state-from-text.ts). */
export function check(loaded: LoadResult): CheckedDesiredState {
  const { config, diagnostics } = validateDesiredState(loaded);
  return !config || hasErrors(diagnostics) ? { diagnostics } : { config, diagnostics };
}

/** Normalizes a config that passed its checks. */
export function finish(checked: CheckedDesiredState): DesiredStateResult {
  return checked.config ? { state: normalize(checked.config), diagnostics: checked.diagnostics } : { diagnostics: checked.diagnostics };
}

/** Loads and checks (shape and rules) without normalizing. `exact` uses only the exact YAML parser (tests). */
export async function checkDesiredState(path: string, options: LoadOptions = {}): Promise<CheckedDesiredState> {
  // The user's own profiles (profiles/ beside the YAML) first: the rules and normalize look profiles up.
  const own = await registerUserProfiles(path);
  const result = check(await loadYamlFiles(path, options));
  if (own.diagnostics.length === 0) return result;
  const diagnostics = [...own.diagnostics, ...result.diagnostics];
  return hasErrors(diagnostics) ? { diagnostics } : { ...result, diagnostics };
}

/** `exact` uses only the exact YAML parser (tests compare both). */
export async function loadDesiredState(path: string, options: LoadOptions = {}): Promise<DesiredStateResult> {
  return finish(await checkDesiredState(path, options));
}
