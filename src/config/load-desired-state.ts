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

export async function loadDesiredState(path: string): Promise<DesiredStateResult> {
  return finish(await loadYamlFiles(path));
}

/** The same from text in memory (tests, `init` checking what it is about to write). */
export function loadDesiredStateFromText(text: string, file = 'cwctl.yaml'): DesiredStateResult {
  const parsed = parseYamlText(file, text);
  return finish({ documents: parsed.document ? [parsed.document] : [], files: [file], diagnostics: parsed.diagnostics });
}
