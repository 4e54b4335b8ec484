// What load.ts and both of its parsers refuse, and how a refusal reads. Shared so neither parser module has to
// load the other.

import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';

/** Largest file accepted; a security-roles file is a few hundred KB even for a large MSP. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Aliases a document may expand; legitimate anchors (shared level blocks) use a handful. */
export const MAX_ALIAS_COUNT = 1000;
/** Deepest nesting accepted; the v1 format needs 6 levels. */
export const MAX_DEPTH = 64;

export function problem(code: DiagnosticCode, summary: string, file: string, hint?: string, line = 1, column = 1): Diagnostic {
  return { severity: 'error', code, summary, ...(hint ? { hint } : {}), source: { file, line, column } };
}
