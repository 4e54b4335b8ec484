// The one YAML parser the rest of cwctl calls: text in, a plain value with every node's position out (or the
// diagnostics of why not). Two parsers sit behind it and no caller needs to know: js-yaml with a node index
// (load-fast.ts) takes a valid file quickly; a file it steps aside from (a syntax error, anchors, tags, a key
// written oddly, too deep) is parsed again by the `yaml` package (parse-yaml-document.ts), which words every
// problem exactly. Both give the same positions (test/config/fast-path.test.ts compares every node), so what is
// found later on a quickly parsed file points at file:line:col exactly as it would on the other path.

import type { Diagnostic } from '../model/diagnostic.js';
import type { LoadedDocument } from './load.js';
import { parseFastOffThread } from './parse-off-thread.js';
import { MAX_DEPTH } from './load-limits.js';

export interface ParsedYaml {
  document?: LoadedDocument;
  diagnostics: Diagnostic[];
}

export interface ParseYamlOptions {
  /** Skip the quick parser and use only the exact one (tests compare the two). */
  exact?: boolean;
}

export async function parseYaml(file: string, text: string, options: ParseYamlOptions = {}): Promise<ParsedYaml> {
  if (options.exact !== true && text.trim() !== '') {
    // A large text is parsed on a worker thread, so requests in flight meanwhile are answered and followed.
    const fast = await parseFastOffThread(text, MAX_DEPTH);
    if (fast) return { document: { file, value: fast.value, spans: fast.spans }, diagnostics: [] };
  }
  // Loaded only when a file needs it: a valid file never loads the `yaml` package.
  const { parseYamlText } = await import('./parse-yaml-document.js');
  return parseYamlText(file, text);
}
