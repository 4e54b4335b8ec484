// The two validation layers over loaded YAML documents: secrets and shape per document (ajv), then the cross-field
// rules over the merged config, reported together as `terraform validate` does: a shape error does not hide the
// rule errors. With shape errors the rules read a pruned copy (prune-invalid.ts) and no config is returned. The
// rules do not run when a file could not be parsed (its roles would read as undeclared) or holds a secret (a rule
// message could quote it). Collects Diagnostics, never throws.

import type { Diagnostic } from '../model/diagnostic.js';
import { hasErrors } from '../model/diagnostic.js';
import type { LoadedDocument, LoadResult } from './load.js';
import type { LoadedConfig } from './loaded-config.js';
import { mergeDocuments } from './merge-documents.js';
import { RULES } from './rules/index.js';
import { pruneInvalid } from './prune-invalid.js';
import { findSecrets } from './rules/find-secrets.js';
import { checkShape } from './schema.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

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

export interface ValidatedConfig {
  config?: LoadedConfig;
  diagnostics: Diagnostic[];
}

export function validateDesiredState(loaded: LoadResult): ValidatedConfig {
  const steps = validationSteps(loaded);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** The same, handing the event loop back between steps: plan's first requests travel while a large file is checked. */
export async function validateDesiredStateYielding(loaded: LoadResult): Promise<ValidatedConfig> {
  const steps = validationSteps(loaded);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await yieldToEventLoop();
  }
}

/** The checks one after another, pausing (yield) after each check of a document and each rule. */
function* validationSteps(loaded: LoadResult): Generator<void, ValidatedConfig> {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  let rulesCanRun = !hasErrors(loaded.diagnostics);
  let shapeOk = true;
  const checkable: LoadedDocument[] = [];
  for (const doc of loaded.documents) {
    const secrets = findSecrets(doc);
    diagnostics.push(...secrets.diagnostics);
    if (hasErrors(secrets.diagnostics)) rulesCanRun = false;
    yield;
    const shape = checkShape(doc, secrets.keys);
    diagnostics.push(...shape.diagnostics);
    if (hasErrors(shape.diagnostics)) {
      shapeOk = false;
      checkable.push({ ...doc, value: pruneInvalid(doc.value, shape.errors) });
    } else {
      checkable.push(doc);
    }
    yield;
  }
  if (!rulesCanRun || loaded.documents.length === 0) return { diagnostics: sortDiagnostics(diagnostics, loaded.files) };
  const { config, diagnostics: mergeProblems } = mergeDocuments(checkable, loaded.files);
  diagnostics.push(...mergeProblems);
  for (const rule of RULES) {
    diagnostics.push(...rule(config));
    yield;
  }
  const sorted = sortDiagnostics(diagnostics, loaded.files);
  // A pruned config is not the file: nothing may plan from it.
  return shapeOk ? { config, diagnostics: sorted } : { diagnostics: sorted };
}
