// Rule: every Table Setup entry (tableSetup: and customize.SystemTableSetup:) names a table as "Category / Name";
// the same table twice in one role is a warning. cwctl's list of tables is partial: a table it does not know is a
// warning (did-you-mean), and plan checks it against the PSA's /system/setupScreens.

import { findSetupScreen, listSetupScreenKeys, setupScreenKey } from '../../catalogue/find-setup-screen.js';
import { normalizeName } from '../../catalogue/normalize-name.js';
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
          const guess = suggestName(written, listSetupScreenKeys());
          const hint = written.includes('/')
            ? `${guess ? `${didYouMean(guess) ?? ''} ` : ''}plan checks it against the PSA's Table Setup screens`
            : `write it as "Category / Name"${guess ? `: did you mean '${guess}'?` : ''}; plan checks it against the PSA's Table Setup screens`;
          out.push({ severity: 'warning', code: 'unknown-table', summary: `role '${role.value.name}': cwctl's list has no Table Setup table '${written}'`, hint, source: source() });
        }
        const key = table ? setupScreenKey(table) : normalizeName(written);
        if (seen.has(key)) {
          out.push({ severity: 'warning', code: 'duplicate-table', summary: `role '${role.value.name}': Table Setup table '${key}' is listed twice`, source: source() });
        }
        seen.add(key);
      });
    }
  }
  return out;
}
