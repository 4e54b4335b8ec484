// The diff: what must change in the live PSA for it to match the desired state, as Changes by Address,
// plus the declared objects found live and already matching (adopted, not created twice). Pure and
// deterministic; touches only declared objects and those cwctl owns in state; decides no order or executor.
import { compareFunctionKeys } from '../catalogue/find-function.js';
import type { FunctionKey, Levels } from '../catalogue/types.js';
import type { Address } from '../model/address.js';
import type { AddressKind } from '../model/address.js';
import {
  apiKeyAddress, crossReferenceAddress, customizeAddress, mappingAddress, memberAddress, roleAddress, settingAddress,
} from '../model/address.js';
import { canonicalJson, digestOf } from '../model/canonical-json.js';
import type { DesiredMember, DesiredRole, DesiredState } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { JsonObject } from '../model/json.js';
import type { LiveState } from '../model/live.js';
import type { Adoption, Change } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import { desiredCustomizeList } from './all-except.js';
import { parseAddress } from '../model/parse-address.js';
import type { ResolvedNames } from './resolve-names.js';
import {
  NONE_LEVELS, findLiveCrossReference, isNoneLevels, snapshotCrossReference, snapshotCustomize, snapshotMapping,
  snapshotMember, snapshotMemberDigest, snapshotRole, snapshotRoleDigest, snapshotSetting,
} from './snapshot.js';

export interface DiffInput {
  desired: DesiredState;
  live: LiveState;
  state: StateFile | undefined;
  resolved: ResolvedNames;
}

export interface DiffResult {
  changes: Change[];
  adopt: Adoption[];
  diagnostics: Diagnostic[];
}

const sameLevels = (a: Levels, b: Levels): boolean =>
  a.add === b.add && a.edit === b.edit && a.delete === b.delete && a.inquire === b.inquire;
const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

const isPlain = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'boolean';

/**
 * same(before, { ...before, ...wanted }), mostly without writing either: only wanted's fields can differ, and two
 * different strings, booleans or nulls differ in JSON too. Anything else (numbers, objects, undefined) is written.
 */
function sameWith(before: JsonObject, wanted: JsonObject): boolean {
  for (const key of Object.keys(wanted)) {
    const was = before[key];
    const is = wanted[key];
    if (was === is) continue;
    if (isPlain(was) && isPlain(is)) return false;
    return same(before, { ...before, ...wanted });
  }
  return true;
}

/** The last list of functions put in catalogue order: the roles of one file manage the same functions alike. */
interface KeyOrder {
  sorted: readonly FunctionKey[];
}

/** The functions a role manages: every desired one, and with `unlisted: none` every live non-None one too. */
function managedFunctions(role: DesiredRole, live: LiveState, order: KeyOrder): readonly FunctionKey[] {
  const keys = Object.keys(role.permissions);
  const liveRole = live.roles[role.name];
  if (role.unlisted === 'none' && liveRole) {
    for (const key of Object.keys(liveRole.settings)) {
      if (!Object.hasOwn(role.permissions, key) && !isNoneLevels(liveRole.settings[key]!.levels)) keys.push(key);
    }
  }
  const { sorted } = order;
  if (keys.length === sorted.length && keys.every((k, i) => k === sorted[i])) return sorted;
  order.sorted = keys.sort(compareFunctionKeys);
  return order.sorted;
}

function diffRole(role: DesiredRole, input: DiffInput, out: DiffResult, order: KeyOrder): void {
  const { live, state } = input;
  const address = roleAddress(role.name);
  const liveRole = live.roles[role.name];
  const owned = state?.resources[address];
  const before = out.changes.length;
  const adoptFrom = out.adopt.length;
  if (!liveRole) {
    out.changes.push({
      address,
      action: 'create',
      before: null,
      after: { name: role.name, adminFlag: false },
      ...(owned
        ? { reason: owned.psaId === undefined ? 'an earlier create did not complete: created now' : 'deleted in the PSA since the last apply: created again' }
        : {}),
    });
  }
  for (const key of managedFunctions(role, live, order)) {
    const want = role.permissions[key] ?? NONE_LEVELS;
    // Read in place (liveLevels copies): only compared, and copied into the change if they differ.
    const setting = liveRole?.settings[key];
    const have = setting ? setting.levels : NONE_LEVELS;
    if (!sameLevels(want, have)) {
      out.changes.push({ address: settingAddress(role.name, key), action: 'update', before: snapshotSetting(have), after: snapshotSetting(want) });
    }
  }
  for (const list of Object.keys(role.customize).sort() as (keyof DesiredRole['customize'])[]) {
    const want = snapshotCustomize(list, desiredCustomizeList(role, list, input.live)); // all-except.ts: "all except" lists
    const listAddress = customizeAddress(role.name, list);
    // A role about to be created starts with nothing allowed.
    const known = liveRole ? liveRole.customize?.[list] : [];
    if (known !== undefined) {
      const have = snapshotCustomize(list, known);
      if (!same(have, want)) out.changes.push({ address: listAddress, action: 'update', before: have, after: want });
      // Also a new role's list that is already as declared (empty): recorded by the apply that creates the
      // role, since afterwards no API can read it back.
      else if (!state?.resources[listAddress]) out.adopt.push({ address: listAddress, kind: 'customize', digest: digestOf(have) });
      continue;
    }
    // No API reads another role's list: trust state when it records this very list (verified, confirmed by a
    // person, or adopted when cwctl created the role with it).
    const recorded = state?.resources[listAddress];
    if (recorded && (recorded.digest === digestOf(want) || (recorded.applied !== undefined && same(recorded.applied, want)))) continue;
    out.changes.push({
      address: listAddress,
      action: 'update',
      before: recorded?.applied ?? null,
      after: want,
      reason: recorded
        ? 'the last recorded list differs; the PSA API cannot read this list for another member'
        : 'the PSA API cannot read this list for another member: to be set and confirmed in the PSA screens',
    });
  }
  const touched = out.changes.slice(before).some((c) => c.address === address || c.address.startsWith(`${address}/setting:`));
  if (liveRole && !owned && !touched) {
    // The role before its lists, as a reader expects.
    out.adopt.splice(adoptFrom, 0, { address, kind: 'role', psaId: liveRole.psaId, digest: snapshotRoleDigest(liveRole) });
  }
}

/** Desired member fields, in the snapshot's shape; optional fields left out of the YAML are not managed. */
function desiredMemberFields(m: DesiredMember, input: DiffInput): JsonObject {
  const r = input.resolved.members[m.identifier];
  const fields: JsonObject = {
    identifier: m.identifier,
    name: m.name,
    role: r?.role?.name ?? m.role,
    level: r?.level?.name ?? m.level,
    inactive: m.inactive,
  };
  if (m.location !== undefined) fields.location = r?.location?.name ?? m.location;
  if (m.businessUnit !== undefined) fields.businessUnit = r?.businessUnit?.name ?? m.businessUnit;
  if (m.email !== undefined) fields.email = m.email;
  return fields;
}

function diffMember(m: DesiredMember, input: DiffInput, out: DiffResult): void {
  const { live, state } = input;
  const address = memberAddress(m.identifier);
  const liveMember = live.members[m.identifier];
  const wanted = desiredMemberFields(m, input);
  if (liveMember && !liveMember.apiMember) {
    out.diagnostics.push({
      severity: 'error',
      code: 'not-an-api-member',
      summary: `member '${m.identifier}' exists in the PSA as a full member, not an API member`,
      hint: 'cwctl manages API members only: choose another identifier or remove the member from the file',
      address,
      ...(m.source ? { source: m.source } : {}),
    });
    return;
  }
  if (!liveMember) {
    // Same keys, same order as a live member's snapshot.
    const after: JsonObject = {
      identifier: m.identifier, name: m.name, role: wanted.role ?? null, level: wanted.level ?? null, location: wanted.location ?? null,
      businessUnit: wanted.businessUnit ?? null, inactive: m.inactive, email: wanted.email ?? null,
    };
    out.changes.push({ address, action: 'create', before: null, after });
  } else {
    const before = snapshotMember(liveMember);
    if (!sameWith(before, wanted)) out.changes.push({ address, action: 'update', before, after: { ...before, ...wanted } });
    else if (!state?.resources[address]) out.adopt.push({ address, kind: 'member', psaId: liveMember.psaId, digest: snapshotMemberDigest(liveMember, before) });
  }
  // No API lists keys: a key is there when state recorded its verified pair.
  for (const key of m.apiKeys) {
    const keyAddress = apiKeyAddress(m.identifier, key.description);
    if (state?.resources[keyAddress]) continue;
    out.changes.push({ address: keyAddress, action: 'create', before: null, after: { description: key.description } });
  }
}

function diffMappings(input: DiffInput, out: DiffResult, owned: OwnedOf): void {
  const { desired, live, state } = input;
  for (const mapping of desired.managedDevices) {
    const address = mappingAddress(mapping.name);
    const liveMapping = live.managedDevices[mapping.name];
    const wanted: JsonObject = { name: mapping.name, solution: mapping.solution, loginBy: mapping.loginBy, defaultBillingLevel: mapping.defaultBillingLevel };
    if (mapping.portalUrl !== undefined) wanted.portalUrl = mapping.portalUrl;
    if (!liveMapping) {
      out.changes.push({ address, action: 'create', before: null, after: { ...wanted, portalUrl: wanted.portalUrl ?? null } });
    } else {
      const before = snapshotMapping(liveMapping);
      const after = { ...before, ...wanted };
      if (!same(before, after)) out.changes.push({ address, action: 'update', before, after });
      else if (!state?.resources[address]) out.adopt.push({ address, kind: 'mapping', psaId: liveMapping.psaId, digest: digestOf(before) });
    }
    const declared = new Set<Address>();
    for (const x of mapping.crossReferences) {
      const xAddress = crossReferenceAddress(mapping.name, x.vendorType, x.vendorLevel);
      declared.add(xAddress);
      const r = input.resolved.crossReferences[xAddress];
      const fields: JsonObject = { vendorType: x.vendorType, vendorLevel: x.vendorLevel || null, inactive: false };
      if (x.configurationType !== undefined) fields.configurationType = r?.configurationType?.name ?? x.configurationType;
      if (x.agreementType !== undefined) fields.agreementType = r?.agreementType?.name ?? x.agreementType;
      if (x.product !== undefined) fields.product = r?.product?.identifier ?? x.product;
      const liveX = findLiveCrossReference(liveMapping, x.vendorType, x.vendorLevel);
      if (!liveX) {
        out.changes.push({ address: xAddress, action: 'create', before: null, after: {
          vendorType: x.vendorType, vendorLevel: x.vendorLevel || null, configurationType: fields.configurationType ?? null,
          agreementType: fields.agreementType ?? null, product: fields.product ?? null, inactive: false,
        } });
        continue;
      }
      const before = snapshotCrossReference(liveX);
      const after = { ...before, ...fields };
      if (!same(before, after)) out.changes.push({ address: xAddress, action: 'update', before, after });
      else if (!state?.resources[xAddress]) out.adopt.push({ address: xAddress, kind: 'crossReference', psaId: liveX.psaId, digest: digestOf(before) });
    }
    // Rows the PSA or a person added are left alone; rows cwctl created and the file dropped go.
    for (const address of owned('crossReference')) {
      const parsed = parseAddress(address);
      if (parsed?.kind !== 'crossReference' || parsed.mapping !== mapping.name || declared.has(address)) continue;
      const liveX = findLiveCrossReference(liveMapping, parsed.vendorType, parsed.vendorLevel);
      if (liveX) out.changes.push({ address, action: 'delete', before: snapshotCrossReference(liveX), after: null });
    }
  }
}

/** Addresses of one kind that state says cwctl owns, sorted (so removals come out in a stable order). */
export function ownedOf(state: StateFile | undefined, kind: AddressKind): Address[] {
  if (!state) return [];
  return Object.keys(state.resources).filter((a) => state.resources[a]?.kind === kind).sort();
}

/** ownedOf, each kind listed once per diff (the cross references are asked for once per mapping). */
type OwnedOf = (kind: AddressKind) => readonly Address[];
function ownedIndex(state: StateFile | undefined): OwnedOf {
  const lists = new Map<AddressKind, Address[]>();
  return (kind) => {
    let list = lists.get(kind);
    if (list === undefined) {
      list = ownedOf(state, kind);
      lists.set(kind, list);
    }
    return list;
  };
}

/** Owned objects the file no longer declares: roles deleted, API members deactivated, mappings deleted. */
function diffRemovals(input: DiffInput, out: DiffResult, owned: OwnedOf): void {
  const { desired, live } = input;
  const roleNames = new Set(desired.roles.map((r) => r.name));
  for (const address of owned('role')) {
    const parsed = parseAddress(address);
    if (parsed?.kind !== 'role' || roleNames.has(parsed.role)) continue;
    const liveRole = live.roles[parsed.role];
    if (liveRole) out.changes.push({ address, action: 'delete', before: snapshotRole(liveRole), after: null });
  }
  const memberIds = new Set(desired.members.map((m) => m.identifier));
  for (const address of owned('member')) {
    const parsed = parseAddress(address);
    if (parsed?.kind !== 'member' || memberIds.has(parsed.identifier)) continue;
    const liveMember = live.members[parsed.identifier];
    if (liveMember && !liveMember.inactive) {
      const before = snapshotMember(liveMember);
      out.changes.push({ address, action: 'delete', before, after: { ...before, inactive: true }, reason: 'API members cannot be deleted: deactivated instead' });
    }
  }
  const mappingNames = new Set(desired.managedDevices.map((m) => m.name));
  for (const address of owned('mapping')) {
    const parsed = parseAddress(address);
    if (parsed?.kind !== 'mapping' || mappingNames.has(parsed.mapping)) continue;
    const liveMapping = live.managedDevices[parsed.mapping];
    if (!liveMapping) continue;
    for (const xAddress of owned('crossReference')) {
      const x = parseAddress(xAddress);
      if (x?.kind !== 'crossReference' || x.mapping !== parsed.mapping) continue;
      const liveX = findLiveCrossReference(liveMapping, x.vendorType, x.vendorLevel);
      if (liveX) out.changes.push({ address: xAddress, action: 'delete', before: snapshotCrossReference(liveX), after: null });
    }
    out.changes.push({ address, action: 'delete', before: snapshotMapping(liveMapping), after: null });
  }
}

export function diff(input: DiffInput): DiffResult {
  const out: DiffResult = { changes: [], adopt: [], diagnostics: [] };
  const order: KeyOrder = { sorted: [] };
  for (const role of input.desired.roles) if (!role.external) diffRole(role, input, out, order);
  for (const member of input.desired.members) diffMember(member, input, out);
  const owned = ownedIndex(input.state);
  diffMappings(input, out, owned);
  diffRemovals(input, out, owned);
  return out;
}
