// readLiveState: reads from the PSA only what a plan needs (the roles declared or owned and their settings,
// the API members named, mappings and their cross references, the lookups the YAML's names resolve through),
// concurrently within the client's bound, into a LiveState. Read-only: never writes, never keeps a secret;
// a customize list it cannot read (no keys of a member of that role) stays undefined, never empty.
import { buildScreenIndex, setupScreenKey } from '../catalogue/find-setup-screen.js';
import { CUSTOMIZE_IDENTIFIERS, type CustomizeIdentifier, type Level, type Levels } from '../catalogue/types.js';
import { customizeAddress } from '../model/address.js';
import type { DesiredState } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type {
  LiveCatalogue, LiveCrossReference, LiveFunction, LiveInfo, LiveLookups, LiveMapping, LiveMember, LiveRole, LiveSetting, LiveSetupScreen,
  LiveState, NamedRef,
} from '../model/live.js';
import type { StateFile } from '../model/state.js';
import { parseAddress } from '../model/parse-address.js';
import { canonicalFunctionKey } from '../catalogue/find-function.js';
import type { ListOptions, MemberKeys, PsaClient } from './client.js';
import { readLiveLevel } from './read-live-level.js';
import { PageLimitExceeded, PsaApiError } from './errors.js';
import { readCustomizeChoices } from './read-customize-choices.js';
import { equalsCondition } from './condition-literal.js';
import { ROLE_FIELDS, SETTING_FIELDS, readCaller } from './prefetch-live-state.js';
import type { LivePrefetch } from './prefetch-live-state.js';
import type {
  ApiMember, ManagedDevicesCrossReference, ManagedDevicesIntegration, Member, MySecurityCustomizeItem, PsaInfo, PsaReference, SecurityRole,
  SecurityRoleSetting,
} from './types.js';

export interface LiveScope {
  desired: DesiredState;
  state?: StateFile | null | undefined;
}

export interface ReadLiveStateOptions {
  signal?: AbortSignal;
  /** Keys of members (by identifier): their own customize lists are read with them (the only way there is); the clientId is the client's unless given. */
  memberCredentials?: Record<string, MemberKeys>;
  /** The identifier the client's keys belong to, when already known (saves the mySecurity request). */
  callerIdentifier?: string;
  /** Read /system/setupScreens even when no declared role has a Table Setup list (import does). */
  setupScreens?: boolean;
  /**
   * A member's keys the PSA refused (401/403): called, and that member's lists stay unread (unknown), instead
   * of failing the whole read as if the run's own credentials were wrong. Without it, the refusal is thrown.
   */
  onMemberKeyRejected?: (identifier: string, error: PsaApiError) => void;
  /**
   * The whole role list and API member list, already read by the caller (import) with ROLE_FIELDS and
   * API_MEMBER_FIELDS: not read again.
   */
  preloaded?: { roles: SecurityRole[]; apiMembers: ApiMember[] };
  /** Reads started before the desired state was loaded (prefetchLiveState), used instead of sending them again. */
  prefetch?: LivePrefetch;
  now?: () => Date;
}

export const API_MEMBER_FIELDS = [
  'id', 'identifier', 'name', 'emailAddress', 'inactiveFlag', 'securityRole', 'structureLevel', 'defaultLocation', 'securityLocation',
  'defaultDepartment', '_info',
];
const MEMBER_FIELDS = ['id', 'identifier', 'firstName', 'lastName', 'licenseClass', 'inactiveFlag', 'securityRole', '_info'];
/** Conditions stay well under the ~2000-character URL limit the PSA documents. */
const MAX_CONDITION_LENGTH = 1200;

/**
 * `field="a" OR field="b"` in chunks short enough for one URL each (strings: `in` is documented for numbers).
 * Undefined when a value cannot be written in a condition (condition-literal.ts): the caller then lists everything
 * and picks the rows itself.
 */
export function buildOrConditions(fields: readonly string[], values: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const value of [...new Set(values)].sort()) {
    const terms = fields.map((f) => equalsCondition(f, value));
    if (terms.some((t) => t === undefined)) return undefined;
    const term = terms.join(' OR ');
    if (current.length > 0 && length + term.length + 4 > MAX_CONDITION_LENGTH) {
      out.push(current.join(' OR '));
      current = [];
      length = 0;
    }
    current.push(term);
    length += term.length + 4;
  }
  if (current.length > 0) out.push(current.join(' OR '));
  return out;
}

/** One role's settings by canonical function key; each function also goes into the live catalogue. */
function toSettingsByKey(role: SecurityRole, rows: readonly SecurityRoleSetting[], functions: LiveCatalogue['functions'], share: SettingSharing): LiveRole['settings'] {
  const byKey: LiveRole['settings'] = {};
  for (const s of rows) {
    const key = canonicalFunctionKey(s.moduleName, s.moduleFunctionName);
    byKey[key] = toLiveSetting(role, s, share);
    if (!functions[key]) functions[key] = toLiveFunction(s);
  }
  return byKey;
}

function toLiveFunction(s: SecurityRoleSetting): LiveFunction {
  return {
    module: s.moduleName,
    name: s.moduleFunctionName,
    ...(typeof s.myAllFlag === 'boolean' ? { myAllFlag: s.myAllFlag } : {}),
    ...(typeof s.customFlag === 'boolean' ? { customFlag: s.customFlag } : {}),
  };
}

function infoOf(info: PsaInfo | undefined): LiveInfo | undefined {
  if (!info) return undefined;
  const out: LiveInfo = {};
  if (info.lastUpdated) out.lastUpdated = info.lastUpdated;
  if (info.updatedBy) out.updatedBy = info.updatedBy;
  return out.lastUpdated || out.updatedBy ? out : undefined;
}

const named = (ref: PsaReference | null | undefined, names?: ReadonlyMap<number, string>): NamedRef | null =>
  ref && typeof ref.id === 'number' ? { id: ref.id, name: ref.name ?? names?.get(ref.id) ?? String(ref.id) } : null;

type LevelColumn = 'addLevel' | 'editLevel' | 'deleteLevel' | 'inquireLevel';

/** One column of a settings row; the message is built only when the level is refused. */
function readColumn(role: SecurityRole, s: SecurityRoleSetting, field: LevelColumn): Level {
  const value = s[field];
  // The words the PSA sends: no closure and no lowercased copy for each of 800,000 cells of a large tenant.
  if (value === 'None' || value === 'All' || value === 'My') return value;
  return readLiveLevel(value, () => `role '${role.name}' (id ${role.id}), ${s.moduleName} / ${s.moduleFunctionName}, ${field} (settings row id ${s.id})`);
}

function toLiveSetting(role: SecurityRole, s: SecurityRoleSetting, share: SettingSharing): LiveSetting {
  const levels = share.levels(readColumn(role, s, 'addLevel'), readColumn(role, s, 'editLevel'), readColumn(role, s, 'deleteLevel'), readColumn(role, s, 'inquireLevel'));
  const info = share.info(s._info);
  return info ? { psaId: s.id, levels, info } : { psaId: s.id, levels };
}

/**
 * Customize lists from mySecurity/customizeItems rows. Table Setup items are written as "Category / Name" through the
 * live screens whatever form the PSA used (screen id, name, other spacing); an item that names no screen stays raw,
 * with a warning, so it is neither silently matched nor silently dropped.
 */
export function toCustomizeLists(
  items: readonly MySecurityCustomizeItem[], screens: readonly LiveSetupScreen[] | undefined, roleName: string, warnings: Diagnostic[],
): Partial<Record<CustomizeIdentifier, string[]>> {
  const lists: Partial<Record<CustomizeIdentifier, string[]>> = {};
  for (const id of CUSTOMIZE_IDENTIFIERS) lists[id] = [];
  const index = screens ? buildScreenIndex(screens) : undefined;
  for (const item of items) {
    let text = String(item.itemIdentifier);
    if (item.customizeIdentifier === 'SystemTableSetup' && index) {
      const screen = index.find(text);
      if (screen) text = setupScreenKey(screen);
      else {
        warnings.push({
          severity: 'warning',
          code: 'unknown-customize-item',
          summary: `role '${roleName}': the PSA lists Table Setup item '${text.slice(0, 200)}', which names no screen of /system/setupScreens; shown as the PSA sent it`,
          hint: 'compare it with Setup Tables in the PSA; cwctl neither matches it to a declared table nor counts it as drift by itself',
          address: customizeAddress(roleName, 'SystemTableSetup'),
        });
      }
    }
    const list = (lists[item.customizeIdentifier] ??= []);
    if (!list.includes(text)) list.push(text);
  }
  return lists;
}

function toLiveApiMember(m: ApiMember, roleNames: ReadonlyMap<number, string>): LiveMember {
  const info = infoOf(m._info);
  return {
    psaId: m.id,
    identifier: m.identifier,
    name: m.name ?? m.identifier,
    email: m.emailAddress || null,
    role: named(m.securityRole, roleNames),
    level: named(m.structureLevel),
    location: named(m.defaultLocation ?? m.securityLocation),
    businessUnit: named(m.defaultDepartment),
    inactive: m.inactiveFlag === true,
    apiMember: true,
    ...(info ? { info } : {}),
  };
}

function toLiveMember(m: Member, roleNames: ReadonlyMap<number, string>): LiveMember {
  const info = infoOf(m._info);
  return {
    psaId: m.id,
    identifier: m.identifier,
    name: [m.firstName, m.lastName].filter(Boolean).join(' ') || m.identifier,
    email: null,
    role: named(m.securityRole, roleNames),
    level: null,
    location: null,
    businessUnit: null,
    inactive: m.inactiveFlag === true,
    apiMember: m.licenseClass === 'A',
    ...(info ? { info } : {}),
  };
}

function toLiveCrossReference(x: ManagedDevicesCrossReference): LiveCrossReference {
  const info = infoOf(x._info);
  return {
    psaId: x.id,
    vendorType: x.vendorType ?? '',
    vendorLevel: x.vendorLevel || null,
    configurationType: named(x.configurationType),
    agreementType: named(x.agreementType),
    product: x.product ? { id: x.product.id, identifier: x.product.identifier ?? String(x.product.id) } : null,
    inactive: x.inactiveFlag === true,
    ...(info ? { info } : {}),
  };
}

function toLiveMapping(m: ManagedDevicesIntegration, crossReferences: LiveCrossReference[]): LiveMapping {
  const info = infoOf(m._info);
  return {
    psaId: m.id,
    name: m.name,
    solution: m.solution,
    loginBy: m.loginBy ?? null,
    defaultBillingLevel: m.defaultBillingLevel,
    portalUrl: m.portalUrl || null,
    crossReferences,
    ...(info ? { info } : {}),
  };
}

/**
 * What the settings of one read share across a large tenant (2,000 roles x 100 functions): the 81 possible level
 * combinations and the (lastUpdated, updatedBy) pairs, which rows changed together carry. Shared values are
 * frozen, so sharing can never carry a change from one setting to another. Each row takes the shared value
 * straight away: no levels or info object of its own is made only to be dropped (about a third of the memory of
 * the settings, and most of the garbage a large read made).
 */
interface SettingSharing {
  levels(add: Level, edit: Level, del: Level, inquire: Level): Levels;
  info(info: PsaInfo | undefined): LiveInfo | undefined;
}

function createSettingSharing(): SettingSharing {
  const levelsPool = new Map<string, Levels>();
  const infoPool = new Map<string, Map<string, LiveInfo>>();
  return {
    levels(add, edit, del, inquire) {
      const key = `${add}|${edit}|${del}|${inquire}`;
      let levels = levelsPool.get(key);
      if (!levels) levelsPool.set(key, (levels = Object.freeze({ add, edit, delete: del, inquire })));
      return levels;
    },
    info(psaInfo) {
      const lastUpdated = psaInfo?.lastUpdated || undefined;
      const updatedBy = psaInfo?.updatedBy || undefined;
      if (lastUpdated === undefined && updatedBy === undefined) return undefined;
      let byUser = infoPool.get(lastUpdated ?? '');
      if (!byUser) infoPool.set(lastUpdated ?? '', (byUser = new Map<string, LiveInfo>()));
      let info = byUser.get(updatedBy ?? '');
      if (!info) {
        const made: LiveInfo = {};
        if (lastUpdated !== undefined) made.lastUpdated = lastUpdated;
        if (updatedBy !== undefined) made.updatedBy = updatedBy;
        byUser.set(updatedBy ?? '', (info = Object.freeze(made)));
      }
      return info;
    },
  };
}

/** Names of what the plan needs, from the desired state and from what state owns. */
interface Wanted {
  roles: Set<string>;
  /** Owned roles the file dropped: their holders must be found before a delete. */
  deletedRoles: Set<string>;
  members: Set<string>;
  mappings: Set<string>;
}

function wantedOf(scope: LiveScope, options: ReadLiveStateOptions): Wanted {
  const { desired } = scope;
  const roles = new Set([...desired.roles.map((r) => r.name), ...desired.members.map((m) => m.role)]);
  const members = new Set([...desired.members.map((m) => m.identifier), ...Object.keys(options.memberCredentials ?? {})]);
  if (options.callerIdentifier) members.add(options.callerIdentifier);
  const mappings = new Set(desired.managedDevices.map((m) => m.name));
  // `moved:` renames: the object may still be under its old name (not necessarily in state).
  for (const m of desired.moved ?? []) (m.kind === 'role' ? roles : members).add(m.from);
  const deletedRoles = new Set<string>();
  for (const address of Object.keys(scope.state?.resources ?? {})) {
    const p = parseAddress(address);
    if (p?.kind === 'role') {
      if (!roles.has(p.role)) deletedRoles.add(p.role);
      roles.add(p.role);
    } else if (p?.kind === 'member') members.add(p.identifier);
    else if (p?.kind === 'mapping' || p?.kind === 'crossReference') mappings.add(p.mapping);
  }
  return { roles, deletedRoles, members, mappings };
}

/** Lists with each condition chunk in parallel and concatenates (chunks undefined: one listing of all). */
async function listChunks<T>(list: (o: ListOptions) => Promise<T[]>, chunks: string[] | undefined, base: ListOptions): Promise<T[]> {
  if (chunks === undefined) return list(base);
  const pages = await Promise.all(chunks.map((conditions) => list({ ...base, conditions })));
  return pages.flat();
}

/** Only the members asked for (the PSA matches identifiers without regard to case, so this does too). */
function keepMembers<T extends { identifier?: unknown }>(rows: readonly T[], ids: readonly string[]): T[] {
  const wanted = new Set(ids.map((id) => id.toLowerCase()));
  return rows.filter((m) => typeof m.identifier === 'string' && wanted.has(m.identifier.toLowerCase()));
}

/**
 * The API members named, in the fewest requests: by identifier conditions when they fit in one URL; else whole
 * pages of the full list (1,000 a page) when that takes fewer requests than the condition chunks (about 50
 * identifiers a URL), which the first page's rel="last" tells; if the list is longer, by conditions after all.
 */
async function readApiMembers(client: PsaClient, ids: readonly string[], base: ListOptions): Promise<ApiMember[]> {
  if (ids.length === 0) return [];
  const chunks = buildOrConditions(['identifier'], ids);
  const options = { ...base, fields: API_MEMBER_FIELDS };
  if (chunks === undefined) return keepMembers(await client.listApiMembers(options), ids);
  const byConditions = (): Promise<ApiMember[]> => listChunks((o) => client.listApiMembers(o), chunks, options);
  if (chunks.length <= 1) return byConditions();
  try {
    const all = await client.listApiMembers({ ...options, pageLimit: chunks.length - 1 });
    return keepMembers(all, ids);
  } catch (error) {
    if (error instanceof PageLimitExceeded) return byConditions();
    throw error;
  }
}

/**
 * A lookup table, fetched by the names wanted (where it could be large); when a name is missing the whole
 * table is fetched so the did-you-mean has candidates.
 */
async function readLookup<T>(
  list: (o: ListOptions) => Promise<T[]>, fields: string[], names: string[], matches: (row: T, name: string) => boolean, base: ListOptions,
): Promise<T[]> {
  if (names.length === 0) return [];
  const chunks = buildOrConditions(fields, names);
  if (chunks === undefined) return list(base);
  const rows = await listChunks(list, chunks, base);
  const missing = names.some((n) => !rows.some((r) => matches(r, n)));
  return missing ? list(base) : rows;
}

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The lookup tables the desired state's names resolve through (levels, locations, business units, types, products). */
export async function readLookups(client: PsaClient, desired: DesiredState, base: ListOptions = {}): Promise<LiveLookups> {
  const needLookups = desired.members.length > 0;
  const xrefs = desired.managedDevices.flatMap((m) => m.crossReferences);
  const pick = (values: (string | undefined)[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
  const [structureLevels, locations, departments, configurationTypes, agreementTypes, catalogItems] = await Promise.all([
    needLookups ? client.listStructureLevels(base) : Promise.resolve([]),
    readLookup((o) => client.listLocations(o), ['name'], pick(desired.members.map((m) => m.location)), (r, n) => eq(r.name, n), { ...base, fields: ['id', 'name'] }),
    readLookup((o) => client.listDepartments(o), ['name', 'identifier'], pick(desired.members.map((m) => m.businessUnit)), (r, n) => eq(r.name, n) || eq(r.identifier, n), { ...base, fields: ['id', 'identifier', 'name'] }),
    readLookup((o) => client.listConfigurationTypes(o), ['name'], pick(xrefs.map((x) => x.configurationType)), (r, n) => eq(r.name, n), { ...base, fields: ['id', 'name', 'inactiveFlag'] }),
    readLookup((o) => client.listAgreementTypes(o), ['name'], pick(xrefs.map((x) => x.agreementType)), (r, n) => eq(r.name, n), { ...base, fields: ['id', 'name', 'inactiveFlag'] }),
    readLookup((o) => client.listCatalogItems(o), ['identifier'], pick(xrefs.map((x) => x.product)), (r, n) => eq(r.identifier, n), { ...base, fields: ['id', 'identifier', 'inactiveFlag'] }),
  ] as const);
  return {
    structureLevels: structureLevels.map((l) => ({ id: l.id, name: l.name })),
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    departments: departments.map((d) => ({ id: d.id, identifier: d.identifier, name: d.name })),
    configurationTypes: configurationTypes.filter((t) => t.inactiveFlag !== true).map((t) => ({ id: t.id, name: t.name })),
    agreementTypes: agreementTypes.filter((t) => t.inactiveFlag !== true).map((t) => ({ id: t.id, name: t.name })),
    catalogItems: catalogItems.filter((c) => c.inactiveFlag !== true).map((c) => ({ id: c.id, identifier: c.identifier })),
  };
}

export async function readLiveState(client: PsaClient, scope: LiveScope, options: ReadLiveStateOptions = {}): Promise<LiveState> {
  // With reads started ahead (the early start, settings read ahead), they are this read's requests too.
  const startCount = options.prefetch?.requestsBefore ?? client.requestCount();
  const base: ListOptions = options.signal ? { signal: options.signal } : {};
  const { desired } = scope;
  const wanted = wantedOf(scope, options);
  const memberIds = [...wanted.members];

  // Everything starts at once and each read follows as soon as what it needs has arrived (the settings of
  // declared roles right after the role list, not after the slowest lookup): the client bounds concurrency.
  const { preloaded } = options;
  const { prefetch } = options;
  const rolesP = preloaded ? Promise.resolve(preloaded.roles) : prefetch ? prefetch.roles : client.listSecurityRoles({ ...base, fields: ROLE_FIELDS });
  const apiMembersP = preloaded ? Promise.resolve(keepMembers(preloaded.apiMembers, memberIds)) : readApiMembers(client, memberIds, base);
  const mappingsP = wanted.mappings.size === 0 ? Promise.resolve([] as ManagedDevicesIntegration[]) : client.listManagedDevicesIntegrations(base);
  const callerP = options.callerIdentifier ? Promise.resolve(options.callerIdentifier) : prefetch ? prefetch.caller : readCaller(client, base);
  const lookupsP = readLookups(client, desired, base);
  // The live Table Setup screens: the authority for what a Table Setup item names (ids, names, spelling).
  const needScreens = options.setupScreens === true || Object.keys(options.memberCredentials ?? {}).length > 0 ||
    desired.roles.some((r) => r.customize.SystemTableSetup !== undefined && r.customize.SystemTableSetup.length > 0);
  // Read at most once: an "all except" Table Setup list needs the same listing (readCustomizeChoices below).
  let screenRowsP: Promise<LiveSetupScreen[]> | undefined;
  const readScreens = (): Promise<LiveSetupScreen[]> => {
    screenRowsP ??= client.listSetupScreens({ ...base, fields: ['id', 'category', 'name'] }).then((rows) => rows.map((r) => ({ id: r.id, category: r.category, name: r.name })));
    return screenRowsP;
  };
  const screensP: Promise<LiveSetupScreen[] | undefined> = needScreens ? readScreens() : Promise.resolve(undefined);

  // Settings, read once per role however many reasons there are to read it.
  // Each answer becomes the role's settings as it arrives, while other reads are still waiting on the network,
  // rather than all 20,000 rows of 200 roles at the end.
  const settingsOf = new Map<number, { role: SecurityRole; settings: Promise<LiveRole['settings']> }>();
  const liveFunctions: LiveCatalogue['functions'] = {};
  const share = createSettingSharing();
  // Only a few more reads are started than the client sends at once; the rest wait here, as a role and a promise.
  // A read started long before its request can go out (2,000 of them queued behind the client's bound) has grown
  // old in the heap by the time its answer comes, and an old object keeps what it is handed (the page of rows,
  // the body) alive past every minor collection: each page of a 2,000-role read was kept until a full one, 80 MB
  // more at peak. The requests and their order are the same.
  const startedAtOnce = 2 * (Number.isInteger(client.maxConcurrency) && client.maxConcurrency > 0 ? client.maxConcurrency : 8);
  const waiting: { role: SecurityRole; resolve: (settings: LiveRole['settings']) => void; reject: (error: unknown) => void }[] = [];
  let nextWaiting = 0;
  let started = 0;
  const startReads = (): void => {
    while (started < startedAtOnce && nextWaiting < waiting.length) {
      const { role, resolve, reject } = waiting[nextWaiting]!;
      waiting[nextWaiting++] = undefined as never;
      started++;
      client.listRoleSettings(role.id, { ...base, pageSize: 1000, fields: SETTING_FIELDS })
        .then((rows) => toSettingsByKey(role, rows, liveFunctions, share))
        .then(resolve, reject)
        .finally(() => {
          started--;
          startReads();
        });
    }
  };
  const readSettings = (role: SecurityRole): void => {
    if (settingsOf.has(role.id)) return;
    const settings = new Promise<LiveRole['settings']>((resolve, reject) => waiting.push({ role, resolve, reject }));
    // Awaited below; if another read fails first, this one's failure must not surface as an unhandled rejection.
    settings.catch(() => undefined);
    settingsOf.set(role.id, { role, settings });
    startReads();
  };
  let sampleP: Promise<void> = Promise.resolve();
  const readSample = (role: SecurityRole): Promise<void> => {
    const read = client.listRoleSettings(role.id, { ...base, pageSize: 1000, fields: SETTING_FIELDS }).then((rows) => {
      toSettingsByKey(role, rows, liveFunctions, share);
    });
    read.catch(() => undefined);
    return read;
  };
  const rolesIndexP = rolesP.then((roleRows) => {
    const byName = new Map<string, SecurityRole>();
    for (const r of roleRows) if (!byName.has(r.name)) byName.set(r.name, r);
    // A name that differs only in case still names the live role (the did-you-mean catches the rest).
    const lower = new Map<string, SecurityRole>(roleRows.map((r) => [r.name.toLowerCase(), r]));
    const find = (name: string): SecurityRole | undefined => byName.get(name) ?? lower.get(name.toLowerCase());
    for (const name of wanted.roles) {
      const role = find(name);
      if (role) readSettings(role);
    }
    // No declared role is live yet: one live role's settings still tell which functions this PSA has (every role
    // lists every function), so the plan checks names against the PSA rather than against cwctl's guess.
    const first = [...roleRows].sort((a, b) => a.id - b.id)[0];
    if (settingsOf.size === 0 && first && desired.roles.some((r) => !r.external)) sampleP = readSample(first);
    return { roleRows, byName, find, names: new Map<number, string>(roleRows.map((r) => [r.id, r.name])) };
  });

  const holdersP = rolesIndexP.then(({ byName }) => {
    const deleteIds = [...wanted.deletedRoles].map((n) => byName.get(n)?.id).filter((id): id is number => id !== undefined);
    return deleteIds.length === 0 ? ([] as Member[]) : client.listMembers({ ...base, conditions: `securityRole/id in (${deleteIds.join(',')})`, fields: MEMBER_FIELDS });
  });
  const crossReferencesP = mappingsP.then((rows) => {
    const toRead = rows.filter((m) => wanted.mappings.has(m.name));
    return Promise.all(toRead.map(async (m) => toLiveMapping(m, (await client.listCrossReferences(m.id, base)).map(toLiveCrossReference))));
  });

  const membersP = Promise.all([rolesIndexP, apiMembersP, callerP]).then(async ([index, apiMemberRows, callerIdentifier]) => {
    const members: Record<string, LiveMember> = {};
    for (const m of apiMemberRows) members[m.identifier] = toLiveApiMember(m, index.names);
    // A declared member's current role matters too (is the new one more powerful?).
    const declaredIds = new Set(desired.members.map((m) => m.identifier));
    const roleById = new Map(index.roleRows.map((r) => [r.id, r]));
    for (const m of Object.values(members)) {
      const role = m.role && declaredIds.has(m.identifier) ? roleById.get(m.role.id) : undefined;
      if (role) readSettings(role);
    }
    const missing = [...new Set([...memberIds, ...(callerIdentifier ? [callerIdentifier] : [])])].filter((id) => !members[id]);
    const others = missing.length === 0 ? [] : keepMembers(await listChunks((o) => client.listMembers(o), buildOrConditions(['identifier'], missing), { ...base, fields: MEMBER_FIELDS }), missing);
    for (const m of others) if (!members[m.identifier]) members[m.identifier] = toLiveMember(m, index.names);
    return { members, callerIdentifier };
  });

  // Customize lists, each read with the keys of a member holding that role (one read covers every list).
  const customizeP = membersP.then(async ({ members }) => {
    const seenRoles = new Set<number>();
    const chosen = Object.entries(options.memberCredentials ?? {})
      .map(([identifier, credentials]) => ({ identifier, credentials, roleId: members[identifier]?.role?.id }))
      .filter((r): r is { identifier: string; credentials: MemberKeys; roleId: number } => r.roleId !== undefined && settingsOf.has(r.roleId))
      .sort((a, b) => (a.identifier < b.identifier ? -1 : 1))
      .filter((r) => !seenRoles.has(r.roleId) && seenRoles.add(r.roleId) !== undefined);
    const read = async (r: (typeof chosen)[number]) => {
      try {
        return { ...r, items: await client.withCredentials(r.credentials).listMyCustomizeItems(base) };
      } catch (error) {
        const rejected = error instanceof PsaApiError && (error.status === 401 || error.status === 403);
        if (!rejected || !options.onMemberKeyRejected) throw error;
        options.onMemberKeyRejected(r.identifier, error);
        return undefined;
      }
    };
    return (await Promise.all(chosen.map(read))).filter((r) => r !== undefined);
  });

  // The full lists behind "all except" Customize lists (nothing is read when no role writes one).
  const choicesP = readCustomizeChoices(client, desired, base, readScreens);
  const [{ members, callerIdentifier }, holders, mappings, customize, lookups, setupScreens, customizeChoices] = await Promise.all([
    membersP, holdersP, crossReferencesP, customizeP, lookupsP, screensP, choicesP,
  ]);
  const index = await rolesIndexP;
  await sampleP;
  const warnings: Diagnostic[] = [];
  for (const m of holders) if (!members[m.identifier]) members[m.identifier] = toLiveMember(m, index.names);

  const roles: Record<string, LiveRole> = {};
  const settingReads = [...settingsOf.values()];
  const settingsByRole = await Promise.all(settingReads.map((s) => s.settings));
  settingReads.forEach(({ role: r }, i) => {
    const info = infoOf(r._info);
    roles[r.name] = {
      psaId: r.id, name: r.name, adminFlag: r.adminFlag === true, inactive: r.inactiveFlag === true,
      ...(r.roleType !== undefined ? { roleType: r.roleType } : {}), ...(info ? { info } : {}), settings: settingsByRole[i] ?? {},
    };
  });
  for (const c of customize) {
    const role = roles[index.names.get(c.roleId) ?? ''];
    if (!role) continue;
    role.customize = toCustomizeLists(c.items, setupScreens, role.name, warnings);
    role.customizeReadAs = c.identifier;
  }

  const managedDevices: Record<string, LiveMapping> = Object.fromEntries(mappings.map((m) => [m.name, m]));


  const callerRole = callerIdentifier ? members[callerIdentifier]?.role?.name : undefined;
  if (!callerIdentifier) {
    warnings.push({
      severity: 'warning',
      code: 'caller-unidentified',
      summary: 'GET /system/mySecurity named no member: cwctl cannot tell which member its keys belong to',
      hint: 'changes that could lock that member out are refused; run with keys of an API member that has a security role',
    });
  }
  const catalogue: LiveCatalogue = { functions: liveFunctions, ...(setupScreens ? { setupScreens } : {}) };
  return {
    target: { site: client.target.site, company: client.target.company },
    readAt: (options.now?.() ?? new Date()).toISOString(),
    roles,
    members,
    managedDevices,
    lookups,
    ...(callerIdentifier ? { caller: { identifier: callerIdentifier, ...(callerRole ? { roleName: callerRole } : {}) } } : {}),
    catalogue,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(customizeChoices ? { customizeChoices } : {}),
    requestCount: client.requestCount() - startCount,
  };
}
