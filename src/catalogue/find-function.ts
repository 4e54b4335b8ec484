// The one function matcher of cwctl. Resolves what a person typed ("service tickets", "Service Desk/Service
// Tickets", "Time and Expense > Time Entry") or what the PSA listed to one canonical key "Module / Function": the
// catalogue's key when the catalogue knows the function under any spelling or alias, else the PSA's own spelling.
// Every stage (read, diff, verify, check, safety, import) keys functions through here; the live list of
// functions (buildFunctionIndex) wins over the catalogue at plan time. Pure lookups: no fuzzy guessing
// (did-you-mean lives in config/suggest.ts), and no I/O.

import { CATALOGUE } from './modules.js';
import { normalizeName } from './normalize-name.js';
import type { CatalogueFunction, CatalogueModule, FunctionKey } from './types.js';

export interface FunctionRef {
  key: FunctionKey;
  module: CatalogueModule;
  function: CatalogueFunction;
}

export type FunctionLookup =
  | { kind: 'found'; ref: FunctionRef }
  /** A bare function name ("Reports") that several modules carry. */
  | { kind: 'ambiguous'; candidates: readonly FunctionKey[] }
  | { kind: 'unknown' };

/** The key of a function: "Module / Function" (in the catalogue's spelling when given the catalogue's names). */
export function functionKey(moduleName: string, functionName: string): FunctionKey {
  return `${moduleName} / ${functionName}`;
}

function spellingsOf(item: { name: string; identifier: string; aliases?: readonly string[] }): string[] {
  return [item.name, item.identifier, ...(item.aliases ?? [])];
}

interface Index {
  refs: readonly FunctionRef[];
  byKey: ReadonlyMap<FunctionKey, FunctionRef>;
  qualified: ReadonlyMap<string, FunctionRef[]>;
  bare: ReadonlyMap<string, FunctionRef[]>;
  modules: ReadonlyMap<string, CatalogueModule>;
}

function addTo(map: Map<string, FunctionRef[]>, key: string, ref: FunctionRef): void {
  const list = map.get(key);
  if (!list) map.set(key, [ref]);
  else if (!list.includes(ref)) list.push(ref);
}

// Built once on first use: the catalogue is constant.
let index: Index | undefined;
function getIndex(): Index {
  if (index) return index;
  const refs: FunctionRef[] = [];
  const byKey = new Map<FunctionKey, FunctionRef>();
  const qualified = new Map<string, FunctionRef[]>();
  const bare = new Map<string, FunctionRef[]>();
  const modules = new Map<string, CatalogueModule>();
  for (const module of CATALOGUE) {
    const moduleSpellings = spellingsOf(module).map(normalizeName);
    for (const spelling of moduleSpellings) modules.set(spelling, module);
    for (const fn of module.functions) {
      const ref: FunctionRef = { key: functionKey(module.name, fn.name), module, function: fn };
      refs.push(ref);
      byKey.set(ref.key, ref);
      for (const fnSpelling of spellingsOf(fn).map(normalizeName)) {
        addTo(bare, fnSpelling, ref);
        for (const moduleSpelling of moduleSpellings) addTo(qualified, `${moduleSpelling}/${fnSpelling}`, ref);
      }
    }
  }
  index = { refs, byKey, qualified, bare, modules };
  return index;
}

// Large files repeat the same few spellings thousands of times: remember answers (bounded, it is user input).
const memo = new Map<string, FunctionLookup>();

/** Resolves a typed function name, qualified by its module or bare when only one module has it. */
export function findFunction(text: string): FunctionLookup {
  const known = memo.get(text);
  if (known) return known;
  const result = lookUp(text);
  if (memo.size < 10_000) memo.set(text, result);
  return result;
}

function lookUp(text: string): FunctionLookup {
  const { qualified, bare } = getIndex();
  const norm = normalizeName(text);
  const hit = qualified.get(norm);
  if (hit && hit.length === 1 && hit[0]) return { kind: 'found', ref: hit[0] };
  const bareHit = bare.get(norm);
  if (bareHit && bareHit.length === 1 && bareHit[0]) return { kind: 'found', ref: bareHit[0] };
  const several = hit && hit.length > 1 ? hit : bareHit;
  if (several && several.length > 1) return { kind: 'ambiguous', candidates: several.map((r) => r.key) };
  return { kind: 'unknown' };
}

/** The function with exactly this canonical key, or undefined. */
export function getFunction(key: FunctionKey): FunctionRef | undefined {
  return getIndex().byKey.get(key);
}

/** A module by name, identifier or alias, tolerant of case and spacing. */
export function findModule(text: string): CatalogueModule | undefined {
  return getIndex().modules.get(normalizeName(text));
}

/** Every function of the catalogue, in catalogue order (module order, then sortOrder). */
export function listFunctions(): readonly FunctionRef[] {
  return getIndex().refs;
}

/** Every canonical key "Module / Function", in catalogue order. */
export function listFunctionKeys(): FunctionKey[] {
  return getIndex().refs.map((r) => r.key);
}

/** Every accepted spelling of every function ("Module / Function" forms), for did-you-mean candidates. */
export function listFunctionSpellings(): { spelling: string; key: FunctionKey }[] {
  const out: { spelling: string; key: FunctionKey }[] = [];
  for (const ref of getIndex().refs) {
    out.push({ spelling: ref.key, key: ref.key });
    for (const alias of ref.function.aliases ?? []) out.push({ spelling: `${ref.module.name} / ${alias}`, key: ref.key });
  }
  return out;
}

/** "Module / Function" split at its first separator, trimmed ("Service Desk/Service Tickets" -> both parts). */
export function splitFunctionKey(key: string): { module: string; function: string } | undefined {
  const at = key.search(/\s*(?:\/|>|»|›)\s*/);
  if (at <= 0) return undefined;
  const rest = key.slice(at).replace(/^\s*(?:\/|>|»|›)\s*/, '');
  const module = key.slice(0, at).trim();
  return rest.trim() && module ? { module, function: rest.trim() } : undefined;
}

const canonicalCache = new Map<string, FunctionKey>();

/**
 * The canonical key of a function as the PSA names it (moduleName, moduleFunctionName): the catalogue's key when the
 * catalogue knows it under any spelling or alias, else "Module / Function" exactly as the PSA spells it.
 */
export function canonicalFunctionKey(moduleName: string, functionName: string): FunctionKey {
  const raw = `${moduleName.trim()} / ${functionName.trim()}`;
  let key = canonicalCache.get(raw);
  if (key === undefined) {
    const hit = findFunction(raw);
    key = hit.kind === 'found' ? hit.ref.key : raw;
    // Bounded: the PSA has a few hundred functions; a hostile server cannot grow this without end.
    if (canonicalCache.size < 10_000) canonicalCache.set(raw, key);
  }
  return key;
}

/**
 * The canonical key of what a person typed, without a live list: the catalogue's key when it knows the function;
 * else the text as "Module / Function" (spacing tidied) or, for a bare unknown name, the text trimmed. Plan then
 * matches it against the live functions (buildFunctionIndex).
 */
export function typedFunctionKey(text: string): FunctionKey {
  const found = findFunction(text);
  if (found.kind === 'found') return found.ref.key;
  const parts = splitFunctionKey(text);
  return parts ? canonicalFunctionKey(parts.module, parts.function) : text.trim();
}

export type LiveFunctionLookup =
  | { kind: 'found'; key: FunctionKey }
  | { kind: 'ambiguous'; candidates: readonly FunctionKey[] }
  | { kind: 'unknown' };

/** The functions a PSA lists, searchable by any spelling the catalogue knows for them or the PSA's own. */
export interface FunctionIndex {
  find(text: string): LiveFunctionLookup;
  /** Every key, in catalogue order then by name (did-you-mean candidates, ordering). */
  keys(): FunctionKey[];
}

let rank: Map<FunctionKey, number> | undefined;
/** Catalogue position of a function; functions the catalogue does not know sort after. */
export function catalogueRank(key: FunctionKey): number {
  rank ??= new Map(getIndex().refs.map((r, i) => [r.key, i]));
  return rank.get(key) ?? Number.MAX_SAFE_INTEGER;
}

/** Catalogue order; functions only the live PSA lists sort after, by name. */
export function compareFunctionKeys(a: FunctionKey, b: FunctionKey): number {
  return catalogueRank(a) - catalogueRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Module and function of a canonical key, as a settings body names them: the catalogue's spelling, or for a key
 * the catalogue lacks (a function only the live PSA lists) the key split at ' / '.
 */
export function functionNamesOf(key: FunctionKey): { module: string; function: string } {
  const ref = getFunction(key);
  if (ref) return { module: ref.module.name, function: ref.function.name };
  const at = key.indexOf(' / ');
  return at === -1 ? { module: key, function: key } : { module: key.slice(0, at), function: key.slice(at + 3) };
}

/** Builds the matcher over a live list of canonical keys (as canonicalFunctionKey made them). */
export function buildFunctionIndex(liveKeys: Iterable<FunctionKey>): FunctionIndex {
  const keys = [...new Set(liveKeys)];
  const keySet = new Set(keys);
  const qualified = new Map<string, FunctionKey[]>();
  const bare = new Map<string, FunctionKey[]>();
  const add = (map: Map<string, FunctionKey[]>, k: string, key: FunctionKey): void => {
    const list = map.get(k);
    if (!list) map.set(k, [key]);
    else if (!list.includes(key)) list.push(key);
  };
  for (const key of keys) {
    const ref = getFunction(key);
    const parts = splitFunctionKey(key);
    const moduleSpellings = new Set<string>();
    const fnSpellings = new Set<string>();
    if (ref) {
      for (const s of spellingsOf(ref.module)) moduleSpellings.add(normalizeName(s));
      for (const s of spellingsOf(ref.function)) fnSpellings.add(normalizeName(s));
    }
    if (parts) {
      moduleSpellings.add(normalizeName(parts.module));
      const module = findModule(parts.module);
      if (module) for (const s of spellingsOf(module)) moduleSpellings.add(normalizeName(s));
      fnSpellings.add(normalizeName(parts.function));
    } else {
      fnSpellings.add(normalizeName(key));
    }
    for (const f of fnSpellings) {
      add(bare, f, key);
      for (const m of moduleSpellings) add(qualified, `${m}/${f}`, key);
    }
  }
  const order = (a: FunctionKey, b: FunctionKey): number => catalogueRank(a) - catalogueRank(b) || (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...keys].sort(order);
  return {
    find(text: string): LiveFunctionLookup {
      if (keySet.has(text)) return { kind: 'found', key: text };
      const typed = typedFunctionKey(text);
      if (keySet.has(typed)) return { kind: 'found', key: typed };
      const norm = normalizeName(text);
      const hit = qualified.get(norm);
      if (hit?.length === 1 && hit[0] !== undefined) return { kind: 'found', key: hit[0] };
      const bareHit = bare.get(norm);
      if (bareHit?.length === 1 && bareHit[0] !== undefined) return { kind: 'found', key: bareHit[0] };
      const several = hit && hit.length > 1 ? hit : bareHit;
      if (several && several.length > 1) return { kind: 'ambiguous', candidates: [...several].sort(order) };
      return { kind: 'unknown' };
    },
    keys: () => [...sorted],
  };
}
