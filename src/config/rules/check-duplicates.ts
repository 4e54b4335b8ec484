// Rule: a role, member or managed-devices mapping is defined once (names compared without case, as the PSA
// does), whether the two definitions sit in one file or two; the error names both places. Also one cross
// reference per (vendorType, vendorLevel) within a mapping.

import type { Diagnostic, DiagnosticCode } from '../../model/diagnostic.js';
import { at, renderSpan } from '../loaded-config.js';
import type { LoadedConfig, Sourced } from '../loaded-config.js';

function findDuplicates<T>(items: readonly Sourced<T>[], keyOf: (v: T) => string, code: DiagnosticCode, what: (v: T) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, Sourced<T>>();
  for (const item of items) {
    const key = keyOf(item.value).trim().toLowerCase();
    const earlier = first.get(key);
    if (earlier) {
      out.push({
        severity: 'error',
        code,
        summary: `${what(item.value)} is defined twice: here and at ${renderSpan(at(earlier))}`,
        hint: 'keep one definition (names are compared without regard to case)',
        source: at(item),
      });
    } else {
      first.set(key, item);
    }
  }
  return out;
}

export function checkDuplicates(config: LoadedConfig): Diagnostic[] {
  const out = [
    ...findDuplicates(config.roles, (r) => r.name, 'duplicate-role', (r) => `role '${r.name}'`),
    ...findDuplicates(config.members, (m) => m.identifier, 'duplicate-member', (m) => `member '${m.identifier}'`),
    ...findDuplicates(config.managedDevices, (m) => m.name, 'duplicate-mapping', (m) => `managed-devices mapping '${m.name}'`),
  ];
  for (const mapping of config.managedDevices) {
    const refs = (mapping.value.crossReferences ?? []).map((value, i) => ({ value, doc: mapping.doc, path: [...mapping.path, 'crossReferences', i] }));
    out.push(
      ...findDuplicates(
        refs,
        (x) => `${x.vendorType}\u0000${x.vendorLevel ?? ''}`,
        'duplicate-cross-reference',
        (x) => `mapping '${mapping.value.name}': cross reference for vendorType '${x.vendorType}'${x.vendorLevel ? ` / vendorLevel '${x.vendorLevel}'` : ''}`,
      ),
    );
  }
  return out;
}
