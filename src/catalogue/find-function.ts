// Resolves what a person typed ("service tickets", "Service Desk/Service Tickets", "Time and Expense > Time Entry")
// to one catalogue function and its canonical key "Module / Function". Pure lookups over CATALOGUE:
// no fuzzy guessing here (did-you-mean lives in config/suggest.ts), and no I/O.

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

/** The canonical key of a function: "Module / Function" in the catalogue's spelling. */
export function functionKey(module: Pick<CatalogueModule, 'name'>, fn: Pick<CatalogueFunction, 'name'>): FunctionKey {
  return `${module.name} / ${fn.name}`;
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
      const ref: FunctionRef = { key: functionKey(module, fn), module, function: fn };
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
