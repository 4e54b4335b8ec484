// Rule: every Table Setup entry (tableSetup: and customize.SystemTableSetup:) names a known table as
// "Category / Name" (did-you-mean otherwise); the same table twice in one role is a warning.

import { findSetupScreen, listSetupScreenKeys, setupScreenKey } from '../../catalogue/find-setup-screen.js';
import type { Diagnostic, SourceSpan } from '../../model/diagnostic.js';
import { at } from '../loaded-config.js';
import type { LoadedConfig } from '../loaded-config.js';
import type { YamlPath } from '../load.js';
import { didYouMean, suggestName } from '../suggest.js';

export function checkTables(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const role of config.roles) {
    const seen = new Set<string>();
    // A list may be written as {allExcept: [...]} (its entries are tables all the same).
    const entriesOf = (list: string[] | { allExcept: string[] } | undefined, path: YamlPath): [YamlPath, readonly string[]] =>
      Array.isArray(list) || list === undefined ? [path, list ?? []] : [[...path, 'allExcept'], list.allExcept];
    const lists: [YamlPath, readonly string[]][] = [
      entriesOf(role.value.tableSetup, ['tableSetup']),
      entriesOf(role.value.customize?.SystemTableSetup, ['customize', 'SystemTableSetup']),
    ];
    for (const [path, entries] of lists) {
      entries.forEach((written, i) => {
        // Looked up only for a message: on a large file most entries produce none.
        const source = (): SourceSpan => at(role, ...path, i);
        const table = findSetupScreen(written);
        if (!table) {
          const hint = written.includes('/')
            ? didYouMean(suggestName(written, listSetupScreenKeys()))
            : `write it as "Category / Name"${suggestName(written, listSetupScreenKeys()) ? `: did you mean '${suggestName(written, listSetupScreenKeys())}'?` : ''}`;
          out.push({ severity: 'error', code: 'unknown-table', summary: `role '${role.value.name}': unknown Table Setup table '${written}'`, ...(hint ? { hint } : {}), source: source() });
          return;
        }
        const key = setupScreenKey(table);
        if (seen.has(key)) {
          out.push({ severity: 'warning', code: 'duplicate-table', summary: `role '${role.value.name}': Table Setup table '${key}' is listed twice`, source: source() });
        }
        seen.add(key);
      });
    }
  }
  return out;
}
