// The exact parser behind parse-yaml.ts: the `yaml` package's Document (every node with its range, a LineCounter
// for lines), which words every syntax error and refusal exactly. Slower than load-fast.ts; taken for any file the
// quick parser steps aside from. Loaded on demand (parse-yaml.ts imports it when needed), so a valid file never
// loads the `yaml` package.

import { CST, isMap, isPair, isScalar, isSeq, LineCounter, Parser, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Diagnostic, SourceSpan } from '../model/diagnostic.js';
import { MAX_ALIAS_COUNT, MAX_DEPTH, problem } from './load-limits.js';
import type { DocumentSpans, LoadedDocument, YamlPath } from './load.js';

/** Depth of a plain value, iteratively (a recursive walk is what a deep file would overflow). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * Where each flow collection (`[` or `{`) that is never closed opens: the parser reports the missing `]` where it
 * gave up, often lines later, and the person needs the opening one. Read from the concrete syntax tree.
 */
function unclosedFlowCollections(text: string): { offset: number; open: string }[] {
  const out: { offset: number; open: string }[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      const value = item.value;
      if (value?.type !== 'flow-collection') return;
      const close = value.start.source === '[' ? ']' : '}';
      if (!value.end.some((t) => t.source === close)) out.push({ offset: value.start.offset, open: value.start.source });
    });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Parses one YAML text. Exported for tests and for `init`, which checks what it writes. */
export function parseYamlText(file: string, text: string): { document?: LoadedDocument; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (text.trim() === '') {
    diagnostics.push(problem('empty-file', 'the file is empty', file, 'a desired-state file starts with "version: 1"; cwctl init writes a commented starter'));
    return { diagnostics };
  }
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', merge: true });
  } catch (error: unknown) {
    // The parser reports its own stack overflows as errors, but be safe: no stack trace for any input.
    const message = error instanceof Error ? error.message : String(error);
    diagnostics.push(problem('yaml-syntax', `cannot parse YAML: ${message}`, file));
    return { diagnostics };
  }
  // Looked for only when the parser says a bracket or brace is missing (rare; costs a second, CST-only parse).
  const missingClose = document.errors.some((e) => /end with a [\]}]/.test(e.message));
  const unclosed = missingClose ? unclosedFlowCollections(text) : [];
  for (const e of document.errors) {
    const { line, column } = at(e.pos[0]);
    const tooDeep = /call stack/i.test(e.message);
    const close = /end with a ([\]}])/.exec(e.message)?.[1];
    // The last still-unmatched opener of that kind before the error is the one it is about.
    const opener = close === undefined ? -1 : unclosed.findLastIndex((u) => u.open === (close === ']' ? '[' : '{') && u.offset < e.pos[0]);
    let openedAt: string | undefined;
    if (opener >= 0) {
      const where = at(unclosed[opener]!.offset);
      openedAt = `the '${unclosed[opener]!.open}' opened at line ${where.line}, column ${where.column} has no matching '${close!}': close it there, or write the list or mapping in block style`;
      unclosed.splice(opener, 1);
    }
    diagnostics.push(
      problem(
        tooDeep ? 'yaml-too-deep' : 'yaml-syntax',
        tooDeep ? `YAML nested too deeply to read` : `YAML syntax error: ${e.message.replace(/; please use YAML\.parseAllDocuments\(\)/, '')}`,
        file,
        e.code === 'MULTIPLE_DOCS' ? 'put one document in each file (split them into several files of one directory)' : openedAt,
        line,
        column,
      ),
    );
  }
  for (const w of document.warnings) {
    const { line, column } = at(w.pos[0]);
    diagnostics.push({ ...problem('yaml-warning', `YAML: ${w.message}`, file, undefined, line, column), severity: 'warning' });
  }
  if (document.errors.length > 0) return { diagnostics };
  if (document.contents === null) {
    diagnostics.push(problem('empty-file', 'the file holds no YAML document (only comments or blank lines)', file, 'start it with "version: 1"'));
    return { diagnostics };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      diagnostics.push(
        problem('yaml-alias-bomb', `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} alias expansions): refused as a resource-exhaustion attempt`, file, 'write the values out, or use fewer nested anchors'),
      );
    } else {
      diagnostics.push(problem('yaml-syntax', `cannot read YAML: ${message}`, file));
    }
    return { diagnostics };
  }
  if (depthOf(value) > MAX_DEPTH) {
    diagnostics.push(problem('yaml-too-deep', `YAML nested deeper than ${MAX_DEPTH} levels; a cwctl file needs at most 6`, file));
    return { diagnostics };
  }
  return { document: { file, value, spans: new YamlSpans(document, lineCounter) }, diagnostics };
}


// Key -> pair, built once per mapping asked about: a linear find per lookup made 8,000 diagnostics in one
// 8,000-key mapping quadratic.
const pairIndex = new WeakMap<Node, Map<string, Pair>>();

function pairOf(map: Node, key: string | number): Pair | undefined {
  if (!isMap(map)) return undefined;
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(key));
}

/** Positions from the Document's nodes. */
class YamlSpans implements DocumentSpans {
  constructor(
    private readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  /** A path that does not exist (a missing key) falls back to its nearest existing parent. */
  spanOf(file: string, path: YamlPath, which: 'value' | 'key'): SourceSpan {
    let node: Node | null | undefined = this.document.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (!node) break;
      if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (!item) break;
        keyNode = undefined;
        node = item as Node;
        continue;
      }
      const pair = pairOf(node, segment);
      if (!pair) break;
      keyNode = isScalar(pair.key) ? pair.key : undefined;
      // `key:` with no value: point at the key.
      node = (pair.value as Node | null) ?? keyNode;
    }
    const target = which === 'key' && keyNode ? keyNode : node;
    const offset = target?.range?.[0] ?? 0;
    const pos = this.lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  }
}
