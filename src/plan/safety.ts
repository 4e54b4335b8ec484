// Safety guards over a diff: privilege escalations (refused without --allow-escalation), deletions beyond a
// cap or of roles still assigned (refused without --allow-deletes), and anything that would lock cwctl's own
// member out (never allowed). Pure: it marks Change.escalation and returns findings; it refuses nothing itself.
//
// Escalation rule: a raise of privilege on something that already exists live, because that is what a
// reviewer cannot see from the YAML alone:
//   - a level raised (None < My < All) on a role that exists live (owned or adopted);
//   - Customize items (Table Setup access and the like) added to a role that exists live;
//   - a declared role that is live with the admin flag (cwctl cannot clear it, and managing it hides its power),
//     unless state records it with the flag already (imported or applied so: reviewed);
//   - an existing member moved to a role that grants more than its current one (any cell higher, or admin),
//     or reactivated.
// When the PSA does not say which member cwctl runs as (mySecurity without a member), every change that could
// lock that member out is refused as a self-lockout (fail closed): lowering levels or Customize items on a role that
// exists live, moving or deactivating an existing member, deleting a role.
// Creating a role or member from nothing is what cwctl is for and is not an escalation; its grants are
// shown in full in the plan. Nor is a raise that was already reviewed: one that restores what state records as
// last applied (undoing drift), or one an applied plan approved and a person has not finished yet (a repeated
// or resumed apply; StateResource.approved). Refusing those would teach people to pass the flag by habit.
import type { Level, LevelKind, Levels } from '../catalogue/types.js';
import { LEVEL_KINDS, LEVEL_RANK } from '../catalogue/types.js';
import type { Address } from '../model/address.js';
import { addressKind, roleAddress } from '../model/address.js';
import type { DesiredState } from '../model/desired.js';
import type { JsonValue } from '../model/json.js';
import type { LiveRole, LiveState } from '../model/live.js';
import type { Change, SafetyFinding } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import { parseAddress } from '../model/parse-address.js';
import { liveLevels } from './snapshot.js';
import { isLevel, readItems, readLevels, readPath } from '../model/read-json.js';

/** Deleting more than this share of the top-level objects cwctl owns needs --allow-deletes. */
export const DELETE_CAP = 0.25;

export interface SafetyInput {
  desired: DesiredState;
  live: LiveState;
  state: StateFile | undefined;
  changes: Change[];
}

export interface SafetyResult {
  /** The same changes, escalations marked. */
  changes: Change[];
  findings: SafetyFinding[];
}

export interface SafetyAllowances {
  allowEscalation: boolean;
  allowDeletes: boolean;
}

/** The findings that stop an apply under the given flags (self-lockout always does). */
export function refusedFindings(findings: readonly SafetyFinding[], allow: SafetyAllowances): SafetyFinding[] {
  return findings.filter((f) =>
    f.allowFlag === null || (f.allowFlag === '--allow-escalation' && !allow.allowEscalation) || (f.allowFlag === '--allow-deletes' && !allow.allowDeletes));
}

const asObject = (v: JsonValue): Record<string, JsonValue> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const itemsOf = (v: JsonValue): string[] => readItems(v) ?? [];

function raisedKinds(before: Levels, after: Levels): { kind: LevelKind; from: Level; to: Level }[] {
  return LEVEL_KINDS.filter((k) => LEVEL_RANK[after[k]] > LEVEL_RANK[before[k]]).map((k) => ({ kind: k, from: before[k], to: after[k] }));
}
function loweredKinds(before: Levels, after: Levels): LevelKind[] {
  return LEVEL_KINDS.filter((k) => LEVEL_RANK[after[k]] < LEVEL_RANK[before[k]]);
}

/** The levels a role will grant after the plan: desired where cwctl manages it, else what is live. */
function futureLevels(name: string, input: SafetyInput): { levels: (key: string) => Levels; keys: Set<string>; admin: boolean } | undefined {
  const declared = input.desired.roles.find((r) => r.name === name && !r.external);
  const liveRole: LiveRole | undefined = input.live.roles[name];
  if (!declared && !liveRole) return undefined;
  const keys = new Set([...Object.keys(liveRole?.settings ?? {}), ...Object.keys(declared?.permissions ?? {})]);
  return {
    keys,
    admin: liveRole?.adminFlag ?? false,
    levels: (key) => declared?.permissions[key] ?? (declared?.unlisted === 'none' ? liveLevels(undefined, key) : liveLevels(liveRole, key)),
  };
}

/** Whether role `to` grants anything role `from` does not (unknown roles count as more powerful: fail safe). */
function grantsMore(from: string | null, to: string | null, input: SafetyInput): string | undefined {
  if (to === null || to === from) return undefined;
  const target = futureLevels(to, input);
  const source = from === null ? undefined : input.live.roles[from];
  if (!target) return `role '${to}' could not be read`;
  if (from !== null && !source) return `the current role '${from}' could not be read`;
  if (target.admin && !source?.adminFlag) return `role '${to}' has the admin flag`;
  for (const key of target.keys) {
    const raised = raisedKinds(liveLevels(source, key), target.levels(key));
    if (raised[0]) return `'${to}' grants ${key} ${raised[0].kind} ${raised[0].to} (was ${raised[0].from})`;
  }
  return undefined;
}

/**
 * Whether a raise to `to` was already reviewed: state's last applied snapshot of the role granted it (raising
 * undoes drift), or an applied plan approved it and a person has not finished the checklist yet (a repeated or
 * resumed apply). Either way it is not a new escalation.
 */
function alreadyReviewed(state: StateFile | undefined, role: string, key: string, kind: LevelKind, to: Level): boolean {
  const record = state?.resources[roleAddress(role)];
  const applied = readLevels(readPath(record?.applied, ['settings', key]));
  if (applied !== undefined && LEVEL_RANK[applied[kind]] >= LEVEL_RANK[to]) return true;
  const approved = readPath(record?.approved, ['settings', key, kind]);
  return isLevel(approved) && LEVEL_RANK[approved] >= LEVEL_RANK[to];
}

/**
 * Customize items already reviewed on the role (see alreadyReviewed): those an applied plan approved and a person
 * has not finished yet, and those state's last applied snapshot of the list held (allowing them again restores
 * drift, as raising a level back to what was applied does).
 */
function reviewedItems(state: StateFile | undefined, role: string, list: string, address: Address): Set<string> {
  const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((i): i is string => typeof i === 'string') : []);
  const approved = readPath(state?.resources[roleAddress(role)]?.approved, ['customize', list]);
  return new Set([...strings(approved), ...(readItems(state?.resources[address]?.applied) ?? [])]);
}

export function assessSafety(input: SafetyInput): SafetyResult {
  const { live, state } = input;
  const findings: SafetyFinding[] = [];
  const changes = input.changes.map((c) => ({ ...c }));
  const escalate = (change: Change, message: string): void => {
    change.escalation = true;
    findings.push({ address: change.address, kind: 'escalation', message, allowFlag: '--allow-escalation' });
  };
  const caller = live.caller?.identifier;
  const callerRole = live.caller?.roleName ?? (caller ? live.members[caller]?.role?.name : undefined);
  const lockout = (address: Address, message: string): void => {
    findings.push({ address, kind: 'self-lockout', message, allowFlag: null });
  };
  // Unknown caller: any role may be its role and any member may be it.
  const unknownCaller = caller === undefined;
  const unknownWhy = 'the PSA did not name the member cwctl runs as (GET /system/mySecurity has no member), so this could lock it out';

  for (const role of input.desired.roles) {
    const liveRole = live.roles[role.name];
    // A role state already records with the admin flag (adopted by import, or applied so) was reviewed as such:
    // an imported, unchanged object is never an escalation. A flag set out of band since is still one.
    const recorded = asObject(state?.resources[roleAddress(role.name)]?.applied ?? null);
    if (!role.external && liveRole?.adminFlag && recorded?.adminFlag !== true) {
      findings.push({
        address: roleAddress(role.name),
        kind: 'escalation',
        message: `role '${role.name}' has the admin flag in the PSA (it grants everything, whatever its levels); cwctl cannot clear it`,
        allowFlag: '--allow-escalation',
      });
    }
  }

  const repointed = new Map<string, string | null>();
  for (const change of changes) {
    const parsed = parseAddress(change.address);
    if (!parsed) continue;
    if (parsed.kind === 'setting') {
      const liveRole = live.roles[parsed.role];
      const before = readLevels(change.before);
      const after = readLevels(change.after);
      if (!liveRole || !before || !after) continue;
      const raised = raisedKinds(before, after).filter((r) => !alreadyReviewed(state, parsed.role, parsed.functionKey, r.kind, r.to));
      if (raised.length > 0) {
        escalate(change, `${parsed.functionKey} on existing role '${parsed.role}': ${raised.map((r) => `${r.kind} ${r.from} -> ${r.to}`).join(', ')}`);
      }
      if (parsed.role === callerRole && loweredKinds(before, after).length > 0) {
        lockout(change.address, `lowers ${parsed.functionKey} on role '${parsed.role}', which the member cwctl runs as (${caller ?? '?'}) holds`);
      } else if (unknownCaller && loweredKinds(before, after).length > 0) {
        lockout(change.address, `lowers ${parsed.functionKey} on existing role '${parsed.role}': ${unknownWhy}`);
      }
    } else if (parsed.kind === 'customize') {
      if (!live.roles[parsed.role]) continue;
      const before = new Set(itemsOf(change.before));
      const reviewed = reviewedItems(state, parsed.role, parsed.list, change.address);
      const added = itemsOf(change.after).filter((i) => !before.has(i) && !reviewed.has(i));
      if (unknownCaller) {
        const after = new Set(itemsOf(change.after));
        const removed = change.before === null ? [] : [...before].filter((i) => !after.has(i));
        if (removed.length > 0) lockout(change.address, `removes ${parsed.list} item(s) from existing role '${parsed.role}': ${unknownWhy}`);
      }
      // An unknown live list (before null) on an existing role may or may not grant these already: flag it.
      if (added.length > 0) escalate(change, `allows ${added.length} more ${parsed.list} item(s) on existing role '${parsed.role}': ${added.slice(0, 3).join(', ')}${added.length > 3 ? ', ...' : ''}`);
    } else if (parsed.kind === 'member') {
      const before = asObject(change.before);
      const after = asObject(change.after);
      const isCaller = parsed.identifier === caller || (unknownCaller && change.before !== null);
      if (change.action === 'update' && before && after) {
        const fromRole = typeof before.role === 'string' ? before.role : null;
        const toRole = typeof after.role === 'string' ? after.role : null;
        if (fromRole !== toRole) repointed.set(parsed.identifier, toRole);
        const why = grantsMore(fromRole, toRole, input);
        if (why) escalate(change, `member '${parsed.identifier}' moves from '${fromRole ?? 'no role'}' to '${toRole ?? 'no role'}': ${why}`);
        if (before.inactive === true && after.inactive === false) escalate(change, `member '${parsed.identifier}' is reactivated`);
        const who = unknownCaller ? `'${parsed.identifier}': ${unknownWhy}` : `'${parsed.identifier}', the member cwctl runs as`;
        if (isCaller && fromRole !== toRole) lockout(change.address, `changes the role of ${who}`);
        if (isCaller && after.inactive === true && before.inactive !== true) lockout(change.address, `deactivates ${who}`);
      }
      if (change.action === 'delete' && isCaller) {
        lockout(change.address, `deactivates ${unknownCaller ? `'${parsed.identifier}': ${unknownWhy}` : `'${parsed.identifier}', the member cwctl runs as`}`);
      }
    }
  }

  // Deletions: a cap on the share of owned objects, and roles still assigned to members.
  const topLevel = (a: Address): boolean => ['role', 'member', 'mapping'].includes(addressKind(a));
  const owned = state ? Object.keys(state.resources).filter(topLevel) : [];
  const deletes = changes.filter((c) => c.action === 'delete' && topLevel(c.address));
  if (deletes.length > 0 && deletes.length > owned.length * DELETE_CAP) {
    findings.push({
      address: deletes[0]?.address ?? '',
      kind: 'delete-cap',
      message: `removes ${deletes.length} of the ${owned.length} objects cwctl owns (more than ${DELETE_CAP * 100}%): ${deletes.map((d) => d.address).join(', ')}`,
      allowFlag: '--allow-deletes',
    });
  }
  for (const change of deletes) {
    const parsed = parseAddress(change.address);
    if (parsed?.kind !== 'role') continue;
    const roleId = live.roles[parsed.role]?.psaId;
    if (parsed.role === callerRole) lockout(change.address, `deletes role '${parsed.role}', which the member cwctl runs as (${caller ?? '?'}) holds`);
    else if (unknownCaller) lockout(change.address, `deletes role '${parsed.role}': ${unknownWhy}`);
    const holders = Object.values(live.members)
      .filter((m) => m.role?.id === roleId && !(repointed.has(m.identifier) && repointed.get(m.identifier) !== parsed.role))
      .map((m) => m.identifier)
      .sort();
    if (holders.length > 0) {
      findings.push({
        address: change.address,
        kind: 'role-in-use',
        message: `role '${parsed.role}' is still assigned to ${holders.length} member(s): ${holders.slice(0, 5).join(', ')}${holders.length > 5 ? ', ...' : ''} (deactivated members keep their role)`,
        allowFlag: '--allow-deletes',
      });
    }
  }
  return { changes, findings };
}
