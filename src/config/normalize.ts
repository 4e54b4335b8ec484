// Turns a checked LoadedConfig into the DesiredState the planner works from: profiles expanded, function names
// canonical ("Module / Function"), four levels per function, Table Setup lists canonical, defaults filled.
// Runs only on a config the rules passed (it trusts names and levels); pure.
//
// Decisions:
// - Profiles merge by the highest level per cell; explicit `permissions:` then override the profile for exactly
//   the cells they name (so `inquire: None` can take a cell back below the profile), other cells keep the profile's.
// - `unlisted: none` (default): every catalogue function is present, unset cells None. `ignore`: only functions the
//   file or a profile names.
// - A function the catalogue does not know keeps the name written ("Module / Function" tidied): plan matches it
//   against the functions the live PSA lists, and refuses it there only if the PSA has none such.
// - A Customize list, Table Setup included, is managed only when the file or a profile gives it: a role without
//   `tableSetup:` leaves its Table Setup access alone; `tableSetup: []` allows none.
// - Other Customize lists are managed only when written (cwctl has no catalogue of report names to default them).
// - Mappings default to loginBy Global and defaultBillingLevel Detail (the PSA requires both).

import { catalogueRank, listFunctionKeys, typedFunctionKey } from '../catalogue/find-function.js';
import { findSetupScreen, setupScreenKey } from '../catalogue/find-setup-screen.js';
import { mergeProfiles } from '../catalogue/merge-profiles.js';
import type { MergedProfiles } from '../catalogue/merge-profiles.js';
import { findProfile } from '../catalogue/profiles/index.js';
import type { CustomizeIdentifier, FunctionKey, IntegrationProfile, Level, LevelKind, Levels } from '../catalogue/types.js';
import { parseMovableAddress } from '../model/address.js';
import type { AllExceptFile, DesiredMapping, DesiredMember, DesiredMove, DesiredRole, DesiredState, RoleFile } from '../model/desired.js';
import { at } from './loaded-config.js';
import type { LoadedConfig, Sourced } from './loaded-config.js';
import { readLevel } from './read-level.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

// Cells no file or profile raised are one shared, frozen object: a 5 MB file of `unlisted: none` roles would
// otherwise allocate a hundred fresh cells per role. Frozen, so a consumer that tried to write one would throw.
const NONE: Readonly<Levels> = Object.freeze({ add: 'None', edit: 'None', delete: 'None', inquire: 'None' });

// Cells a file writes are shared the same way once set: there are only 81 level combinations, and a tenant of
// 2,000 roles writes a hundred thousand cells (as many objects, several MB, held for the whole plan). Found by
// index (a level is one of three words), not by a key string built per cell.
const LEVEL_INDEX: Readonly<Record<Level, number>> = { None: 0, My: 1, All: 2 };
const cells: (Readonly<Levels> | undefined)[] = new Array<Readonly<Levels> | undefined>(81);
function sharedCell(add: Level, edit: Level, del: Level, inquire: Level): Readonly<Levels> {
  const index = ((LEVEL_INDEX[add] * 3 + LEVEL_INDEX[edit]) * 3 + LEVEL_INDEX[del]) * 3 + LEVEL_INDEX[inquire];
  return (cells[index] ??= Object.freeze({ add, edit, delete: del, inquire }));
}

function canonicalTable(text: string): string {
  const found = findSetupScreen(text);
  return found ? setupScreenKey(found) : text;
}

function addUnique(into: string[], items: readonly string[]): void {
  for (const item of items) if (!into.includes(item)) into.push(item);
}

// Roles repeat the same few profile combinations: merge each combination once, and keep its cells in catalogue
// order (with every function filled for `unlisted: none`) as the base a role copies and then overrides.
interface ProfileBase {
  merged: MergedProfiles;
  /** Catalogue order; shared frozen cells. */
  ordered: Readonly<Record<FunctionKey, Levels>>;
}
const baseByKey = new Map<string, ProfileBase>();
function profileBase(profiles: readonly IntegrationProfile[], unlisted: 'none' | 'ignore'): ProfileBase {
  // A user's profile may share a built-in's name: its file is part of the key.
  const key = `${unlisted}\n${profiles.map((p) => (p.origin?.kind === 'user' ? `${p.origin.file}#${p.name}` : p.name)).join('\n')}`;
  let base = baseByKey.get(key);
  if (!base) {
    const merged = mergeProfiles(profiles);
    for (const cell of Object.values(merged.permissions)) Object.freeze(cell);
    base = { merged, ordered: inCatalogueOrder(merged.permissions, unlisted) };
    baseByKey.set(key, base);
  }
  return base;
}

/** Catalogue order, so two equal states serialise alike whatever order the file used. */
function inCatalogueOrder(permissions: Readonly<Record<FunctionKey, Levels>>, unlisted: 'none' | 'ignore'): Record<FunctionKey, Levels> {
  const ordered: Record<FunctionKey, Levels> = {};
  for (const key of listFunctionKeys()) {
    const levels = permissions[key] ?? (unlisted === 'none' ? NONE : undefined);
    if (levels) ordered[key] = levels;
  }
  // Functions the catalogue does not know, after it, by name.
  const others = Object.keys(permissions).filter((k) => catalogueRank(k) === Number.MAX_SAFE_INTEGER).sort();
  for (const key of others) ordered[key] = permissions[key] as Levels;
  return ordered;
}

export function normalizeRole(role: Sourced<RoleFile>): DesiredRole {
  const file = role.value;
  const source = at(role);
  if (file.external === true) {
    return { name: file.name, external: true, unlisted: 'ignore', profiles: [], permissions: {}, customize: {}, source };
  }
  const unlisted = file.unlisted ?? 'none';
  const profiles = (file.profiles ?? []).map(findProfile).filter((p): p is IntegrationProfile => p !== undefined);
  const { merged, ordered } = profileBase(profiles, unlisted);

  // The file's `permissions:` override the base cell by cell, each into a shared cell (the base's are never written).
  let permissions: Record<FunctionKey, Levels> = { ...ordered };
  let outOfOrder = false;
  for (const [written, writtenLevels] of Object.entries(file.permissions ?? {})) {
    // The catalogue's key, or the name as written for a function only the live PSA may know (plan checks it).
    const key = typedFunctionKey(written);
    const base = Object.hasOwn(permissions, key) ? permissions[key] : undefined;
    if (base === undefined) outOfOrder = true;
    const from = base ?? NONE;
    const level = (kind: LevelKind): Level => {
      const text = writtenLevels[kind];
      return (text === undefined ? undefined : readLevel(text)?.level) ?? from[kind];
    };
    permissions[key] = sharedCell(level('add'), level('edit'), level('delete'), level('inquire'));
  }
  if (outOfOrder) permissions = inCatalogueOrder(permissions, unlisted);

  const customize: Partial<Record<CustomizeIdentifier, string[]>> = {};
  for (const [id, list] of Object.entries(merged.customize) as [CustomizeIdentifier, string[]][]) {
    customize[id] = id === 'SystemTableSetup' ? list.map(canonicalTable) : [...list];
  }
  // "All except" lists (the file's or a profile's): the exceptions here, the list itself planned against the PSA.
  const allExcept: Partial<Record<CustomizeIdentifier, string[]>> = {};
  const except = (id: CustomizeIdentifier, items: readonly string[]): void => {
    addUnique((allExcept[id] ??= []), id === 'SystemTableSetup' ? items.map(canonicalTable) : items);
    customize[id] ??= [];
  };
  for (const profile of profiles) {
    for (const [id, items] of Object.entries(profile.customizeAllExcept ?? {}) as [CustomizeIdentifier, readonly string[]][]) except(id, items);
  }
  for (const [id, list] of Object.entries(file.customize ?? {}) as [CustomizeIdentifier, string[] | AllExceptFile][]) {
    if (!Array.isArray(list)) except(id, list.allExcept);
    else addUnique((customize[id] ??= []), id === 'SystemTableSetup' ? list.map(canonicalTable) : list);
  }
  if (Array.isArray(file.tableSetup)) addUnique((customize.SystemTableSetup ??= []), file.tableSetup.map(canonicalTable));
  else if (file.tableSetup) except('SystemTableSetup', file.tableSetup.allExcept);

  return {
    name: file.name, external: false, unlisted, profiles: profiles.map((p) => p.name), permissions, customize,
    ...(Object.keys(allExcept).length > 0 ? { customizeAllExcept: allExcept } : {}),
    source,
  };
}

export function normalize(config: LoadedConfig): DesiredState {
  return assemble(config, config.roles.map(normalizeRole));
}

/** The same, handing the event loop back every few roles (see yield-to-event-loop.ts). */
export async function normalizeYielding(config: LoadedConfig): Promise<DesiredState> {
  const roles: DesiredRole[] = [];
  for (const role of config.roles) {
    roles.push(normalizeRole(role));
    if (roles.length % 32 === 0) await yieldToEventLoop();
  }
  return assemble(config, roles);
}

function assemble(config: LoadedConfig, roles: DesiredRole[]): DesiredState {
  const members: DesiredMember[] = config.members.map((m) => {
    const v = m.value;
    return {
      identifier: v.identifier,
      name: v.name,
      role: v.role,
      level: v.level,
      ...(v.location !== undefined ? { location: v.location } : {}),
      ...(v.businessUnit !== undefined ? { businessUnit: v.businessUnit } : {}),
      ...(v.email !== undefined ? { email: v.email } : {}),
      inactive: v.inactive ?? false,
      apiKeys: (v.apiKeys ?? []).map((k) => ({ description: k.description })),
      source: at(m),
    };
  });
  const managedDevices: DesiredMapping[] = config.managedDevices.map((m) => {
    const v = m.value;
    return {
      name: v.name,
      solution: v.solution,
      loginBy: v.loginBy ?? 'Global',
      defaultBillingLevel: v.defaultBillingLevel ?? 'Detail',
      ...(v.portalUrl !== undefined ? { portalUrl: v.portalUrl } : {}),
      crossReferences: (v.crossReferences ?? []).map((x, i) => ({ ...x, source: at(m, 'crossReferences', i) })),
      source: at(m),
    };
  });
  const moved: DesiredMove[] = [];
  for (const m of config.moved ?? []) {
    const from = parseMovableAddress(m.value.from);
    const to = parseMovableAddress(m.value.to);
    if (from && to && from.kind === to.kind) moved.push({ kind: from.kind, from: from.name, to: to.name, source: at(m) });
  }
  return {
    ...(config.psa ? { psa: { site: config.psa.value.site, company: config.psa.value.company } } : {}),
    roles,
    members,
    managedDevices,
    ...(moved.length > 0 ? { moved } : {}),
    files: config.files,
  };
}
