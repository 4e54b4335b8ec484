// At most MAX_DIAGNOSTICS_PER_FILE diagnostics of one file are shown; the rest are counted, so a file of 50,000
// broken roles prints a screenful and "... and 49,900 more" instead of 50,000 messages. Pure; keeps the order
// it is given (sorted by file, line, column). Diagnostics without a source position count as one group.

import type { Diagnostic } from '../model/diagnostic.js';

export const MAX_DIAGNOSTICS_PER_FILE = 100;

export interface OmittedDiagnostics {
  /** The file whose diagnostics were cut ('' for those without a position). */
  file: string;
  errors: number;
  warnings: number;
}

export interface CappedDiagnostics {
  shown: Diagnostic[];
  omitted: OmittedDiagnostics[];
}

export function capDiagnostics(diagnostics: readonly Diagnostic[], max: number = MAX_DIAGNOSTICS_PER_FILE): CappedDiagnostics {
  const kept = new Map<string, number>();
  const omitted = new Map<string, OmittedDiagnostics>();
  const shown: Diagnostic[] = [];
  for (const d of diagnostics) {
    const file = d.source?.file ?? '';
    const n = kept.get(file) ?? 0;
    if (n < max) {
      kept.set(file, n + 1);
      shown.push(d);
      continue;
    }
    const o = omitted.get(file) ?? { file, errors: 0, warnings: 0 };
    if (d.severity === 'error') o.errors++;
    else o.warnings++;
    omitted.set(file, o);
  }
  return { shown, omitted: [...omitted.values()] };
}

const count = (n: number, noun: string): string => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

/** "... and 49,900 more in roles.yaml (49,900 errors, 0 warnings) not shown: fix the first ones and run again". */
export function describeOmitted(o: OmittedDiagnostics, max: number = MAX_DIAGNOSTICS_PER_FILE): string {
  const where = o.file === '' ? '' : ` in ${o.file}`;
  return `... and ${(o.errors + o.warnings).toLocaleString('en-US')} more${where} (${count(o.errors, 'error')}, ${count(o.warnings, 'warning')}) not shown: cwctl shows the first ${max} of a file; fix those and run it again`;
}
