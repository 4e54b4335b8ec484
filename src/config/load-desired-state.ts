// The one entry the rest of cwctl calls to read desired state: load YAML (file or directory), validate (shape,
// then rules), normalize. `state` is present only when there is no error; warnings may come with it.
// `checkDesiredState` stops before normalize: `cwctl validate` needs the diagnostics, not the expanded state
// (normalize cannot fail on a config the rules passed, and on 5 MB it is a fifth of the time).

import { registerUserProfiles } from '../catalogue/profiles/load-user-profiles.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { hasErrors } from '../model/diagnostic.js';
import type { DesiredState } from '../model/desired.js';
import { loadYamlFiles } from './load.js';
import type { LoadResult } from './load.js';
import type { LoadedConfig } from './loaded-config.js';
import { normalize } from './normalize.js';
import { SECRET_CODE } from './rules/find-secrets.js';
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

/** Loads and checks (shape and rules) without normalizing. `fast: false` skips the js-yaml first pass. */
export async function checkDesiredState(path: string, options: { fast?: boolean } = {}): Promise<CheckedDesiredState> {
  // The user's own profiles (profiles/ beside the YAML) first: the rules and normalize look profiles up.
  const own = await registerUserProfiles(path);
  const result = await checkFiles(path, options);
  if (own.diagnostics.length === 0) return result;
  const diagnostics = [...own.diagnostics, ...result.diagnostics];
  return hasErrors(diagnostics) ? { diagnostics } : { ...result, diagnostics };
}

async function checkFiles(path: string, options: { fast?: boolean }): Promise<CheckedDesiredState> {
  if (options.fast === false) return check(await loadYamlFiles(path));
  // Fast parse first. Its positions are the `yaml` path's (test/config/fast-path.test.ts compares every node), so
  // shape and rule messages stand; only a secret makes it redo the file with `yaml`, since the fast path's secret
  // scan says no more than "something here" (it has no paths to word the finding without slowing every file).
  const fast = await loadYamlFiles(path, { fast: true });
  const result = check(fast);
  if (!result.diagnostics.some((d) => d.code === SECRET_CODE && fast.documents.some((doc) => doc.fast))) return result;
  return check(await loadYamlFiles(path));
}

/** `fast: false` skips the js-yaml first pass (tests compare both paths). */
export async function loadDesiredState(path: string, options: { fast?: boolean } = {}): Promise<DesiredStateResult> {
  return finish(await checkDesiredState(path, options));
}
