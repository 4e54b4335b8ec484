// The two validation layers over loaded YAML documents: secrets and shape per document (ajv), then, when every
// document has the right shape, the cross-field rules over the merged config. Collects Diagnostics, never throws.

import type { Diagnostic } from '../model/diagnostic.js';
import { hasErrors } from '../model/diagnostic.js';
import type { LoadResult } from './load.js';
import type { LoadedConfig } from './loaded-config.js';
import { mergeDocuments } from './merge-documents.js';
import { RULES } from './rules/index.js';
import { findSecrets } from './rules/find-secrets.js';
import { validateShape } from './schema.js';

/** Orders diagnostics by file (load order), line, column; keeps pipeline order otherwise. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[], files: readonly string[]): Diagnostic[] {
  const fileRank = (d: Diagnostic): number => (d.source ? files.indexOf(d.source.file) : -1);
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) =>
      fileRank(a.d) - fileRank(b.d) ||
      (a.d.source?.line ?? 0) - (b.d.source?.line ?? 0) ||
      (a.d.source?.column ?? 0) - (b.d.source?.column ?? 0) ||
      a.i - b.i)
    .map((x) => x.d);
}

export function validateDesiredState(loaded: LoadResult): { config?: LoadedConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  let shapeOk = !hasErrors(loaded.diagnostics);
  for (const doc of loaded.documents) {
    const secrets = findSecrets(doc);
    diagnostics.push(...secrets.diagnostics);
    const shape = validateShape(doc, secrets.keys);
    diagnostics.push(...shape);
    if (hasErrors(shape) || hasErrors(secrets.diagnostics)) shapeOk = false;
  }
  // Rules assume the shape; with shape errors they would only add noise.
  if (!shapeOk || loaded.documents.length === 0) return { diagnostics: sortDiagnostics(diagnostics, loaded.files) };
  const { config, diagnostics: mergeProblems } = mergeDocuments(loaded.documents, loaded.files);
  diagnostics.push(...mergeProblems);
  for (const rule of RULES) diagnostics.push(...rule(config));
  return { config, diagnostics: sortDiagnostics(diagnostics, loaded.files) };
}
