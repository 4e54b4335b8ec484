// loadDesiredState for text in memory (tests, `init` checking what it is about to write). Its own module: it
// parses with the `yaml` package, which load-desired-state.ts loads only when a file needs it.

import type { DesiredStateResult } from './load-desired-state.js';
import { check, finish } from './load-desired-state.js';
import { parseYamlText } from './parse-yaml-document.js';

export function loadDesiredStateFromText(text: string, file = 'cwctl.yaml'): DesiredStateResult {
  const parsed = parseYamlText(file, text);
  return finish(check({ documents: parsed.document ? [parsed.document] : [], files: [file], diagnostics: parsed.diagnostics }));
}
