// Rule: names fit the PSA's columns: member identifier at most 15 characters, role name and member name at most 30
// (reference §4, §6). The schema leaves these to this rule so the message can say which PSA field it is.

import type { Diagnostic } from '../../model/diagnostic.js';
import { at } from '../loaded-config.js';
import type { LoadedConfig, Sourced } from '../loaded-config.js';
import type { YamlPath } from '../load.js';

export const MAX_ROLE_NAME = 30;
export const MAX_MEMBER_IDENTIFIER = 15;
export const MAX_MEMBER_NAME = 30;

function tooLong(item: Sourced<unknown>, path: YamlPath, text: string | undefined, limit: number, what: string): Diagnostic[] {
  // Absent when the schema refused it (the rules also run on a file with shape errors, see prune-invalid.ts).
  if (typeof text !== 'string' || text.length <= limit) return [];
  return [{
    severity: 'error',
    code: 'too-long',
    summary: `${what} '${text}' is ${text.length} characters; the PSA allows at most ${limit}`,
    hint: `shorten it to ${limit} characters or fewer`,
    source: at(item, ...path),
  }];
}

export function checkNameLengths(config: LoadedConfig): Diagnostic[] {
  return [
    ...config.roles.flatMap((r) => tooLong(r, ['name'], r.value.name, MAX_ROLE_NAME, 'role name (Role ID)')),
    ...config.members.flatMap((m) => [
      ...tooLong(m, ['identifier'], m.value.identifier, MAX_MEMBER_IDENTIFIER, 'member identifier (Member ID)'),
      ...tooLong(m, ['name'], m.value.name, MAX_MEMBER_NAME, 'member name'),
    ]),
  ];
}
