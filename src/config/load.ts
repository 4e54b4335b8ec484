// Reads desired-state YAML: one file, or every *.yaml/*.yml of a directory, keeping each node's source position so
// that every later message can name file:line:col. Refuses what is not a sane YAML file (too large, binary, alias
// bombs, absurd nesting) quickly and with a clear message. Never throws for bad input: problems become
// Diagnostics. Knows nothing of cwctl's schema; parsing is parse-yaml.ts's.

import { isUtf8 } from 'node:buffer';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, SourceSpan } from '../model/diagnostic.js';
import { MAX_FILE_BYTES, problem } from './load-limits.js';
import { parseYaml } from './parse-yaml.js';

export { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_FILE_BYTES } from './load-limits.js';

export type YamlPath = readonly (string | number)[];

/** Where the nodes of one parsed document are; each parser brings its own. */
export interface DocumentSpans {
  spanOf(file: string, path: YamlPath, which: 'value' | 'key'): SourceSpan;
}

export interface LoadedDocument {
  /** The path as it will appear in messages. */
  file: string;
  /** The plain JS value, not yet checked against the schema. */
  value: unknown;
  spans: DocumentSpans;
}

export interface LoadOptions {
  /** Only the exact parser (tests compare it with the default, see parse-yaml.ts). */
  exact?: boolean;
}

export interface LoadResult {
  documents: LoadedDocument[];
  /** Every file read (in load order), including those with errors. */
  files: string[];
  diagnostics: Diagnostic[];
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
  const text = await readText(file);
  if (typeof text !== 'string') return text;
  return parseYaml(file, text, options);
}

/**
 * The file as text, or why not. Its own function so the bytes are dropped before the parse: held through the
 * parse of a large file, they aged into the old generation and stayed until a full collection (10 MB of a
 * 2,000-role tenant, at the peak of a plan).
 */
async function readText(file: string): Promise<string | { diagnostics: Diagnostic[] }> {
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
  if (!isUtf8(bytes)) {
    return { diagnostics: [problem('not-text', 'file is not valid UTF-8 text; expected YAML', file, 'save the file as UTF-8')] };
  }
  // A byte-order mark is not part of the YAML.
  return bytes.toString('utf8', bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
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

/**
 * Where a path points in the file: the value's position, or with `which: 'key'` the key's (for "unknown key").
 * A path that does not exist (a missing key) falls back to its nearest existing parent.
 */
export function spanOf(doc: LoadedDocument, path: YamlPath, which: 'value' | 'key' = 'value'): SourceSpan {
  return doc.spans.spanOf(doc.file, path, which);
}
