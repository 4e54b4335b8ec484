// fast-check generators of hostile desired-state input: structured documents that are almost right (real
// names mixed with wrong types, typos, unicode, huge and empty values) and text mutations of the shipped
// examples (lines dropped, doubled, re-indented, tabs, aliases, tags, truncation, junk bytes). Test code only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { listFunctionKeys } from '../../../src/catalogue/find-function.js';
import { listProfileNames } from '../../../src/catalogue/profiles/index.js';
import { listSetupScreenKeys } from '../../../src/catalogue/find-setup-screen.js';
import { ROOT } from './run-cli.js';

const FUNCTIONS = listFunctionKeys();
const PROFILES = listProfileNames();
const SCREENS = listSetupScreenKeys();

/** Every shipped example file's text (msp is three files). */
export function readExampleTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const dir = join(ROOT, 'examples');
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    for (const file of readdirSync(path).filter((f) => /\.ya?ml$/.test(f)).sort()) out.push({ name: `${name}/${file}`, text: readFileSync(join(path, file), 'utf8') });
  }
  return out;
}

const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\t', 'null', '~', 'yes', 'NO', '0x1F', '1e309', '-0', '.inf', '__proto__', 'constructor', 'toString', '${HOME}', '%s%n', '../../etc/passwd', 'a'.repeat(5000), 'Ω≈ç√∫', '\u202e', '\ud800'),
);
const scalar = fc.oneof(weirdString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const junk = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(weirdString, scalar, { maxKeys: 3 }));
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: junk });

const levelName = maybe(fc.constantFrom('None', 'My', 'All', 'all', 'none', 'Some', 'Full'));
const levels = fc.record({ add: levelName, edit: levelName, delete: levelName, inquire: levelName, view: levelName }, { requiredKeys: [] });
const functionName = fc.oneof(fc.constantFrom(...FUNCTIONS), fc.constantFrom(...FUNCTIONS).map((f) => f.toLowerCase().replace(' / ', '/')), weirdString);
const roleName = fc.oneof(fc.constantFrom('BrightGaugeAPI', 'DattoRMMAPI', 'Technician', 'Admin', 'Read Only', 'WiseSyncAPI'), weirdString);

const role = fc.record({
  name: maybe(roleName),
  description: maybe(weirdString),
  profiles: maybe(fc.array(fc.oneof(fc.constantFrom(...PROFILES), weirdString), { maxLength: 3 })),
  permissions: maybe(fc.dictionary(functionName, maybe(levels), { maxKeys: 6 })),
  tableSetup: maybe(fc.array(fc.oneof(fc.constantFrom(...SCREENS), weirdString), { maxLength: 4 })),
  customize: maybe(fc.dictionary(fc.constantFrom('SystemTableSetup', 'CompanyReports', 'Bogus'), fc.array(weirdString, { maxLength: 2 }), { maxKeys: 2 })),
  unlisted: maybe(fc.constantFrom('none', 'ignore', 'keep')),
  external: maybe(fc.boolean()),
}, { requiredKeys: [] });

const member = fc.record({
  identifier: maybe(fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,18}$/), weirdString)),
  name: maybe(weirdString),
  email: maybe(fc.oneof(fc.emailAddress(), weirdString)),
  role: maybe(roleName),
  level: maybe(fc.constantFrom('Corporate (Level 1)', 'Region (Level 2)', 'Team (Level 5)', 'Level 9')),
  location: maybe(fc.constantFrom('Tampa', 'Orlando', 'Mars')),
  businessUnit: maybe(fc.constantFrom('Admin', 'Services', 'Sales', 'Nowhere')),
  inactive: maybe(fc.boolean()),
  apiKeys: maybe(fc.array(fc.record({ description: maybe(weirdString), privateKey: fc.constant('pk') }, { requiredKeys: ['description'] }), { maxLength: 3 })),
}, { requiredKeys: [] });

const crossReference = fc.record({
  vendorType: maybe(fc.constantFrom('Workstation', 'Server', 'Desktop')),
  vendorLevel: maybe(fc.constantFrom('Managed', 'Backup')),
  configurationType: maybe(fc.constantFrom('Managed Workstation', 'Managed Server', 'Toaster')),
  agreementType: maybe(fc.constantFrom('Managed Services', 'Nope')),
  product: maybe(fc.constantFrom('RMM-WS', 'RMM-SRV', 'XYZ')),
}, { requiredKeys: [] });

const mapping = fc.record({
  name: maybe(fc.constantFrom('Datto RMM', 'Kaseya VSA', 'N-able')),
  solution: maybe(fc.constantFrom('Datto RMM', 'Kaseya VSA', 'Other')),
  loginBy: maybe(fc.constantFrom('Global', 'Member', 'Whatever')),
  defaultBillingLevel: maybe(fc.constantFrom('Summary', 'Detail')),
  portalUrl: maybe(fc.constantFrom('https://x.example', 'javascript:alert(1)')),
  crossReferences: maybe(fc.array(crossReference, { maxLength: 3 })),
}, { requiredKeys: [] });

/** A whole document as a JS value: mostly the v1 shape, sometimes with wrong types anywhere. */
const documentValue = fc.record({
  version: maybe(fc.constantFrom(1, 2, '1')),
  // psa is left out on purpose: a generated site would make `plan` through the CLI leave loopback.
  roles: maybe(fc.array(role, { maxLength: 4 })),
  members: maybe(fc.array(member, { maxLength: 4 })),
  mappings: maybe(fc.record({ managedDevices: maybe(fc.array(mapping, { maxLength: 2 })) }, { requiredKeys: [] })),
  extra: junk,
}, { requiredKeys: [] });

/** Documents built only from real names and levels (no junk), so plan gets exercised on valid input too. */
const plausibleRole = fc.record({
  name: fc.constantFrom('BrightGaugeAPI', 'DattoRMMAPI', 'Technician', 'Reporting', 'Ops API', 'Sync'),
  profiles: fc.array(fc.constantFrom(...PROFILES), { maxLength: 2 }),
  permissions: fc.dictionary(fc.constantFrom(...FUNCTIONS), fc.record({ add: fc.constantFrom('None', 'All'), inquire: fc.constantFrom('None', 'My', 'All') }, { requiredKeys: [] }), { maxKeys: 5 }),
  tableSetup: fc.array(fc.constantFrom(...SCREENS), { maxLength: 3 }),
  unlisted: fc.constantFrom('none', 'ignore'),
}, { requiredKeys: ['name'] });

export const plausibleDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.uniqueArray(plausibleRole, { selector: (r) => r.name, maxLength: 3 }),
    fc.uniqueArray(fc.record({
      identifier: fc.stringMatching(/^[a-z][a-z0-9]{2,12}$/),
      level: fc.constantFrom('Corporate (Level 1)', 'Region (Level 2)', 'Level 9'),
      location: fc.constantFrom('Tampa', 'Orlando', 'Mars'),
      businessUnit: fc.constantFrom('Admin', 'Services', 'Nowhere'),
      keys: fc.nat({ max: 2 }),
    }), { selector: (m) => m.identifier, maxLength: 3 }),
    fc.array(crossReference, { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([roles, members, xrefs, withMapping]) => toYaml({
    version: 1,
    roles,
    members: members.map((m, i) => ({
      identifier: m.identifier, name: `${m.identifier} API`, role: roles[i % Math.max(1, roles.length)]?.name ?? 'Technician',
      level: m.level, location: m.location, businessUnit: m.businessUnit,
      apiKeys: Array.from({ length: m.keys }, (_, k) => ({ description: `key ${k}` })),
    })),
    ...(withMapping ? { mappings: { managedDevices: [{ name: 'Datto RMM', solution: 'Datto RMM', crossReferences: xrefs }] } } : {}),
  }, false));

function toYaml(value: unknown, flow: boolean): string {
  try {
    return stringify(value, flow ? { collectionStyle: 'flow' } : {});
  } catch {
    return JSON.stringify(value) ?? 'null';
  }
}

export const generatedDocument: fc.Arbitrary<string> = fc.tuple(documentValue, fc.boolean()).map(([v, flow]) => toYaml(v, flow));

const INSERTS = [
  '*a', '&a x', '!!binary aGVsbG8=', '!!js/function "f"', '!!python/object:os.system', '~', '[]', '{}', '"\\u0000"', '<<: *x',
  '? complex key', '- - -', '|', '>', '"', "'", '{', '[', '%YAML 1.1', '---', '...', '#', '\t', '\u00a0', 'a'.repeat(10_000),
];

type Mutation =
  | { t: 'drop'; at: number }
  | { t: 'dup'; at: number }
  | { t: 'swap'; at: number; to: number }
  | { t: 'insert'; at: number; text: string }
  | { t: 'indent'; at: number; by: number }
  | { t: 'truncate'; at: number }
  | { t: 'value'; at: number; text: string }
  | { t: 'char'; at: number; ch: string };

const position = fc.nat({ max: 100_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ t: fc.constant('drop' as const), at: position }),
  fc.record({ t: fc.constant('dup' as const), at: position }),
  fc.record({ t: fc.constant('swap' as const), at: position, to: position }),
  fc.record({ t: fc.constant('insert' as const), at: position, text: fc.oneof(fc.constantFrom(...INSERTS), weirdString) }),
  fc.record({ t: fc.constant('indent' as const), at: position, by: fc.integer({ min: -4, max: 5 }) }),
  fc.record({ t: fc.constant('truncate' as const), at: position }),
  fc.record({ t: fc.constant('value' as const), at: position, text: fc.oneof(fc.constantFrom(...INSERTS), weirdString, fc.integer().map(String)) }),
  fc.record({ t: fc.constant('char' as const), at: position, ch: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
);

function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = lines.length === 0 ? 0 : m.at % lines.length;
  switch (m.t) {
    case 'drop': lines.splice(i, 1); return lines.join('\n');
    case 'dup': lines.splice(i, 0, lines[i] ?? ''); return lines.join('\n');
    case 'swap': {
      const j = m.to % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('\n');
    }
    case 'insert': lines.splice(i, 0, m.text); return lines.join('\n');
    case 'indent': {
      const line = lines[i] ?? '';
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + line : line.slice(Math.min(-m.by, line.length - line.trimStart().length));
      return lines.join('\n');
    }
    case 'truncate': return text.slice(0, m.at % (text.length + 1));
    case 'value': {
      const line = lines[i] ?? '';
      const colon = line.indexOf(': ');
      lines[i] = colon >= 0 ? `${line.slice(0, colon + 2)}${m.text}` : `${line} ${m.text}`;
      return lines.join('\n');
    }
    case 'char': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.ch + text.slice(at + 1);
    }
  }
}

export function mutatedExample(examples: readonly { name: string; text: string }[]): fc.Arbitrary<{ source: string; text: string }> {
  return fc.tuple(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([ex, ms]) => ({
    source: ex.name,
    text: ms.reduce(applyMutation, ex.text),
  }));
}

/** Plain junk: arbitrary unicode and bytes that may not even be UTF-8. */
export const rawBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ maxLength: 300 }),
);
