// The one entry the rest of cwctl calls to read desired state: load YAML (file or directory), validate (shape,
// then rules), normalize. `state` is present only when there is no error; warnings may come with it.

import type { Diagnostic } from '../model/diagnostic.js';
import { hasErrors } from '../model/diagnostic.js';
import type { DesiredState } from '../model/desired.js';
import { loadYamlFiles, parseYamlText } from './load.js';
import type { LoadResult } from './load.js';
import { normalize } from './normalize.js';
import { validateDesiredState } from './validate-desired-state.js';

export interface DesiredStateResult {
  state?: DesiredState;
  diagnostics: Diagnostic[];
}

function finish(loaded: LoadResult): DesiredStateResult {
  const { config, diagnostics } = validateDesiredState(loaded);
  if (!config || hasErrors(diagnostics)) return { diagnostics };
  return { state: normalize(config), diagnostics };
}

/** `fast: false` skips the js-yaml first pass (tests compare both paths). */
export async function loadDesiredState(path: string, options: { fast?: boolean } = {}): Promise<DesiredStateResult> {
  if (options.fast === false) return finish(await loadYamlFiles(path));
  // Fast parse first; on any diagnostic, redo it all with `yaml` so every message and position comes from one path.
  const fast = await loadYamlFiles(path, { fast: true });
  if (!fast.documents.some((d) => d.fast)) return finish(fast); // nothing took the fast path: this is the `yaml` result
  const result = finish(fast);
  if (result.diagnostics.length === 0) return result;
  return finish(await loadYamlFiles(path));
}

/** The same from text in memory (tests, `init` checking what it is about to write). */
export function loadDesiredStateFromText(text: string, file = 'cwctl.yaml'): DesiredStateResult {
  const parsed = parseYamlText(file, text);
  return finish({ documents: parsed.document ? [parsed.document] : [], files: [file], diagnostics: parsed.diagnostics });
}
