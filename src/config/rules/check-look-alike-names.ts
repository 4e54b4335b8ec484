// Rule (warnings): names that can fool a reviewer. A role, member or mapping name holding an invisible or control
// character (zero-width space, bidi override), mixing letters of several scripts ('Аdmin' with a Cyrillic А), or
// not in NFC form (an accent as a separate combining mark) looks like another name on screen and in a pull request
// but is a different name to the PSA. Also two names of one kind that look alike once folded. Warnings, not errors:
// such names can be legitimate, and the PSA is the judge of what it accepts.

import type { Diagnostic } from '../../model/diagnostic.js';
import { at, renderSpan } from '../loaded-config.js';
import type { LoadedConfig, Sourced } from '../loaded-config.js';
import type { YamlPath } from '../load.js';

const CODE = 'look-alike-name';

// Controls, soft hyphen, zero-width and bidi format characters, line/paragraph separators, BOM.
// The class lists joiners and variation selectors on purpose (each alone is what is looked for).
const INVISIBLE_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0]';
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = new RegExp(INVISIBLE_CLASS, 'u');
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ALL = new RegExp(INVISIBLE_CLASS, 'gu');

const SCRIPTS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];

// Letters of other scripts drawn like Latin ones (lower case; Unicode's confusables, the common part).
const CONFUSABLE: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w', ӏ: 'l',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ı: 'i',
};

const hex = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The name as it looks: NFKC, no invisible characters, lower case, look-alike letters as their Latin twin. */
export function lookAlikeKey(name: string): string {
  const folded = name.normalize('NFKC').replace(INVISIBLE_ALL, '').toLowerCase().trim();
  let out = '';
  for (const ch of folded) out += CONFUSABLE[ch] ?? ch;
  return out;
}

/** Why a single name can fool a reader, or undefined. */
export function lookAlikeReason(name: string): string | undefined {
  const invisible = INVISIBLE.exec(name);
  if (invisible) return `holds an invisible or control character (${hex(invisible[0])}) at position ${invisible.index + 1}`;
  const scripts = SCRIPTS.filter(([, re]) => re.test(name)).map(([script]) => script);
  if (scripts.length > 1) return `mixes ${scripts.join(' and ')} letters (it can look like a different name)`;
  if (name !== name.normalize('NFC')) return 'is not in Unicode NFC form (a letter and its accent written apart): it looks like, but is not, the composed name';
  return undefined;
}

interface Named {
  item: Sourced<unknown>;
  path: YamlPath;
  name: string;
}

function checkKind(what: string, names: readonly Named[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, Named>();
  for (const n of names) {
    const reason = lookAlikeReason(n.name);
    if (reason) {
      out.push({
        severity: 'warning',
        code: CODE,
        summary: `${what} '${n.name}' ${reason}`,
        hint: 'retype the name with plain characters of one script, unless the PSA really has it so',
        source: at(n.item, ...n.path),
      });
    }
    const key = lookAlikeKey(n.name);
    const earlier = seen.get(key);
    // Same text without case is check-duplicates' error; this is for names that differ yet look the same.
    if (earlier && earlier.name.trim().toLowerCase() !== n.name.trim().toLowerCase()) {
      out.push({
        severity: 'warning',
        code: CODE,
        summary: `${what} '${n.name}' looks like ${what} '${earlier.name}' at ${renderSpan(at(earlier.item, ...earlier.path))} but is a different name`,
        hint: 'give them names that read differently, or make them one',
        source: at(n.item, ...n.path),
      });
    } else if (!earlier) {
      seen.set(key, n);
    }
  }
  return out;
}

const named = <T>(items: readonly Sourced<T>[], key: keyof T & string): Named[] =>
  items.flatMap((item) => {
    const name = item.value[key];
    return typeof name === 'string' ? [{ item, path: [key], name }] : [];
  });

export function checkLookAlikeNames(config: LoadedConfig): Diagnostic[] {
  return [
    ...checkKind('role', named(config.roles, 'name')),
    ...checkKind('member', named(config.members, 'identifier')),
    ...checkKind('member name', named(config.members, 'name')),
    ...checkKind('mapping', named(config.managedDevices, 'name')),
  ];
}
