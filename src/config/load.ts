// Reads desired-state YAML: one file, or every *.yaml/*.yml of a directory, keeping each node's source position
// (yaml's LineCounter) so that every later message can name file:line:col. Refuses what is not a sane YAML
// file (too large, binary, alias bombs, absurd nesting) quickly and with a clear message. Never throws for bad
// input: problems become Diagnostics. Knows nothing of cwctl's schema.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Diagnostic, SourceSpan } from '../model/diagnostic.js';
import { loadFastParser, parseFast } from './load-fast.js';
import type { FastSpans } from './load-fast.js';

/** Largest file accepted; a security-roles file is a few hundred KB even for a large MSP. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Aliases a document may expand; legitimate anchors (shared level blocks) use a handful. */
export const MAX_ALIAS_COUNT = 1000;
/** Deepest nesting accepted; the v1 format needs 6 levels. */
export const MAX_DEPTH = 64;

export type YamlPath = readonly (string | number)[];

export interface LoadedDocument {
  /** The path as it will appear in messages. */
  file: string;
  /** The plain JS value (toJS), not yet checked against the schema. */
  value: unknown;
  /** The `yaml` path: the Document with its nodes, and its line counter. */
  document?: Document.Parsed;
  lineCounter?: LineCounter;
  /** The fast path (load-fast.ts): node offsets found on demand, no Document. */
  fast?: FastSpans;
}

export interface LoadOptions {
  /** Try the fast parser first (large files); the caller redoes the file without it if anything is wrong. */
  fast?: boolean;
}

export interface LoadResult {
  documents: LoadedDocument[];
  /** Every file read (in load order), including those with errors. */
  files: string[];
  diagnostics: Diagnostic[];
}

function problem(code: string, summary: string, file: string, hint?: string, line = 1, column = 1): Diagnostic {
  return { severity: 'error', code, summary, ...(hint ? { hint } : {}), source: { file, line, column } };
}

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
    document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  } catch (error: unknown) {
    // The parser reports its own stack overflows as errors, but be safe: no stack trace for any input.
    const message = error instanceof Error ? error.message : String(error);
    diagnostics.push(problem('yaml-syntax', `cannot parse YAML: ${message}`, file));
    return { diagnostics };
  }
  for (const e of document.errors) {
    const { line, column } = at(e.pos[0]);
    const tooDeep = /call stack/i.test(e.message);
    diagnostics.push(
      problem(
        tooDeep ? 'yaml-too-deep' : 'yaml-syntax',
        tooDeep ? `YAML nested too deeply to read` : `YAML syntax error: ${e.message.replace(/; please use YAML\.parseAllDocuments\(\)/, '')}`,
        file,
        e.code === 'MULTIPLE_DOCS' ? 'put one document in each file (split them into several files of one directory)' : undefined,
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
  return { document: { file, document, lineCounter, value }, diagnostics };
}

/** Reads and parses one file, refusing oversized and binary files before parsing them. */
export async function loadYamlFile(file: string, options: LoadOptions = {}): Promise<{ document?: LoadedDocument; diagnostics: Diagnostic[] }> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error: unknown) {
    return { diagnostics: [readFailure(file, error)] };
  }
  if (size > MAX_FILE_BYTES) {
    const mb = (size / (1024 * 1024)).toFixed(1);
    return {
      diagnostics: [problem('file-too-large', `file is ${mb} MB; cwctl reads desired-state files of at most ${MAX_FILE_BYTES / (1024 * 1024)} MB`, file, 'split it into several files in one directory and pass the directory with -f')],
    };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error: unknown) {
    return { diagnostics: [readFailure(file, error)] };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { diagnostics: [problem('not-text', `file is not text (a NUL byte at offset ${nul}); expected YAML`, file)] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { diagnostics: [problem('not-text', 'file is not valid UTF-8 text; expected YAML', file, 'save the file as UTF-8')] };
  }
  if (options.fast) {
    const parser = await loadFastParser();
    const fast = parser && text.trim() !== '' ? parseFast(parser, text) : undefined;
    if (fast && depthOf(fast.value) <= MAX_DEPTH) return { document: { file, value: fast.value, fast: fast.spans }, diagnostics: [] };
  }
  return parseYamlText(file, text);
}

function readFailure(file: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return { severity: 'error', code: 'file-not-found', summary: `${file}: no such file or directory`, hint: 'pass the file with -f FILE, or run cwctl init to write a starter cwctl.yaml' };
  }
  if (code === 'EACCES') return { severity: 'error', code: 'file-unreadable', summary: `${file}: permission denied` };
  if (code === 'EISDIR') return { severity: 'error', code: 'file-unreadable', summary: `${file}: is a directory` };
  const message = error instanceof Error ? error.message : String(error);
  return { severity: 'error', code: 'file-unreadable', summary: `cannot read ${file}: ${message}` };
}

/** Loads a file, or every *.yaml / *.yml directly inside a directory (sorted by name, so the order is stable). */
export async function loadYamlFiles(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  let isDirectory = false;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error: unknown) {
    return { documents: [], files: [], diagnostics: [readFailure(path, error)] };
  }
  let files = [path];
  if (isDirectory) {
    const names = (await readdir(path, { withFileTypes: true }))
      .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
      .map((e) => e.name)
      .sort();
    if (names.length === 0) {
      return { documents: [], files: [], diagnostics: [{ severity: 'error', code: 'file-not-found', summary: `${path}: the directory holds no *.yaml or *.yml file` }] };
    }
    files = names.map((n) => join(path, n));
  }
  const documents: LoadedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const result = await loadYamlFile(file, options);
    diagnostics.push(...result.diagnostics);
    if (result.document) documents.push(result.document);
  }
  return { documents, files, diagnostics };
}

function pairOf(map: Node, key: string | number): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
}

/**
 * Where a path points in the file: the value's position, or with `which: 'key'` the key's (for "unknown key").
 * A path that does not exist (a missing key) falls back to its nearest existing parent.
 */
export function spanOf(doc: LoadedDocument, path: YamlPath, which: 'value' | 'key' = 'value'): SourceSpan {
  if (doc.fast) return doc.fast.spanOf(doc.file, path, which);
  if (!doc.document || !doc.lineCounter) return { file: doc.file, line: 1, column: 1 };
  let node: Node | null | undefined = doc.document.contents;
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
  const pos = doc.lineCounter.linePos(offset);
  return { file: doc.file, line: pos.line, column: pos.col };
}
