// Rule: the API keys of one member have distinct descriptions (the description is how cwctl tells keys apart,
// since the PSA API cannot list keys).

import type { Diagnostic } from '../../model/diagnostic.js';
import { at, renderSpan } from '../loaded-config.js';
import type { LoadedConfig } from '../loaded-config.js';

export function checkApiKeys(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const member of config.members) {
    const first = new Map<string, number>();
    (member.value.apiKeys ?? []).forEach((key, i) => {
      const norm = key.description.trim().toLowerCase();
      const earlier = first.get(norm);
      if (earlier === undefined) {
        first.set(norm, i);
        return;
      }
      out.push({
        severity: 'error',
        code: 'duplicate-api-key',
        summary: `member '${member.value.identifier}': API key description '${key.description}' is repeated`,
        hint: `each key needs its own description; the first is at ${renderSpan(at(member, 'apiKeys', earlier, 'description'))}`,
        source: at(member, 'apiKeys', i, 'description'),
      });
    });
  }
  return out;
}
