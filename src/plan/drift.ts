// Drift: which objects cwctl owns changed in the PSA since the last apply, judged against the snapshot
// state recorded (`resources[address].applied` and its digest), with who changed them and when where the
// PSA says. Independent of the YAML (a YAML edit is a change, not drift). Pure; reads no PSA itself.
import type { Levels } from '../catalogue/types.js';
import { LEVEL_KINDS } from '../catalogue/types.js';
import type { Address } from '../model/address.js';
import { settingAddress } from '../model/address.js';
import { canonicalJson, digestOf } from '../model/canonical-json.js';
import type { DesiredState } from '../model/desired.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import type { LiveInfo, LiveState } from '../model/live.js';
import type { DriftItem } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import { compareFunctionKeys } from '../catalogue/find-function.js';
import { parseAddress } from '../model/parse-address.js';
import type { ParsedAddress } from '../model/parse-address.js';
import { NONE_LEVELS, findLiveCrossReference, readLiveObject, snapshotMemberDigest, snapshotRoleDigest } from './snapshot.js';
import { readLevels } from '../model/read-json.js';

export interface DriftInput {
  live: LiveState;
  state: StateFile | undefined;
  /** To leave out functions an `unlisted: ignore` role does not manage. */
  desired?: DesiredState;
}

const asObject = (v: JsonValue | undefined): JsonObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const show = (v: JsonValue | undefined): string => (v === null || v === undefined ? 'none' : typeof v === 'string' ? v : canonicalJson(v));

function byWhom(info: LiveInfo | undefined): string {
  if (!info) return '';
  const who = info.updatedBy ? ` by ${info.updatedBy}` : '';
  const when = info.lastUpdated ? ` at ${info.lastUpdated}` : '';
  return who || when ? `,${who}${when}` : '';
}

function levelMoves(before: Levels, after: Levels): string {
  if (before.add === after.add && before.edit === after.edit && before.delete === after.delete && before.inquire === after.inquire) return '';
  return LEVEL_KINDS.filter((k) => before[k] !== after[k]).map((k) => `${k} ${before[k]} -> ${after[k]}`).join(', ');
}

function infoOf(live: LiveState, address: Address): LiveInfo | undefined {
  const p = parseAddress(address);
  switch (p?.kind) {
    case 'role':
      return live.roles[p.role]?.info;
    case 'member':
      return live.members[p.identifier]?.info;
    case 'mapping':
      return live.managedDevices[p.mapping]?.info;
    case 'crossReference':
      return findLiveCrossReference(live.managedDevices[p.mapping], p.vendorType, p.vendorLevel)?.info;
    default:
      return undefined;
  }
}

function withInfo(item: Omit<DriftItem, 'lastUpdated' | 'updatedBy'>, info: LiveInfo | undefined): DriftItem {
  return { ...item, ...(info?.lastUpdated ? { lastUpdated: info.lastUpdated } : {}), ...(info?.updatedBy ? { updatedBy: info.updatedBy } : {}) };
}

/** Per-function drift of a role: the cells that moved, each with who moved it when the PSA says. */
function roleDrift(address: Address, role: string, applied: JsonObject, now: JsonObject, input: DriftInput): DriftItem[] {
  const items: DriftItem[] = [];
  const liveRole = input.live.roles[role];
  const declared = input.desired?.roles.find((r) => r.name === role);
  const managed = (key: string): boolean => !declared || declared.unlisted === 'none' || key in declared.permissions;
  if (applied.adminFlag !== now.adminFlag) {
    items.push(withInfo({ address, summary: `${address} adminFlag ${show(applied.adminFlag)} -> ${show(now.adminFlag)}${byWhom(liveRole?.info)}`, before: applied.adminFlag ?? null, after: now.adminFlag ?? null }, liveRole?.info));
  }
  const was = asObject(applied.settings);
  const is = asObject(now.settings);
  const keys = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter(managed).sort(compareFunctionKeys);
  for (const key of keys) {
    const before = readLevels(was[key]) ?? NONE_LEVELS;
    const after = readLevels(is[key]) ?? NONE_LEVELS;
    const moves = levelMoves(before, after);
    if (!moves) continue;
    const info = liveRole?.settings[key]?.info ?? liveRole?.info;
    const at = settingAddress(role, key);
    items.push(withInfo({ address: at, summary: `${at} ${moves}${byWhom(info)}`, before: before, after: after }, info));
  }
  return items;
}

/** digestOf(readLiveObject(live, address).value) for a live role or member, without the snapshot walked; else undefined. */
function directDigest(live: LiveState, parsed: ParsedAddress): string | undefined {
  if (parsed.kind === 'role') {
    const role = live.roles[parsed.role];
    return role ? snapshotRoleDigest(role) : undefined;
  }
  if (parsed.kind === 'member') {
    const member = live.members[parsed.identifier];
    return member ? snapshotMemberDigest(member) : undefined;
  }
  return undefined;
}

export function detectDrift(input: DriftInput): DriftItem[] {
  const { live, state } = input;
  if (!state) return [];
  const items: DriftItem[] = [];
  for (const address of Object.keys(state.resources).sort()) {
    const recorded = state.resources[address];
    const parsed = parseAddress(address);
    if (!recorded || recorded.applied === undefined || !parsed || parsed.kind === 'apiKey') continue;
    // Roles and members: the digest is written straight from the live object, and one unchanged is passed over
    // before its snapshot is built.
    const direct = directDigest(live, parsed);
    if (direct !== undefined && direct === recorded.digest) continue;
    const object = readLiveObject(live, address);
    if (!object) {
      // A customize list cannot be read without that role's member keys: unknown is not gone.
      if (parsed.kind === 'customize') continue;
      const parentGone = parsed.kind === 'setting' && !live.roles[parsed.role];
      if (parentGone) continue;
      items.push({ address, summary: `${address} was deleted in the PSA since the last apply`, before: recorded.applied, after: null });
      continue;
    }
    if (direct === undefined && digestOf(object.value) === recorded.digest) continue;
    if (parsed.kind === 'role') {
      items.push(...roleDrift(address, parsed.role, asObject(recorded.applied), asObject(object.value), input));
      continue;
    }
    const was = asObject(recorded.applied);
    const is = asObject(object.value);
    const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])].sort().filter((k) => canonicalJson(was[k] ?? null) !== canonicalJson(is[k] ?? null));
    if (fields.length === 0) continue;
    const info = infoOf(live, address);
    const moves = parsed.kind === 'setting'
      ? levelMoves(readLevels(was) ?? NONE_LEVELS, readLevels(is) ?? NONE_LEVELS)
      : fields.map((k) => `${k} ${show(was[k])} -> ${show(is[k])}`).join(', ');
    items.push(withInfo({ address, summary: `${address} ${moves}${byWhom(info)}`, before: recorded.applied, after: object.value }, info));
  }
  return items;
}
