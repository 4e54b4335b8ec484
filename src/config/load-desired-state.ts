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
import { normalize, normalizeYielding } from './normalize.js';
import { validateDesiredState, validateDesiredStateYielding } from './validate-desired-state.js';
import type { ValidatedConfig } from './validate-desired-state.js';

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
  return checked(validateDesiredState(loaded));
}

function checked({ config, diagnostics }: ValidatedConfig): CheckedDesiredState {
  return !config || hasErrors(diagnostics) ? { diagnostics } : { config, diagnostics };
}

/** Normalizes a config that passed its checks. */
export function finish(checked: CheckedDesiredState): DesiredStateResult {
  return checked.config ? { state: normalize(checked.config), diagnostics: checked.diagnostics } : { diagnostics: checked.diagnostics };
}

export interface DesiredStateOptions extends LoadOptions {
  /**
   * Called once every file is parsed, before the checks, with the name of every role the files declare (unchecked:
   * the files may yet prove invalid). Plan starts reading those roles from the PSA while the checks run.
   */
  onRoleNames?: (names: string[]) => void;
}

/**
 * Loads and checks (shape and rules) without normalizing. `exact` uses only the exact YAML parser (tests). The
 * checks hand the event loop back between steps, so network reads started earlier progress meanwhile.
 */
export async function checkDesiredState(path: string, options: DesiredStateOptions = {}): Promise<CheckedDesiredState> {
  // The user's own profiles (profiles/ beside the YAML) first: the rules and normalize look profiles up.
  const own = await registerUserProfiles(path);
  const loaded = await loadYamlFiles(path, options);
  options.onRoleNames?.(loaded.documents.flatMap((doc) => declaredRoleNames(doc.value)));
  const result = checked(await validateDesiredStateYielding(loaded));
  if (own.diagnostics.length === 0) return result;
  const diagnostics = [...own.diagnostics, ...result.diagnostics];
  return hasErrors(diagnostics) ? { diagnostics } : { ...result, diagnostics };
}

/** The `name` of each item of a document's `roles:` list, whatever else the document holds. */
function declaredRoleNames(value: unknown): string[] {
  const roles = value !== null && typeof value === 'object' ? (value as { roles?: unknown }).roles : undefined;
  if (!Array.isArray(roles)) return [];
  const names: string[] = [];
  for (const role of roles) {
    const name = role !== null && typeof role === 'object' ? (role as { name?: unknown }).name : undefined;
    if (typeof name === 'string') names.push(name);
  }
  return names;
}

/** `exact` uses only the exact YAML parser (tests compare both). */
export async function loadDesiredState(path: string, options: DesiredStateOptions = {}): Promise<DesiredStateResult> {
  const result = await checkDesiredState(path, options);
  return result.config ? { state: await normalizeYielding(result.config), diagnostics: result.diagnostics } : { diagnostics: result.diagnostics };
}
