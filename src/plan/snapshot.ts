// The canonical, secret-free JSON value of each live object by Address: what state records as `applied`,
// what digests are taken of, and what drift compares. Also builds the state resources an apply records.
// Pure; never includes keys, passwords or anything the PSA would not show a reader of the record.
import type { CustomizeIdentifier, FunctionKey, Levels } from '../catalogue/types.js';
import type { Address, AddressKind } from '../model/address.js';
import { addressKind } from '../model/address.js';
import { canonicalJson, canonicalKeyOrder, digestOf, digestOfCanonical, quoteJson } from '../model/canonical-json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import type { LiveCrossReference, LiveMapping, LiveMember, LiveRole, LiveState } from '../model/live.js';
import type { StateResource } from '../model/state.js';
import { parseAddress } from '../model/parse-address.js';

export const NONE_LEVELS: Readonly<Levels> = Object.freeze({ add: 'None', edit: 'None', delete: 'None', inquire: 'None' });

export const isNoneLevels = (l: Levels): boolean => l.add === 'None' && l.edit === 'None' && l.delete === 'None' && l.inquire === 'None';

/** Levels of one function of a live role; a function the PSA did not list is None on all four columns. */
export function liveLevels(role: LiveRole | undefined, key: FunctionKey): Levels {
  const setting = role?.settings[key];
  return setting ? { ...setting.levels } : { ...NONE_LEVELS };
}

const levelsValue = (l: Levels): JsonObject => ({ add: l.add, edit: l.edit, delete: l.delete, inquire: l.inquire });

/** A role: name, adminFlag and only its non-None cells (a fresh role is all None, so this stays small). */
export function snapshotRole(role: LiveRole): JsonObject {
  const settings: JsonObject = {};
  for (const key of Object.keys(role.settings).sort()) {
    const s = role.settings[key];
    if (s && !isNoneLevels(s.levels)) settings[key] = levelsValue(s.levels);
  }
  return { name: role.name, adminFlag: role.adminFlag, settings };
}

/** The levels the PSA has, by their place in LEVELS_JSON; -1 for anything else. */
const levelCode = (level: unknown): number => (level === 'None' ? 0 : level === 'All' ? 1 : level === 'My' ? 2 : -1);
const LEVEL_NAMES = ['None', 'All', 'My'] as const;
/** The canonical JSON of every cell of those three levels, at add * 27 + delete * 9 + edit * 3 + inquire. */
const LEVELS_JSON: readonly string[] = Array.from({ length: 81 }, (_, n) => {
  const [add, del, edit, inquire] = [Math.floor(n / 27), Math.floor(n / 9) % 3, Math.floor(n / 3) % 3, n % 3].map((i) => LEVEL_NAMES[i]!);
  return `{"add":"${add}","delete":"${del}","edit":"${edit}","inquire":"${inquire}"}`;
});

/**
 * The text of one cell, `"Module / Function":{...}`, by key and level code: 200 roles hold the same hundred functions
 * at a handful of level combinations. Bounded (a PSA lists a few hundred functions); past the bound, written anew.
 */
const CELL_JSON = new Map<string, string[]>();
let cellsCached = 0;
function cellJson(key: string, code: number): string {
  const cached = CELL_JSON.get(key)?.[code];
  if (cached !== undefined) return cached;
  const text = `${quoteJson(key)}:${LEVELS_JSON[code]!}`;
  if (cellsCached < 20_000) {
    let texts = CELL_JSON.get(key);
    if (texts === undefined) {
      texts = [];
      CELL_JSON.set(key, texts);
    }
    texts[code] = text;
    cellsCached++;
  }
  return text;
}

/** The last key list put in canonical order, and that order: the roles of one PSA list the same functions alike. */
let lastKeys: readonly string[] = [];
let lastOrder: readonly string[] = [];
function canonicalOrderOf(keys: string[]): readonly string[] {
  if (keys.length !== lastKeys.length || keys.some((k, i) => k !== lastKeys[i])) {
    lastOrder = canonicalKeyOrder([...keys]);
    lastKeys = keys;
  }
  return lastOrder;
}

/**
 * canonicalJson(snapshotRole(role)), written straight from the role: a plan without state digests every declared
 * role it adopts (200 roles x 100 cells), and building each snapshot to walk it generically was most of the diff.
 * Any value of another shape than the PSA's (a level that is not None/My/All, a name that is not a string) takes
 * the generic writer, so the text is the same for every input.
 */
export function snapshotRoleJson(role: LiveRole): string {
  const { name, adminFlag, settings } = role;
  if (typeof name !== 'string' || typeof adminFlag !== 'boolean') return canonicalJson(snapshotRole(role));
  const cells: string[] = [];
  for (const key of canonicalOrderOf(Object.keys(settings))) {
    const s = settings[key];
    // snapshotRole's `settings[key] =` would set the prototype, not a key: not in its JSON.
    if (!s || isNoneLevels(s.levels) || key === '__proto__') continue;
    const { add, edit, delete: del, inquire } = s.levels;
    const a = levelCode(add);
    const d = levelCode(del);
    const e = levelCode(edit);
    const i = levelCode(inquire);
    if (a < 0 || d < 0 || e < 0 || i < 0) return canonicalJson(snapshotRole(role));
    cells.push(cellJson(key, a * 27 + d * 9 + e * 3 + i));
  }
  return `{"adminFlag":${adminFlag ? 'true' : 'false'},"name":${quoteJson(name)},"settings":{${cells.join(',')}}}`;
}

/** digestOf(snapshotRole(role)), without building the snapshot. */
export const snapshotRoleDigest = (role: LiveRole): string => digestOfCanonical(snapshotRoleJson(role));

export const snapshotSetting = (levels: Levels): JsonObject => levelsValue(levels);

/** A customize allow-list, items sorted (the PSA keeps no order). */
export function snapshotCustomize(list: CustomizeIdentifier, items: readonly string[]): JsonObject {
  return { list, items: [...new Set(items)].sort() };
}

export function snapshotMember(m: LiveMember): JsonObject {
  return {
    identifier: m.identifier,
    name: m.name,
    role: m.role?.name ?? null,
    level: m.level?.name ?? null,
    location: m.location?.name ?? null,
    businessUnit: m.businessUnit?.name ?? null,
    inactive: m.inactive,
    email: m.email ?? null,
  };
}

/** A text field as canonical JSON: a string or null; undefined for anything else. */
const textJson = (v: JsonValue | undefined): string | undefined => (v === null ? 'null' : typeof v === 'string' ? quoteJson(v) : undefined);

/**
 * canonicalJson(snapshotMember(m)), written in the snapshot's fixed key order instead of walked generically (a plan
 * without state digests each of 1,000 adopted API members). A field of another type takes the generic writer.
 */
export function snapshotMemberJson(m: LiveMember, s: JsonObject = snapshotMember(m)): string {
  const businessUnit = textJson(s.businessUnit);
  const email = textJson(s.email);
  const identifier = textJson(s.identifier);
  const level = textJson(s.level);
  const location = textJson(s.location);
  const name = textJson(s.name);
  const role = textJson(s.role);
  if (businessUnit === undefined || email === undefined || identifier === undefined || level === undefined || location === undefined ||
    name === undefined || role === undefined || typeof s.inactive !== 'boolean') return canonicalJson(s);
  return `{"businessUnit":${businessUnit},"email":${email},"identifier":${identifier},"inactive":${s.inactive ? 'true' : 'false'},"level":${level},"location":${location},"name":${name},"role":${role}}`;
}

/** digestOf(snapshotMember(m)), without walking the snapshot (`snapshot`: snapshotMember(m), when the caller has it). */
export const snapshotMemberDigest = (m: LiveMember, snapshot?: JsonObject): string => digestOfCanonical(snapshotMemberJson(m, snapshot));

export function snapshotMapping(m: LiveMapping): JsonObject {
  return { name: m.name, solution: m.solution, loginBy: m.loginBy, defaultBillingLevel: m.defaultBillingLevel, portalUrl: m.portalUrl };
}

export function snapshotCrossReference(x: LiveCrossReference): JsonObject {
  return {
    vendorType: x.vendorType,
    vendorLevel: x.vendorLevel,
    configurationType: x.configurationType?.name ?? null,
    agreementType: x.agreementType?.name ?? null,
    product: x.product?.identifier ?? null,
    inactive: x.inactive,
  };
}

/** The live cross reference keyed by (vendorType, vendorLevel); an empty level counts as none. */
export function findLiveCrossReference(mapping: LiveMapping | undefined, vendorType: string, vendorLevel: string | null | undefined): LiveCrossReference | undefined {
  const level = vendorLevel || null;
  return mapping?.crossReferences.find((x) => x.vendorType === vendorType && (x.vendorLevel || null) === level);
}

export interface LiveObject {
  value: JsonValue;
  psaId?: number;
}

/**
 * The live value an address names, or undefined when the object is absent or cannot be read
 * (a customize list read without that role's member keys; API keys, which no API lists).
 */
export function readLiveObject(live: LiveState, address: Address): LiveObject | undefined {
  const parsed = parseAddress(address);
  if (!parsed) return undefined;
  switch (parsed.kind) {
    case 'role': {
      const role = live.roles[parsed.role];
      return role ? { value: snapshotRole(role), psaId: role.psaId } : undefined;
    }
    case 'setting': {
      const role = live.roles[parsed.role];
      if (!role) return undefined;
      const setting = role.settings[parsed.functionKey];
      return { value: snapshotSetting(liveLevels(role, parsed.functionKey)), ...(setting ? { psaId: setting.psaId } : {}) };
    }
    case 'customize': {
      const items = live.roles[parsed.role]?.customize?.[parsed.list];
      return items ? { value: snapshotCustomize(parsed.list, items) } : undefined;
    }
    case 'member': {
      const m = live.members[parsed.identifier];
      return m ? { value: snapshotMember(m), psaId: m.psaId } : undefined;
    }
    case 'apiKey':
      return undefined;
    case 'mapping': {
      const m = live.managedDevices[parsed.mapping];
      return m ? { value: snapshotMapping(m), psaId: m.psaId } : undefined;
    }
    case 'crossReference': {
      const x = findLiveCrossReference(live.managedDevices[parsed.mapping], parsed.vendorType, parsed.vendorLevel);
      return x ? { value: snapshotCrossReference(x), psaId: x.psaId } : undefined;
    }
  }
}

/**
 * State resources for the given addresses as they are live now (after an apply verified them).
 * Addresses whose live value cannot be read (unknown customize lists, API keys) are left out: the caller
 * records those itself (person-confirmed lists with snapshotCustomize, keys with their public-key suffix).
 */
export function buildStateResources(live: LiveState, addresses: Address[], now: string): Record<Address, StateResource> {
  const out: Record<Address, StateResource> = {};
  for (const address of addresses) {
    const object = readLiveObject(live, address);
    if (!object) continue;
    const kind: AddressKind = addressKind(address);
    out[address] = {
      kind,
      ...(object.psaId !== undefined ? { psaId: object.psaId } : {}),
      digest: digestOf(object.value),
      applied: object.value,
      appliedAt: now,
      verifiedBy: kind === 'customize' ? 'member-keys' : 'api',
    };
  }
  return out;
}
