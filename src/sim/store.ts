// The simulated PSA: its tables, rules and renderings (SimStore over a serializable SimData).
// Pure data and methods: no HTTP, no files, no console; the clock is injected. Violations throw SimHttpError
// carrying the PSA error body. Private keys are kept only as sha256 digests, except the bootstrap admin pair,
// which is the simulator's own throwaway key and is printed at start (see README).

import { randomBytes } from 'node:crypto';
import { functionKey } from '../catalogue/find-function.js';
import { CUSTOMIZE_IDENTIFIERS } from '../catalogue/types.js';
import { sha256Hex } from '../model/canonical-json.js';
import type { CatalogueFunction, CatalogueModule, CustomizeIdentifier, Level, LevelKind, SetupScreenEntry } from '../catalogue/types.js';
import type { Json, JsonObject } from './json.js';
import type { CustomizeItemForm, SimWorld } from './world.js';
import { suggestName } from '../config/suggest.js';
import { isJsonObject } from './json.js';
import { SimHttpError, invalidObject, notFound, psaError } from './psa-error.js';
import type { PsaValidationError } from './psa-error.js';
import type { ResourceSpec, TableName } from './resources.js';
import { API_MEMBER, MEMBER, REF_FIELDS, SECURITY_ROLE, TABLE_HREF, TABLE_NAMES, buildRow, writableView } from './resources.js';

export const SIM_FORMAT_VERSION = 1;
/** `_info.updatedBy` for changes a person makes in the PSA screens (/__sim/ui). */
export const UI_OPERATOR = 'sim-operator';

export interface SimCatalogue {
  modules: readonly CatalogueModule[];
  setupScreens: readonly SetupScreenEntry[];
  /** How customizeItems spells a Table Setup item (default "Category / Name"); see world.ts. */
  customizeItemIdentifier?: CustomizeItemForm;
  /** Corporate structure level names to seed (default: the PSA's captions, "Corporate (Level 1)"...). */
  structureLevels?: readonly string[];
}

export interface StoredLevels {
  add: Level;
  edit: Level;
  delete: Level;
  inquire: Level;
  lastUpdated: string;
  updatedBy: string;
}

export interface ApiKeyRecord {
  id: number;
  memberId: number;
  description: string;
  publicKey: string;
  privateKeySha256: string;
  createdAt: string;
}

export interface TokenRecord {
  publicKey: string;
  privateKeySha256: string;
  memberId: number;
  expiration: string;
}

/** Everything the simulator persists (`--data FILE`). */
export interface SimData {
  formatVersion: number;
  company: string;
  clientId: string;
  seed: number;
  bootstrap: { memberIdentifier: string; publicKey: string; privateKey: string };
  nextIds: Record<string, number>;
  tables: Record<TableName, JsonObject[]>;
  /** roleId -> "Module / Function" -> levels; a function without an entry is None on all four columns. */
  roleLevels: Record<string, Record<string, StoredLevels>>;
  /** roleId -> customizeIdentifier -> allowed items (SystemTableSetup items are "Category / Name"). */
  roleCustomize: Record<string, Partial<Record<CustomizeIdentifier, string[]>>>;
  apiKeys: ApiKeyRecord[];
  tokens: TokenRecord[];
  /** The world this data was seeded from, when it is not the built-in catalogue (`--world`); re-validated on load. */
  world?: SimWorld;
}

export interface Caller {
  memberId: number;
  identifier: string;
  publicKey: string;
}

export interface CatalogueEntry {
  settingId: number;
  key: string;
  module: CatalogueModule;
  fn: CatalogueFunction;
}

/** A PSA-looking key: 16 characters of [A-Za-z0-9]. */
export function generateKey(rand: () => number = () => (randomBytes(1)[0] as number) / 256): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 16; i++) out += chars[Math.floor(rand() * chars.length)];
  return out;
}

const LEVEL_COLUMNS: readonly [LevelKind, 'addLevel' | 'editLevel' | 'deleteLevel' | 'inquireLevel'][] = [
  ['add', 'addLevel'], ['edit', 'editLevel'], ['delete', 'deleteLevel'], ['inquire', 'inquireLevel'],
];

const PARENT_TABLES: readonly TableName[] = ['crossReferences', 'mdiLogins', 'mdiNotifications'];

export class SimStore {
  /** Bumped on every mutation; the persister writes when it moves. */
  version = 0;
  readonly catalogueEntries: readonly CatalogueEntry[];
  private readonly entryByKey: Map<string, CatalogueEntry>;
  private readonly index: Map<TableName, Map<number, JsonObject>>;

  constructor(readonly data: SimData, readonly catalogue: SimCatalogue, readonly now: () => Date = () => new Date()) {
    const entries: CatalogueEntry[] = [];
    // Setting ids follow catalogue order, the same under every role (stable as long as the catalogue is).
    for (const module of catalogue.modules) {
      for (const fn of module.functions) entries.push({ settingId: entries.length + 1, key: functionKey(module.name, fn.name), module, fn });
    }
    this.catalogueEntries = entries;
    this.entryByKey = new Map(entries.map((e) => [e.key.toLowerCase(), e]));
    this.index = new Map();
    for (const t of TABLE_NAMES) {
      data.tables[t] ??= [];
      this.index.set(t, new Map(data.tables[t].map((r) => [r.id as number, r])));
    }
  }

  timestamp(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private touch(): void {
    this.version++;
  }

  nextId(table: string): number {
    const n = this.data.nextIds[table] ?? 1;
    this.data.nextIds[table] = n + 1;
    return n;
  }

  rows(table: TableName): readonly JsonObject[] {
    return this.data.tables[table];
  }

  get(table: TableName, id: number): JsonObject | undefined {
    return this.index.get(table)?.get(id);
  }

  readonly lookup = (table: TableName, id: number): JsonObject | undefined => this.get(table, id);

  /** Inserts a prepared row (seed and generic create); assigns id and _info. */
  insertRow(table: TableName, row: JsonObject, by: string): JsonObject {
    const id = this.nextId(table);
    const stored: JsonObject = { id, ...row, _info: { lastUpdated: this.timestamp(), updatedBy: by, dateEntered: this.timestamp(), enteredBy: by } };
    this.data.tables[table].push(stored);
    this.index.get(table)?.set(id, stored);
    this.touch();
    return stored;
  }

  private replaceRow(table: TableName, id: number, row: JsonObject, by: string): JsonObject {
    const old = this.get(table, id);
    if (!old) throw notFound(`${table} ${id}`);
    const oldInfo = isJsonObject(old._info) ? old._info : {};
    const stored: JsonObject = { id, ...row, _info: { ...oldInfo, lastUpdated: this.timestamp(), updatedBy: by } };
    const list = this.data.tables[table];
    list[list.indexOf(old)] = stored;
    this.index.get(table)?.set(id, stored);
    this.touch();
    return stored;
  }

  private removeRow(table: TableName, id: number): void {
    const old = this.get(table, id);
    if (!old) return;
    const list = this.data.tables[table];
    list.splice(list.indexOf(old), 1);
    this.index.get(table)?.delete(id);
    this.touch();
  }

  private checkUnique(spec: ResourceSpec, row: JsonObject, selfId: number | undefined, errors: PsaValidationError[]): void {
    for (const field of spec.unique ?? []) {
      const v = row[field];
      if (typeof v !== 'string') continue;
      const clash = this.rows(spec.table).find((r) => r.id !== selfId && typeof r[field] === 'string' && (r[field]).toLowerCase() === v.toLowerCase());
      if (clash) errors.push({ code: 'Duplicate', message: `The ${field} '${v}' is already in use (id ${clash.id as number}).`, resource: spec.resource, field });
    }
  }

  /** Fields a row carries that this spec does not describe (the other view's fields, internal keys). */
  private keepForeign(spec: ResourceSpec, base: JsonObject | undefined): JsonObject {
    const out: JsonObject = {};
    if (!base) return out;
    for (const [k, v] of Object.entries(base)) if (k !== 'id' && k !== '_info' && !(k in spec.fields)) out[k] = v;
    return out;
  }

  /** POST: validates a body and inserts it. `extra` sets server-side fields (parent reference, licenseClass...). */
  create(spec: ResourceSpec, body: unknown, by: string, extra: JsonObject = {}): JsonObject {
    const { row, errors } = buildRow(spec, body, undefined, this.lookup);
    Object.assign(row, extra);
    this.applyRules(spec, row, undefined, errors, 'create');
    if (errors.length > 0) throw invalidObject(spec.resource, errors);
    return this.insertRow(spec.table, row, by);
  }

  /** PUT: replaces every writable field; omitted ones reset to defaults. */
  replace(spec: ResourceSpec, id: number, body: unknown, by: string): JsonObject {
    const base = this.get(spec.table, id);
    if (!base) throw notFound(`${spec.resource} ${id}`);
    const { row, errors } = buildRow(spec, body, base, this.lookup);
    const merged = { ...this.keepForeign(spec, base), ...row };
    this.applyRules(spec, merged, base, errors, 'update');
    if (errors.length > 0) throw invalidObject(spec.resource, errors);
    return this.replaceRow(spec.table, id, merged, by);
  }

  /**
   * PATCH with the PSA's JSON Patch dialect: `path` is a top-level field name (a leading '/' is tolerated),
   * references are replaced whole; a nested path such as `securityRole/id` is refused with a 400.
   */
  patch(spec: ResourceSpec, id: number, ops: unknown, by: string): JsonObject {
    const base = this.get(spec.table, id);
    if (!base) throw notFound(`${spec.resource} ${id}`);
    if (!Array.isArray(ops) || ops.length === 0) {
      throw psaError(400, 'InvalidRequest', 'A PATCH body must be a non-empty JSON array of {op, path, value} operations.');
    }
    const view = writableView(spec, base);
    const names = Object.keys(spec.fields);
    ops.forEach((op: unknown, i) => {
      if (!isJsonObject(op)) throw psaError(400, 'InvalidRequest', `patch[${i}] must be an object {op, path, value}.`);
      const kind = typeof op.op === 'string' ? op.op.toLowerCase() : '';
      if (!['add', 'replace', 'remove'].includes(kind)) {
        throw psaError(400, 'InvalidRequest', `patch[${i}].op must be add, replace or remove (got ${JSON.stringify(op.op ?? null)}).`);
      }
      const rawPath = typeof op.path === 'string' ? op.path.replace(/^\//, '') : '';
      if (rawPath === '') throw psaError(400, 'InvalidRequest', `patch[${i}].path is required.`);
      if (rawPath.includes('/')) {
        const top = rawPath.split('/')[0] as string;
        throw psaError(400, 'InvalidRequest', `patch[${i}].path '${rawPath}': nested paths are not supported; replace the whole '${top}' reference, e.g. {"op":"replace","path":"${top}","value":{"id":7}}.`);
      }
      const field = names.find((n) => n === rawPath) ?? names.find((n) => n.toLowerCase() === rawPath.toLowerCase());
      const f = field === undefined ? undefined : spec.fields[field];
      if (field === undefined || f === undefined || f.readOnly) {
        const hint = suggestName(rawPath, names);
        throw psaError(400, 'InvalidRequest', `patch[${i}].path '${rawPath}' is not a writable field of ${spec.resource}${hint ? ` (did you mean '${hint}'?)` : ''}.`);
      }
      if (kind === 'remove') delete view[field];
      else {
        if (!('value' in op)) throw psaError(400, 'InvalidRequest', `patch[${i}] (${kind} ${field}) needs a value.`);
        view[field] = op.value;
      }
    });
    return this.replace(spec, id, view, by);
  }

  /** DELETE: 409 while another row still references this one; an integration takes its child rows with it. */
  remove(spec: ResourceSpec, id: number): void {
    const row = this.get(spec.table, id);
    if (!row) throw notFound(`${spec.resource} ${id}`);
    if (spec.table === 'managedDevicesIntegrations') {
      for (const t of PARENT_TABLES) {
        for (const child of [...this.rows(t)]) if (this.refId(child.managedDevicesIntegration) === id) this.removeRow(t, child.id as number);
      }
    }
    const users = this.referencesTo(spec.table, id);
    if (users.length > 0) {
      const first = users[0] as { table: TableName; row: JsonObject };
      const label = typeof row.name === 'string' ? `'${row.name}'` : `${id}`;
      const what = spec.table === 'securityRoles' ? `assigned to ${users.length} member(s)` : `referenced by ${users.length} record(s)`;
      throw new SimHttpError(409, {
        code: 'ReferenceInUse',
        message: `The ${spec.resource} ${label} is ${what} (e.g. ${first.table} ${first.row.id as number}) and cannot be deleted.`,
        errors: null,
      });
    }
    this.removeRow(spec.table, id);
    if (spec.table === 'securityRoles') {
      delete this.data.roleLevels[String(id)];
      delete this.data.roleCustomize[String(id)];
    }
  }

  private refId(v: Json | undefined): number | undefined {
    return isJsonObject(v) && typeof v.id === 'number' ? v.id : undefined;
  }

  private referencesTo(table: TableName, id: number): { table: TableName; row: JsonObject }[] {
    const out: { table: TableName; row: JsonObject }[] = [];
    const specsByTable = REFERENCING_FIELDS[table];
    for (const [t, fields] of specsByTable) {
      for (const r of this.rows(t)) if (r.id !== id || t !== table) if (fields.some((f) => this.refId(r[f]) === id)) out.push({ table: t, row: r });
    }
    return out;
  }

  /** Resource-specific rules that need the whole table (uniqueness, member names). */
  private applyRules(spec: ResourceSpec, row: JsonObject, base: JsonObject | undefined, errors: PsaValidationError[], mode: 'create' | 'update'): void {
    this.checkUnique(spec, row, base?.id as number | undefined, errors);
    if (spec === API_MEMBER) {
      if (mode === 'update' && (typeof row.name !== 'string' || row.name.trim() === '') && !errors.some((e) => e.field === 'name')) {
        errors.push({ code: 'MissingRequiredField', message: 'The name field is required on updates.', resource: spec.resource, field: 'name' });
      }
      if (mode === 'create' && (typeof row.name !== 'string' || row.name === '') && typeof row.identifier === 'string') row.name = row.identifier;
    }
    if (spec === MEMBER && row.licenseClass === 'A') {
      // API members have no person fields ("API Member will get random password generated", spec 2025.8):
      // written through /system/members they need only what /system/apiMembers needs.
      const relaxed = new Set(['firstName', 'lastName', 'hireDate', 'defaultEmail', 'defaultPhone', 'securityRole']);
      for (let i = errors.length - 1; i >= 0; i--) if (errors[i]?.code === 'MissingRequiredField' && relaxed.has(errors[i]?.field ?? '')) errors.splice(i, 1);
      if (typeof row.firstName !== 'string' || row.firstName === '') delete row.firstName;
    }
    if (spec === MEMBER && typeof row.firstName === 'string') {
      row.name = `${row.firstName} ${typeof row.lastName === 'string' ? row.lastName : ''}`.trim().slice(0, 30);
    }
    if ((spec === API_MEMBER || spec === MEMBER) && row.inactiveFlag === true && !row.inactiveDate) row.inactiveDate = this.timestamp();
    if ((spec === API_MEMBER || spec === MEMBER) && row.inactiveFlag === false) delete row.inactiveDate;
  }

  // ---- rendering ----------------------------------------------------------------------------------------

  /** A reference as the PSA serves it: `{id, name|identifier..., _info: {<field>_href}}`. */
  renderRef(field: string, table: TableName, value: Json | undefined, baseUrl: string): Json {
    const id = this.refId(value);
    if (id === undefined) return null;
    const target = this.get(table, id);
    const out: JsonObject = { id };
    for (const f of REF_FIELDS[table]) if (target && target[f] !== undefined) out[f] = target[f];
    // Live references carry `<field>_href` with a doubled slash after 3.0 (psa-api.md §11.6).
    out._info = { [`${field}_href`]: `${baseUrl}/${TABLE_HREF[table]}/${id}` };
    return out;
  }

  /**
   * A stored row rendered through a spec: write-only fields dropped, references resolved, `_info` last.
   * Cached per row until the next mutation (a rename changes references elsewhere, so any write clears it);
   * callers must not mutate what they get.
   */
  render(spec: ResourceSpec, row: JsonObject, baseUrl: string): JsonObject {
    if (this.renderCacheVersion !== this.version || this.renderCacheBase !== baseUrl) {
      this.renderCache = new Map();
      this.renderCacheVersion = this.version;
      this.renderCacheBase = baseUrl;
    }
    let perSpec = this.renderCache.get(spec);
    if (!perSpec) { perSpec = new WeakMap(); this.renderCache.set(spec, perSpec); }
    const hit = perSpec.get(row);
    if (hit) return hit;
    const out = this.renderUncached(spec, row, baseUrl);
    perSpec.set(row, out);
    return out;
  }

  private renderCache = new Map<ResourceSpec, WeakMap<JsonObject, JsonObject>>();
  private renderCacheVersion = -1;
  private renderCacheBase = '';

  private renderUncached(spec: ResourceSpec, row: JsonObject, baseUrl: string): JsonObject {
    const out: JsonObject = { id: row.id as number };
    for (const [name, f] of Object.entries(spec.fields)) {
      if (f.kind === 'string' && f.writeOnly) continue;
      const v = row[name];
      if (f.kind === 'ref') {
        if (v !== undefined && v !== null) out[name] = this.renderRef(name, f.table, v, baseUrl);
        continue;
      }
      if (v !== undefined) out[name] = v;
    }
    if (spec === MEMBER) this.fillMemberView(out, row);
    if (isJsonObject(row._info)) out._info = { lastUpdated: row._info.lastUpdated ?? null, updatedBy: row._info.updatedBy ?? null, ...row._info };
    return out;
  }

  /** API members seen through /system/members: derive the Member fields their own view lacks. */
  private fillMemberView(out: JsonObject, row: JsonObject): void {
    if (out.firstName === undefined) out.firstName = typeof row.name === 'string' ? row.name : (row.identifier as string);
    if (out.lastName === undefined) out.lastName = '';
    if (out.officeEmail === undefined && typeof row.emailAddress === 'string') out.officeEmail = row.emailAddress;
    if (out.defaultEmail === undefined) out.defaultEmail = 'Office';
    if (out.defaultPhone === undefined) out.defaultPhone = 'Office';
    if (out.hireDate === undefined && isJsonObject(row._info) && typeof row._info.dateEntered === 'string') out.hireDate = row._info.dateEntered;
    const order = Object.keys(MEMBER.fields);
    const sorted: JsonObject = { id: out.id as number };
    for (const k of order) if (out[k] !== undefined) sorted[k] = out[k];
    for (const k of Object.keys(out)) delete out[k];
    Object.assign(out, sorted);
  }

  // ---- security roles, settings, customize lists ---------------------------------------------------------

  role(id: number): JsonObject {
    const r = this.get('securityRoles', id);
    if (!r) throw notFound(`securityRole ${id}`);
    return r;
  }

  /** A new role: every catalogue function None on all four columns and empty customize lists ([INF] §4). */
  initRoleSecurity(roleId: number): void {
    this.data.roleLevels[String(roleId)] = {};
    this.data.roleCustomize[String(roleId)] = {};
  }

  findEntry(moduleName: string, functionName: string): CatalogueEntry | undefined {
    return this.entryByKey.get(functionKey(moduleName, functionName).toLowerCase());
  }

  levelsOf(roleId: number, entry: CatalogueEntry): StoredLevels | undefined {
    return this.data.roleLevels[String(roleId)]?.[entry.key];
  }

  /** One SecurityRoleSetting row (also the MySecurity row, without `member`). */
  renderSetting(roleId: number, entry: CatalogueEntry): JsonObject {
    const lv = this.levelsOf(roleId, entry);
    const role = this.get('securityRoles', roleId);
    const roleInfo = role && isJsonObject(role._info) ? role._info : {};
    const fn = entry.fn;
    const offersMy = LEVEL_COLUMNS.some(([k]) => fn.offers[k].includes('My'));
    return {
      id: entry.settingId,
      addLevel: lv?.add ?? 'None',
      editLevel: lv?.edit ?? 'None',
      deleteLevel: lv?.delete ?? 'None',
      inquireLevel: lv?.inquire ?? 'None',
      moduleFunctionName: fn.name,
      moduleFunctionDescription: fn.description ?? fn.name,
      myAllFlag: offersMy,
      moduleFunctionIdentifier: fn.identifier,
      // [INF] flag meanings: report = a report/view-only function, custom = carries a Customize list.
      reportFlag: /report/i.test(fn.name),
      restrictFlag: false,
      customFlag: fn.customize !== undefined,
      moduleDescription: entry.module.name,
      moduleIdentifier: entry.module.identifier,
      moduleName: entry.module.name,
      sortOrder: fn.sortOrder,
      _info: {
        lastUpdated: lv?.lastUpdated ?? (roleInfo.lastUpdated as string | undefined) ?? this.timestamp(),
        updatedBy: lv?.updatedBy ?? (roleInfo.updatedBy as string | undefined) ?? UI_OPERATOR,
      },
    };
  }

  /** All settings rows of a role (cached until the next mutation; callers must not mutate them). */
  roleSettings(roleId: number): JsonObject[] {
    this.role(roleId);
    if (this.settingsCacheVersion !== this.version) {
      this.settingsCache.clear();
      this.settingsCacheVersion = this.version;
    }
    let rows = this.settingsCache.get(roleId);
    if (!rows) {
      rows = this.catalogueEntries.map((e) => this.renderSetting(roleId, e));
      this.settingsCache.set(roleId, rows);
    }
    return rows;
  }

  private readonly settingsCache = new Map<number, JsonObject[]>();
  private settingsCacheVersion = -1;

  /** What a person sets on the Security Modules screen (/__sim/ui only): partial, per function, checked against what each column offers. */
  setRoleLevels(roleId: number, updates: unknown, by: string = UI_OPERATOR): JsonObject[] {
    this.role(roleId);
    if (!Array.isArray(updates)) throw psaError(400, 'InvalidRequest', 'Body must be an array of {moduleName, moduleFunctionName, addLevel?, editLevel?, deleteLevel?, inquireLevel?}.');
    const plan: { entry: CatalogueEntry; next: StoredLevels }[] = [];
    updates.forEach((u: unknown, i) => {
      if (!isJsonObject(u) || typeof u.moduleName !== 'string' || typeof u.moduleFunctionName !== 'string') {
        throw psaError(400, 'InvalidRequest', `[${i}] needs string moduleName and moduleFunctionName.`);
      }
      const entry = this.findEntry(u.moduleName, u.moduleFunctionName);
      if (!entry) {
        const hint = suggestName(functionKey(u.moduleName, u.moduleFunctionName), this.catalogueEntries.map((e) => e.key));
        throw psaError(400, 'UnknownFunction', `[${i}] no function '${functionKey(u.moduleName, u.moduleFunctionName)}' on the Security Modules screen${hint ? ` (did you mean '${hint}'?)` : ''}.`);
      }
      // Several rows for one function chain: each starts from the last one, as a person clicking column by column.
      const prev = plan.findLast((p) => p.entry === entry)?.next ?? this.levelsOf(roleId, entry);
      const next: StoredLevels = {
        add: prev?.add ?? 'None', edit: prev?.edit ?? 'None', delete: prev?.delete ?? 'None', inquire: prev?.inquire ?? 'None',
        lastUpdated: this.timestamp(), updatedBy: by,
      };
      for (const [kind, prop] of LEVEL_COLUMNS) {
        const v = u[prop];
        if (v === undefined) continue;
        const offered = entry.fn.offers[kind];
        const level = typeof v === 'string' ? offered.find((l) => l.toLowerCase() === v.toLowerCase()) : undefined;
        if (level === undefined) {
          throw psaError(400, 'InvalidLevel', `[${i}] ${entry.key}: ${prop} ${JSON.stringify(v)} is not offered (choose ${offered.join(', ')}).`);
        }
        next[kind] = level;
      }
      plan.push({ entry, next });
    });
    const levels = (this.data.roleLevels[String(roleId)] ??= {});
    for (const p of plan) levels[p.entry.key] = p.next;
    this.touch();
    return plan.map((p) => this.renderSetting(roleId, p.entry));
  }

  customizeOf(roleId: number): Partial<Record<CustomizeIdentifier, string[]>> {
    return (this.data.roleCustomize[String(roleId)] ??= {});
  }

  /** Replaces one Customize allow-list of a role (UI). SystemTableSetup items must name setup screens. */
  setRoleCustomize(roleId: number, customize: CustomizeIdentifier, items: unknown): string[] {
    this.role(roleId);
    if (!CUSTOMIZE_IDENTIFIERS.includes(customize)) {
      const hint = suggestName(customize, CUSTOMIZE_IDENTIFIERS);
      throw psaError(400, 'InvalidRequest', `Unknown customize list '${customize}'${hint ? ` (did you mean '${hint}'?)` : ''}.`);
    }
    if (!Array.isArray(items) || items.some((x) => typeof x !== 'string')) throw psaError(400, 'InvalidRequest', 'Body must be an array of strings.');
    let list = (items as string[]).map((x) => x.trim());
    if (customize === 'SystemTableSetup') {
      const keyOf = (sc: SetupScreenEntry): string => `${sc.category} / ${sc.name}`;
      const byKey = new Map(this.catalogue.setupScreens.map((sc) => [keyOf(sc).toLowerCase(), keyOf(sc)]));
      const byId = new Map(this.catalogue.setupScreens.map((sc) => [String(sc.id), keyOf(sc)]));
      const byName = new Map<string, string | null>();
      for (const sc of this.catalogue.setupScreens) byName.set(sc.name.toLowerCase(), byName.has(sc.name.toLowerCase()) ? null : keyOf(sc));
      // A person picks screens from a list; accept the three forms a PSA may use for an item (id, name, "Category / Name").
      list = list.map((x, i) => {
        const hit = byKey.get(x.replace(/\s*\/\s*/, ' / ').toLowerCase()) ?? byId.get(x) ?? byName.get(x.toLowerCase()) ?? undefined;
        if (!hit) {
          const hint = suggestName(x, byKey.values());
          throw psaError(400, 'UnknownSetupScreen', `[${i}] no Table Setup screen '${x}'${hint ? ` (did you mean '${hint}'?)` : ''}.`);
        }
        return hit;
      });
    }
    const unique = [...new Set(list)];
    this.customizeOf(roleId)[customize] = unique;
    this.touch();
    return unique;
  }

  /**
   * MySecurityCustomizeItem rows for a role. Table Setup items carry the setup screen id and an itemIdentifier in the
   * world's form (screen id, "Category / Name" or name); other lists a stable per-list id and the item as stored.
   */
  customizeItems(roleId: number): JsonObject[] {
    const lists = this.customizeOf(roleId);
    const byKey = new Map(this.catalogue.setupScreens.map((sc) => [`${sc.category} / ${sc.name}`, sc]));
    const form = this.catalogue.customizeItemIdentifier ?? 'categoryName';
    const out: JsonObject[] = [];
    CUSTOMIZE_IDENTIFIERS.forEach((cid, listIndex) => {
      (lists[cid] ?? []).forEach((item, i) => {
        if (cid !== 'SystemTableSetup') {
          out.push({ id: 100000 * (listIndex + 1) + i + 1, customizeIdentifier: cid, itemIdentifier: item });
          return;
        }
        const sc = byKey.get(item);
        const itemIdentifier = sc === undefined ? item : form === 'screenId' ? String(sc.id) : form === 'name' ? sc.name : item;
        out.push({ id: sc?.id ?? 900000 + i, customizeIdentifier: cid, itemIdentifier });
      });
    });
    return out;
  }

  // ---- members, keys, tokens --------------------------------------------------------------------------

  memberByIdentifier(identifier: string): JsonObject | undefined {
    const l = identifier.toLowerCase();
    return this.rows('members').find((m) => typeof m.identifier === 'string' && m.identifier.toLowerCase() === l);
  }

  isApiMember(row: JsonObject): boolean {
    return row.licenseClass === 'A';
  }

  /** Basic-auth check: company (case-insensitive) plus a key pair or live impersonation token of an active member. */
  authenticate(company: string, publicKey: string, privateKey: string): Caller | undefined {
    if (company.toLowerCase() !== this.data.company.toLowerCase()) return undefined;
    const digest = sha256Hex(privateKey);
    let memberId: number | undefined;
    const key = this.data.apiKeys.find((k) => k.publicKey === publicKey);
    if (key && key.privateKeySha256 === digest) memberId = key.memberId;
    if (memberId === undefined) {
      const tok = this.data.tokens.find((t) => t.publicKey === publicKey && t.privateKeySha256 === digest);
      if (tok && Date.parse(tok.expiration) > this.now().getTime()) memberId = tok.memberId;
    }
    if (memberId === undefined) return undefined;
    const member = this.get('members', memberId);
    if (!member || member.inactiveFlag === true) return undefined;
    return { memberId, identifier: member.identifier as string, publicKey };
  }

  /** The UI's "API Keys > New": the private key is returned here once and kept only as a digest. */
  createApiKey(memberId: number, description: unknown, keys?: { publicKey: string; privateKey: string }): { id: number; description: string; publicKey: string; privateKey: string } {
    if (!this.get('members', memberId)) throw notFound(`member ${memberId}`);
    if (typeof description !== 'string' || description.trim() === '') throw psaError(400, 'InvalidRequest', 'description is required.');
    if (description.length > 100) throw psaError(400, 'InvalidRequest', 'description must be at most 100 characters.');
    const publicKey = keys?.publicKey ?? generateKey();
    const privateKey = keys?.privateKey ?? generateKey();
    const rec: ApiKeyRecord = { id: this.nextId('apiKeys'), memberId, description, publicKey, privateKeySha256: sha256Hex(privateKey), createdAt: this.timestamp() };
    this.data.apiKeys.push(rec);
    this.touch();
    return { id: rec.id, description, publicKey, privateKey };
  }

  listApiKeys(memberId: number): JsonObject[] {
    return this.data.apiKeys.filter((k) => k.memberId === memberId).map((k) => ({ id: k.id, description: k.description, publicKey: k.publicKey, createdAt: k.createdAt }));
  }

  deleteApiKey(memberId: number, keyId: number): void {
    const i = this.data.apiKeys.findIndex((k) => k.memberId === memberId && k.id === keyId);
    if (i < 0) throw notFound(`apiKey ${keyId}`);
    this.data.apiKeys.splice(i, 1);
    this.touch();
  }

  /** POST /system/members/{identifier}/tokens: a 4-hour impersonation pair. */
  createToken(memberIdentifier: string): JsonObject {
    const member = this.memberByIdentifier(memberIdentifier);
    if (!member) throw notFound(`member '${memberIdentifier}'`);
    const publicKey = generateKey();
    const privateKey = generateKey();
    const expiration = new Date(this.now().getTime() + 4 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.data.tokens = this.data.tokens.filter((t) => Date.parse(t.expiration) > this.now().getTime());
    this.data.tokens.push({ publicKey, privateKeySha256: sha256Hex(privateKey), memberId: member.id as number, expiration });
    this.touch();
    return { publicKey, privateKey, expiration };
  }

  deactivateMember(id: number, by: string): void {
    const m = this.get('members', id);
    if (!m) throw notFound(`member ${id}`);
    this.replaceRow('members', id, { ...m, inactiveFlag: true, inactiveDate: this.timestamp() }, by);
  }

  /** UI rename / flag change of a role (not possible through the public API). */
  updateRoleFromUi(roleId: number, body: unknown): JsonObject {
    const role = this.role(roleId);
    if (!isJsonObject(body)) throw psaError(400, 'InvalidRequest', 'Body must be an object {name?, roleType?, adminFlag?, inactiveFlag?}.');
    const merged: JsonObject = { name: role.name as Json, roleType: (role.roleType ?? null), adminFlag: role.adminFlag as Json, inactiveFlag: role.inactiveFlag as Json, ...body };
    const { row, errors } = buildRow(SECURITY_ROLE, merged, role, this.lookup);
    this.checkUnique(SECURITY_ROLE, row, roleId, errors);
    if (errors.length > 0) throw invalidObject('securityRole', errors);
    return this.replaceRow('securityRoles', roleId, row, UI_OPERATOR);
  }

  /**
   * Takes data another process wrote to this simulator's data file (the sandbox while `cwctl sim operator` plays
   * the checklist on it): same object, new contents, indexes rebuilt. Not a mutation of its own: version stays.
   */
  reload(next: SimData): void {
    for (const key of Object.keys(this.data)) if (!(key in next)) Reflect.deleteProperty(this.data, key);
    Object.assign(this.data, next);
    this.index.clear();
    // Rendered rows are cached per version, which a reload does not move: drop them.
    this.settingsCacheVersion = -1;
    this.renderCacheVersion = -1;
    for (const t of TABLE_NAMES) {
      this.data.tables[t] ??= [];
      this.index.set(t, new Map(this.data.tables[t].map((r) => [r.id as number, r])));
    }
  }
}


/** For each table, which (table, fields) hold references to it: used for the delete-in-use 409. */
const REFERENCING_FIELDS: Readonly<Record<TableName, readonly [TableName, readonly string[]][]>> = {
  securityRoles: [['members', ['securityRole']]],
  members: [['locations', ['manager']], ['mdiLogins', ['member']], ['mdiNotifications', ['member']]],
  locations: [['members', ['securityLocation', 'defaultLocation', 'salesDefaultLocation']], ['locations', ['reportsTo']], ['managedDevicesIntegrations', ['defaultLocation']]],
  departments: [['members', ['defaultDepartment']], ['managedDevicesIntegrations', ['defaultDepartment']]],
  structureLevels: [['members', ['structureLevel']], ['locations', ['structureLevel']]],
  timeZones: [['members', ['timeZone']]],
  configurationTypes: [['crossReferences', ['configurationType']]],
  agreementTypes: [['crossReferences', ['agreementType']], ['catalogItems', ['agreementType']]],
  catalogItems: [['crossReferences', ['product']]],
  managedDevicesIntegrations: [],
  crossReferences: [],
  mdiLogins: [],
  mdiNotifications: [],
  callbacks: [],
};
