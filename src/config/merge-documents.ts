// Joins shape-checked documents (one per file) into one LoadedConfig; `psa:` written in two files is an error
// naming both. Duplicate roles, members and mappings are left to rules/duplicate-definitions.ts, which sees
// them whether they come from one file or two.

import type { Diagnostic } from '../model/diagnostic.js';
import type { DesiredStateFile } from '../model/desired.js';
import type { LoadedDocument } from './load.js';
import { at, renderSpan } from './loaded-config.js';
import type { LoadedConfig } from './loaded-config.js';

/**
 * Documents must have passed validateShape, or be pruned by prune-invalid.ts (then items may be undefined and
 * optional-in-practice fields absent: the rules tolerate that).
 */
export function mergeDocuments(documents: readonly LoadedDocument[], files: readonly string[]): { config: LoadedConfig; diagnostics: Diagnostic[] } {
  const config: LoadedConfig = { files: [...files], roles: [], members: [], managedDevices: [], moved: [] };
  const diagnostics: Diagnostic[] = [];
  for (const doc of documents) {
    const file = doc.value as DesiredStateFile;
    if (file.psa) {
      const here = { value: file.psa, doc, path: ['psa'] };
      if (config.psa) {
        diagnostics.push({
          severity: 'error',
          code: 'duplicate-psa',
          summary: `psa: is set twice: here and at ${renderSpan(at(config.psa))}`,
          hint: 'keep one psa: block (the target) across all files',
          source: at(here),
        });
      } else {
        config.psa = here;
      }
    }
    // An item prune-invalid.ts left out is undefined; the others keep their index (their position in messages).
    (file.roles ?? []).forEach((value, i) => value !== undefined && config.roles.push({ value, doc, path: ['roles', i] }));
    (file.members ?? []).forEach((value, i) => value !== undefined && config.members.push({ value, doc, path: ['members', i] }));
    (file.mappings?.managedDevices ?? []).forEach((value, i) =>
      value !== undefined && config.managedDevices.push({ value, doc, path: ['mappings', 'managedDevices', i] }),
    );
    (file.moved ?? []).forEach((value, i) => value !== undefined && config.moved?.push({ value, doc, path: ['moved', i] }));
  }
  return { config, diagnostics };
}
