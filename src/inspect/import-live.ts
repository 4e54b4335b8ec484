// Reads the live PSA (or a selection: role and member globs, mappings on request) and renders it as the v1 YAML a
// person would write: a role as a recognised profile when it matches one exactly, else only its non-None cells
// with `unlisted: none`; members by names, never ids. Returns the YAML and the addresses to adopt into state.
// Read-only against the PSA; never reads or writes a secret (no keys, no mapping passwords).
import { LEVEL_KINDS } from '../catalogue/types.js';
import type { CustomizeIdentifier, FunctionKey, Levels } from '../catalogue/types.js';
import type { Address } from '../model/address.js';
import { crossReferenceAddress, customizeAddress, mappingAddress, memberAddress, roleAddress } from '../model/address.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveRole, LiveState } from '../model/live.js';
import { compareFunctionKeys } from '../catalogue/find-function.js';
import { isNoneLevels } from '../plan/snapshot.js';
import type { MemberKeys, PsaClient } from '../psa/client.js';
import { findMemberKeys } from '../psa/credentials.js';
import type { MemberKeyPair } from '../psa/credentials.js';
import { API_MEMBER_FIELDS, readLiveState, toCustomizeLists } from '../psa/read-live-state.js';
import { ROLE_FIELDS } from '../psa/prefetch-live-state.js';
import { matchesAnyGlob } from './match-glob.js';
import { recogniseProfiles } from './recognise-profiles.js';
import { renderImportYaml } from './render-import-yaml.js';
import { mergeProfiles } from '../catalogue/merge-profiles.js';

export interface ImportOptions {
  client: PsaClient;
  /** Role name globs (`*`, `?`; case-insensitive); default all. */
  roles?: string[];
  /** API member identifier globs; default all. */
  members?: string[];
  /** Import managed-devices mappings and their cross references too. */
  mappings?: boolean;
  /** Write `psa:` (omitted for the sandbox, whose address changes every run). */
  psa?: { site: string; company: string };
  /** Keys handed over as CWCTL_NEW_KEY_<MEMBER> (by env suffix); they are sent with the client's own clientId. */
  memberKeys?: Record<string, MemberKeyPair>;
  callerIdentifier?: string;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface ImportedList {
  address: Address;
  list: CustomizeIdentifier;
  /** Known: read with a member's own keys; unknown: no API could read it, written as the file says. */
  items: string[];
  known: boolean;
}

export interface ImportResult {
  yaml: string;
  live: LiveState;
  /** Objects read live and written to the YAML: what state adopts. */
  addresses: Address[];
  /** The customize lists written (SystemTableSetup of every managed role, others where known and not empty). */
  lists: ImportedList[];
  /** Roles referenced by members but outside --roles: written `external: true`. */
  externalRoles: string[];
  counts: { roles: number; profiles: number; members: number; mappings: number; crossReferences: number };
  /** What a person should know (lists no API could read, ...). */
  notes: string[];
}

/** A DesiredState naming exactly what to read, for readLiveState's scope. */
function scopeOf(roles: string[], members: { identifier: string; role: string }[], mappings: string[]): DesiredState {
  return {
    roles: roles.map((name) => ({ name, external: false, unlisted: 'none', profiles: [], permissions: {}, customize: {} })),
    members: members.map((m) => ({ identifier: m.identifier, name: m.identifier, role: m.role, level: '', inactive: false, apiKeys: [] })),
    managedDevices: mappings.map((name) => ({ name, solution: '', loginBy: 'Global', defaultBillingLevel: 'Summary', crossReferences: [] })),
    files: [],
  };
}

/** Only the columns that are not None, in Add/Edit/Delete/Inquire order: the smallest way to write a cell. */
function compactLevels(levels: Levels): Partial<Levels> {
  const out: Partial<Levels> = {};
  for (const kind of LEVEL_KINDS) if (levels[kind] !== 'None') out[kind] = levels[kind];
  return out;
}

function gridOf(role: LiveRole): Record<FunctionKey, Levels> {
  const grid: Record<FunctionKey, Levels> = {};
  for (const [key, setting] of Object.entries(role.settings)) if (!isNoneLevels(setting.levels)) grid[key] = setting.levels;
  return grid;
}

const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

export async function importLive(options: ImportOptions): Promise<ImportResult> {
  const { client } = options;
  const base = options.signal ? { signal: options.signal } : {};
  const roleGlobs = options.roles ?? ['*'];
  const memberGlobs = options.members ?? ['*'];

  // Read once, with the fields readLiveState needs, and handed to it (preloaded) rather than read again.
  const [roleRows, memberRows, mappingRows] = await Promise.all([
    client.listSecurityRoles({ ...base, fields: ROLE_FIELDS }),
    client.listApiMembers({ ...base, fields: API_MEMBER_FIELDS }),
    options.mappings ? client.listManagedDevicesIntegrations({ ...base, fields: ['id', 'name'] }) : Promise.resolve([]),
  ]);
  const roleNames = roleRows.map((r) => r.name).filter((n) => matchesAnyGlob(n, roleGlobs));
  const selectedMembers = memberRows.filter((m) => matchesAnyGlob(m.identifier, memberGlobs));
  const memberScope = selectedMembers.map((m) => ({ identifier: m.identifier, role: m.securityRole?.name ?? '' }));
  const mappingNames = mappingRows.map((m) => m.name);

  // A member's own keys are the only way to read its role's Table Setup list.
  const memberCredentials: Record<string, MemberKeys> = {};
  if (options.memberKeys) {
    for (const m of memberRows) {
      const pair = findMemberKeys(options.memberKeys, m.identifier);
      if (pair) memberCredentials[m.identifier] = { publicKey: pair.publicKey, privateKey: pair.privateKey };
    }
  }
  const live = await readLiveState(client, { desired: scopeOf(roleNames, memberScope, mappingNames) }, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(Object.keys(memberCredentials).length ? { memberCredentials } : {}),
    ...(options.callerIdentifier ? { callerIdentifier: options.callerIdentifier } : {}),
    ...(options.now ? { now: options.now } : {}),
    // Table Setup items are written as the live screens name them, whatever form the PSA lists them in.
    setupScreens: true,
    preloaded: { roles: roleRows, apiMembers: memberRows },
  });

  // The caller's own role: its lists are readable with the keys cwctl already runs with.
  const callerRole = live.caller?.roleName ? live.roles[live.caller.roleName] : undefined;
  if (callerRole && !callerRole.customize) {
    const warnings = (live.warnings ??= []);
    callerRole.customize = toCustomizeLists(await client.listMyCustomizeItems(base), live.catalogue?.setupScreens, callerRole.name, warnings);
    if (live.caller) callerRole.customizeReadAs = live.caller.identifier;
  }

  const addresses: Address[] = [];
  const lists: ImportedList[] = [];
  const notes: string[] = [];
  const unknownLists: string[] = [];
  let profiles = 0;

  // Members first decide which roles must be present: a member's role outside --roles is written external.
  const members = Object.values(live.members)
    .filter((m) => m.apiMember && selectedMembers.some((s) => s.identifier === m.identifier))
    .sort((a, b) => byName(a.identifier, b.identifier));
  const managedRoles = roleNames.filter((n) => live.roles[n]).sort(byName);
  const externalRoles = [...new Set(members.map((m) => m.role?.name).filter((n): n is string => !!n && !managedRoles.includes(n)))].sort(byName);

  const roleDocs: Record<string, unknown>[] = [];
  const roleComments: (string | undefined)[] = [];
  for (const name of managedRoles) {
    const role = live.roles[name] as LiveRole;
    const grid = gridOf(role);
    const recognised = recogniseProfiles(grid);
    const merged = recognised.length ? mergeProfiles(recognised) : undefined;
    const doc: Record<string, unknown> = { name };
    let comment: string | undefined;
    const tableSetupKnown = role.customize?.SystemTableSetup;
    const profileLists = Object.entries(merged?.customize ?? {}) as [CustomizeIdentifier, string[]][];
    // Profiles stand for their lists too: use them only when those lists are known to match.
    const listsMatch = profileLists.every(([list, items]) => {
      const liveItems = role.customize?.[list];
      return liveItems !== undefined && [...liveItems].sort().join('\n') === [...items].sort().join('\n');
    });
    const names = recognised.map((p) => p.name);
    if (merged && listsMatch) {
      doc.profiles = names;
      profiles++;
    } else {
      if (merged) comment = ` The levels match profile${names.length > 1 ? 's' : ''} ${names.join(' + ')}; the Table Setup list could not be confirmed, so the cells are written out.`;
      const permissions: Record<string, Partial<Levels>> = {};
      for (const key of Object.keys(grid).sort(compareFunctionKeys)) permissions[key] = compactLevels(grid[key] as Levels);
      if (Object.keys(permissions).length > 0) doc.permissions = permissions;
    }
    const fromProfiles = (list: CustomizeIdentifier): string[] => (doc.profiles ? (merged?.customize[list] ?? []) : []);
    const tableSetup = tableSetupKnown ?? [];
    const extraTables = [...tableSetup].filter((t) => !fromProfiles('SystemTableSetup').includes(t)).sort();
    if (!doc.profiles || extraTables.length > 0) doc.tableSetup = doc.profiles ? extraTables : [...tableSetup].sort();
    if (!tableSetupKnown) {
      unknownLists.push(name);
      comment = `${comment ?? ''} Table Setup access cannot be read through the API for this role: tableSetup is written empty; list the tables it may open.`;
    }
    lists.push({ address: customizeAddress(name, 'SystemTableSetup'), list: 'SystemTableSetup', items: [...tableSetup].sort(), known: tableSetupKnown !== undefined });
    // Other lists: written (and so managed) only where they were read and are not empty.
    const customize: Partial<Record<CustomizeIdentifier, string[]>> = {};
    for (const [list, items] of Object.entries(role.customize ?? {}) as [CustomizeIdentifier, string[]][]) {
      if (list === 'SystemTableSetup' || items.length === 0) continue;
      lists.push({ address: customizeAddress(name, list), list, items: [...items].sort(), known: true });
      const extra = items.filter((i) => !fromProfiles(list).includes(i)).sort();
      if (extra.length > 0) customize[list] = doc.profiles ? extra : [...items].sort();
    }
    if (Object.keys(customize).length > 0) doc.customize = customize;
    doc.unlisted = 'none';
    roleDocs.push(doc);
    roleComments.push(comment?.trim() ? ` ${comment.trim()}` : undefined);
    addresses.push(roleAddress(name));
  }
  for (const name of externalRoles) {
    roleDocs.push({ name, external: true });
    roleComments.push(' Held by an imported member; not imported itself (outside --roles), so cwctl never changes it.');
  }

  const memberDocs = members.map((m) => {
    const doc: Record<string, unknown> = { identifier: m.identifier, name: m.name, role: m.role?.name ?? '', level: m.level?.name ?? '' };
    if (m.location) doc.location = m.location.name;
    if (m.businessUnit) doc.businessUnit = m.businessUnit.name;
    if (m.email) doc.email = m.email;
    if (m.inactive) doc.inactive = true;
    addresses.push(memberAddress(m.identifier));
    return doc;
  });
  const skippedMembers = members.filter((m) => !m.role || !m.level);
  if (skippedMembers.length) notes.push(`members without a role or level in the PSA: ${skippedMembers.map((m) => m.identifier).join(', ')} (fill them in before planning)`);

  let crossReferences = 0;
  const mappingDocs = Object.values(live.managedDevices).sort((a, b) => byName(a.name, b.name)).map((m) => {
    const doc: Record<string, unknown> = { name: m.name, solution: m.solution };
    if (m.loginBy) doc.loginBy = m.loginBy;
    doc.defaultBillingLevel = m.defaultBillingLevel;
    if (m.portalUrl) doc.portalUrl = m.portalUrl;
    addresses.push(mappingAddress(m.name));
    // Inactive rows are left out: the file declares what should be active, and cwctl leaves undeclared rows alone.
    const rows = m.crossReferences.filter((x) => !x.inactive).map((x) => {
      const row: Record<string, string> = { vendorType: x.vendorType };
      if (x.vendorLevel) row.vendorLevel = x.vendorLevel;
      if (x.configurationType) row.configurationType = x.configurationType.name;
      if (x.agreementType) row.agreementType = x.agreementType.name;
      if (x.product) row.product = x.product.identifier;
      addresses.push(crossReferenceAddress(m.name, x.vendorType, x.vendorLevel));
      crossReferences++;
      return row;
    });
    if (rows.length) doc.crossReferences = rows;
    return doc;
  });

  const top: Record<string, unknown> = { version: 1 };
  if (options.psa) top.psa = options.psa;
  const yaml = renderImportYaml({
    header:
      ` Imported by cwctl import from ${options.psa ? `${options.psa.company} at ${options.psa.site}` : 'the sandbox'} on ${live.readAt}.\n` +
      ' The live PSA as it was: cwctl plan should show no changes. Edit it, then plan and apply.',
    top,
    roles: roleDocs.map((doc, i) => ({ doc, comment: roleComments[i] })),
    members: memberDocs,
    ...(options.mappings ? { mappings: mappingDocs } : {}),
  });

  if (unknownLists.length) {
    notes.push(
      `Table Setup access of ${unknownLists.length} role${unknownLists.length === 1 ? '' : 's'} (${unknownLists.slice(0, 6).join(', ')}${unknownLists.length > 6 ? ', ...' : ''}) ` +
        'cannot be read through the API: written as tableSetup: [] and recorded as confirmed by this import. ' +
        'Give a member key of such a role as CWCTL_NEW_KEY_<MEMBER>=PUBLIC:PRIVATE to read it, or list the tables yourself.',
    );
  }
  for (const w of live.warnings ?? []) if (w.severity === 'warning' && w.code === 'unknown-customize-item') notes.push(w.summary);
  return {
    yaml,
    live,
    addresses,
    lists,
    externalRoles,
    counts: { roles: managedRoles.length, profiles, members: memberDocs.length, mappings: mappingDocs.length, crossReferences },
    notes,
  };
}
