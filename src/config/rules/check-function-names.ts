// Rule: every permission key names a function ("Service Tiket" -> did you mean 'Service Desk / Service Tickets'?),
// bare names must not be ambiguous ("Reports"), and no function is listed twice in a role under two spellings.
// Case, spacing and vendor aliases are accepted (normalize.ts writes the canonical key). The catalogue is offline
// knowledge, not the PSA: a function it does not know is a warning here; plan checks it against the live PSA.

import { findFunction, listFunctionSpellings, typedFunctionKey } from '../../catalogue/find-function.js';
import type { FunctionKey } from '../../catalogue/types.js';
import type { Diagnostic, SourceSpan } from '../../model/diagnostic.js';
import { keyAt, renderSpan } from '../loaded-config.js';
import type { LoadedConfig } from '../loaded-config.js';
import { didYouMean, suggest } from '../suggest.js';
import type { Candidate } from '../suggest.js';

let qualified: Candidate<FunctionKey>[] | undefined;
let bare: Candidate<FunctionKey>[] | undefined;

/** Did-you-mean over the catalogue: whole "Module / Function", then the function part alone in any module. */
export function suggestFunction(text: string): FunctionKey | undefined {
  qualified ??= listFunctionSpellings().map((s) => ({ spelling: s.spelling, value: s.key }));
  bare ??= listFunctionSpellings().map((s) => ({ spelling: s.spelling.slice(s.spelling.indexOf(' / ') + 3), value: s.key }));
  const whole = suggest(text, text.includes('/') || text.includes('>') ? qualified : bare);
  if (whole) return whole;
  const separator = text.search(/[/>:]/);
  return separator >= 0 ? suggest(text.slice(separator + 1), bare) : undefined;
}

export function checkFunctionNames(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const role of config.roles) {
    const seen = new Map<FunctionKey, string>();
    for (const written of Object.keys(role.value.permissions ?? {})) {
      // Where it is written is looked up only for a message: on a large file most entries produce none.
      const source = (): SourceSpan => keyAt(role, 'permissions', written);
      const found = findFunction(written);
      if (found.kind === 'unknown') {
        const guess = didYouMean(suggestFunction(written));
        const hint = `${guess ? `${guess} ` : ''}plan checks it against the functions the PSA lists${written.search(/[/>:]/) < 0 ? '; write it as "Module / Function"' : ''}`;
        out.push({ severity: 'warning', code: 'unknown-function', summary: `role '${role.value.name}': cwctl's catalogue has no function '${written}'`, hint, source: source() });
        const key = typedFunctionKey(written);
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          out.push({
            severity: 'error', code: 'duplicate-permission', summary: `role '${role.value.name}': '${written}' and '${earlier}' are the same function (${key})`,
            hint: `keep one entry; the first is at ${renderSpan(keyAt(role, 'permissions', earlier))}`, source: source(),
          });
        }
        seen.set(key, written);
        continue;
      }
      if (found.kind === 'ambiguous') {
        out.push({
          severity: 'error',
          code: 'ambiguous-function',
          summary: `role '${role.value.name}': '${written}' is a function of several modules`,
          hint: `name the module: ${found.candidates.map((c) => `'${c}'`).join(', ')}`,
          source: source(),
        });
        continue;
      }
      const earlier = seen.get(found.ref.key);
      if (earlier !== undefined) {
        out.push({
          severity: 'error',
          code: 'duplicate-permission',
          summary: `role '${role.value.name}': '${written}' and '${earlier}' are the same function (${found.ref.key})`,
          hint: `keep one entry; the first is at ${renderSpan(keyAt(role, 'permissions', earlier))}`,
          source: source(),
        });
        continue;
      }
      seen.set(found.ref.key, written);
    }
  }
  return out;
}
