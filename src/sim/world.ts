// A simulator "world": the security content the simulated PSA serves (modules and functions with the levels each
// column offers and their Customize lists, the Table Setup screens, the form of customize item identifiers and the
// corporate structure level names), read from a JSON file cwctl did not write (`cwctl sim --world FILE`), or the
// built-in catalogue by default. Validation only: bounded size and counts, every error names the file and the
// field path. Must not touch the network; unknown fields are ignored (a world may carry `sources`, notes...).

import { readFileSync, statSync } from 'node:fs';
import { CATALOGUE } from '../catalogue/modules.js';
import { SETUP_SCREENS } from '../catalogue/setup-screens.js';
import type { CatalogueFunction, CatalogueModule, Level, LevelKind, SetupScreenEntry } from '../catalogue/types.js';
import { suggestName } from '../config/suggest.js';
import { CUSTOMIZE_IDENTIFIERS } from '../catalogue/types.js';

/** How `/system/mySecurity/customizeItems/` spells a Table Setup item's `itemIdentifier`. */
export type CustomizeItemForm = 'screenId' | 'categoryName' | 'name';
export const CUSTOMIZE_ITEM_FORMS: readonly CustomizeItemForm[] = ['screenId', 'categoryName', 'name'];

export interface SimWorld {
  name: string;
  modules: readonly CatalogueModule[];
  setupScreens: readonly SetupScreenEntry[];
  customizeItemIdentifier: CustomizeItemForm;
  structureLevels: readonly string[];
}

/** The PSA's default captions of the five corporate structure levels (what the built-in world serves). */
export const DEFAULT_STRUCTURE_LEVELS: readonly string[] = ['Corporate (Level 1)', 'Region (Level 2)', 'Location (Level 3)', 'Business Unit (Level 4)', 'Team (Level 5)'];

export const DEFAULT_WORLD: SimWorld = {
  name: 'built-in catalogue',
  modules: CATALOGUE,
  setupScreens: SETUP_SCREENS,
  customizeItemIdentifier: 'categoryName',
  structureLevels: DEFAULT_STRUCTURE_LEVELS,
};

/** Bounds: a world is a small hand-written file; anything larger is a mistake or hostile. */
export const WORLD_LIMITS = { bytes: 1024 * 1024, modules: 50, functionsPerModule: 200, functions: 2000, setupScreens: 5000, structureLevels: 5, nameLength: 100 } as const;

export class SimWorldError extends Error {
  constructor(readonly file: string, readonly path: string, detail: string) {
    super(`${file}: ${path ? `${path}: ` : ''}${detail}`);
    this.name = 'SimWorldError';
  }
}

const LEVELS: readonly Level[] = ['None', 'My', 'All'];
const KINDS: readonly LevelKind[] = ['add', 'edit', 'delete', 'inquire'];
const MODULE_FOR_SETUP = { moduleIdentifier: 'System', moduleName: 'System' } as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and validates a world file (at most WORLD_LIMITS.bytes). */
export function loadWorld(file: string): SimWorld {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new SimWorldError(file, '', 'cannot read the world file (does it exist?)');
  }
  if (size > WORLD_LIMITS.bytes) throw new SimWorldError(file, '', `the file is ${size} bytes; a world file is at most ${WORLD_LIMITS.bytes}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SimWorldError(file, '', `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return parseWorld(parsed, file);
}

/** Validates a parsed world document; `file` names it in errors. */
export function parseWorld(doc: unknown, file: string): SimWorld {
  const fail = (path: string, detail: string): never => { throw new SimWorldError(file, path, detail); };
  if (!isObj(doc)) return fail('', 'expected a JSON object {"name", "modules", "setupScreens", "customizeItemIdentifier", "structureLevels"}');
  const text = (v: unknown, path: string): string => {
    if (typeof v !== 'string' || v.trim() === '') return fail(path, 'must be a non-empty string');
    if (v.length > WORLD_LIMITS.nameLength) return fail(path, `is ${v.length} characters; at most ${WORLD_LIMITS.nameLength}`);
    if ([...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return fail(path, 'must not contain control characters');
    return v.trim();
  };
  const list = (v: unknown, path: string, max: number, min = 1): unknown[] => {
    if (!Array.isArray(v)) return fail(path, 'must be an array');
    if (v.length < min) return fail(path, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
    if (v.length > max) return fail(path, `has ${v.length} entries; at most ${max}`);
    return v;
  };
  const unique = (seen: Map<string, string>, value: string, path: string, what: string): void => {
    const key = value.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) fail(path, `${what} '${value}' repeats ${first}`);
    seen.set(key, path);
  };

  const name = doc.name === undefined ? file.replace(/^.*[\\/]/, '').replace(/\.json$/i, '') : text(doc.name, 'name');

  let total = 0;
  const moduleNames = new Map<string, string>();
  const modules: CatalogueModule[] = list(doc.modules, 'modules', WORLD_LIMITS.modules).map((m, mi) => {
    const at = `modules[${mi}]`;
    if (!isObj(m)) return fail(at, 'must be an object {"name", "identifier", "functions"}');
    const moduleName = text(m.name, `${at}.name`);
    unique(moduleNames, moduleName, `${at}.name`, 'module');
    const identifier = m.identifier === undefined ? moduleName.replace(/[^A-Za-z0-9]/g, '') : text(m.identifier, `${at}.identifier`);
    const fnNames = new Map<string, string>();
    const functions: CatalogueFunction[] = list(m.functions, `${at}.functions`, WORLD_LIMITS.functionsPerModule).map((f, fi) => {
      const fat = `${at}.functions[${fi}]`;
      if (!isObj(f)) return fail(fat, 'must be an object {"name", "identifier", "offers", "customize"?}');
      const fnName = text(f.name, `${fat}.name`);
      unique(fnNames, fnName, `${fat}.name`, `function of ${moduleName}`);
      const fnIdentifier = f.identifier === undefined ? fnName.replace(/[^A-Za-z0-9]/g, '') : text(f.identifier, `${fat}.identifier`);
      if (!isObj(f.offers)) return fail(`${fat}.offers`, 'must be an object {"add": [...], "edit": [...], "delete": [...], "inquire": [...]}');
      const offersIn = f.offers;
      const offers = {} as Record<LevelKind, readonly Level[]>;
      for (const kind of KINDS) {
        const levels = list(offersIn[kind], `${fat}.offers.${kind}`, 3).map((l, li) => {
          const level = LEVELS.find((x) => x === l);
          if (level === undefined) return fail(`${fat}.offers.${kind}[${li}]`, `${JSON.stringify(l)} is not a level (None, My or All)`);
          return level;
        });
        // Every column can be set back to None: a new role starts there (a world without it could not be seeded).
        if (!levels.includes('None')) fail(`${fat}.offers.${kind}`, 'must include "None"');
        offers[kind] = LEVELS.filter((l) => levels.includes(l));
      }
      const out: CatalogueFunction = { name: fnName, identifier: fnIdentifier, sortOrder: fi + 1, offers };
      if (f.customize !== undefined) {
        const c = CUSTOMIZE_IDENTIFIERS.find((x) => x === f.customize);
        if (c === undefined) {
          const hint = typeof f.customize === 'string' ? suggestName(f.customize, CUSTOMIZE_IDENTIFIERS) : undefined;
          return fail(`${fat}.customize`, `${JSON.stringify(f.customize)} is not a customize list of the PSA${hint ? ` (did you mean '${hint}'?)` : ''}`);
        }
        out.customize = c;
      }
      if (typeof f.description === 'string' && f.description.length <= 500) out.description = f.description;
      return out;
    });
    total += functions.length;
    if (total > WORLD_LIMITS.functions) fail(`${at}.functions`, `the world has more than ${WORLD_LIMITS.functions} functions`);
    return { name: moduleName, identifier, functions };
  });

  const screenIds = new Set<number>();
  const screenKeys = new Map<string, string>();
  const setupScreens: SetupScreenEntry[] = (doc.setupScreens === undefined ? [] : list(doc.setupScreens, 'setupScreens', WORLD_LIMITS.setupScreens, 0)).map((s, si) => {
    const at = `setupScreens[${si}]`;
    if (!isObj(s)) return fail(at, 'must be an object {"id", "category", "name"}');
    if (typeof s.id !== 'number' || !Number.isSafeInteger(s.id) || s.id < 1) return fail(`${at}.id`, 'must be a positive integer');
    if (screenIds.has(s.id)) fail(`${at}.id`, `id ${s.id} repeats an earlier screen`);
    screenIds.add(s.id);
    const category = text(s.category, `${at}.category`);
    const screenName = text(s.name, `${at}.name`);
    unique(screenKeys, `${category} / ${screenName}`, at, 'setup screen');
    const entry: SetupScreenEntry = {
      id: s.id, category, name: screenName,
      moduleIdentifier: s.moduleIdentifier === undefined ? MODULE_FOR_SETUP.moduleIdentifier : text(s.moduleIdentifier, `${at}.moduleIdentifier`),
      moduleName: s.moduleName === undefined ? MODULE_FOR_SETUP.moduleName : text(s.moduleName, `${at}.moduleName`),
    };
    if (typeof s.description === 'string' && s.description.length <= 500) entry.description = s.description;
    return entry;
  });

  let customizeItemIdentifier: CustomizeItemForm = 'categoryName';
  if (doc.customizeItemIdentifier !== undefined) {
    const form = CUSTOMIZE_ITEM_FORMS.find((x) => x === doc.customizeItemIdentifier);
    if (form === undefined) return fail('customizeItemIdentifier', `${JSON.stringify(doc.customizeItemIdentifier)} is not one of ${CUSTOMIZE_ITEM_FORMS.join(', ')}`);
    customizeItemIdentifier = form;
  }

  const levelNames = new Map<string, string>();
  const structureLevels = doc.structureLevels === undefined
    ? DEFAULT_STRUCTURE_LEVELS
    : list(doc.structureLevels, 'structureLevels', WORLD_LIMITS.structureLevels).map((l, li) => {
      const level = text(l, `structureLevels[${li}]`);
      unique(levelNames, level, `structureLevels[${li}]`, 'structure level');
      return level;
    });

  return { name, modules, setupScreens, customizeItemIdentifier, structureLevels };
}
