// What apply writes into state, as pure functions over the resources record (state/state-journal applies them):
// the intent before a role is created, an API operation's outcome, a verified key, what a plan approved on a
// role, guided steps verified, and the final settling of adoptions and live snapshots. No I/O, no clock (the
// time comes in as `at`).
import type { Address } from '../model/address.js';
import { addressKind, parentAddress, settingAddress } from '../model/address.js';
import { digestOf } from '../model/canonical-json.js';
import type { JsonValue } from '../model/json.js';
import type { CreateRoleOperation, Operation, SetCustomizeItemsOperation, SetRoleLevelsOperation } from '../model/operation.js';
import type { Adoption, Plan } from '../model/plan.js';
import { moveRecordsInPlace, recordMoveOf } from '../plan/move-records.js';
import type { StateResource } from '../model/state.js';
import type { ApiOutcome } from './api-executor.js';
import type { GuidedStepState, VerifiedKey } from './guided-executor.js';
import { cellsOfStep } from './guided-executor.js';

type Resources = Record<Address, StateResource>;

/**
 * Intent first: if the answer to the POST is lost (a crash, a dropped or garbled response) the role may exist
 * without cwctl knowing its id. Recorded as owned, with what this plan approved on it, the next run adopts it as
 * its own instead of refusing its levels as an escalation of someone else's role. No `applied` snapshot yet, so
 * drift ignores it until the role is really recorded.
 */
export function recordCreateIntent(resources: Resources, op: CreateRoleOperation, operations: readonly Operation[], at: string): void {
  resources[op.address] ??= { kind: 'role', digest: digestOf({ creating: op.id }), appliedAt: at };
  recordApprovals(resources, operations);
}

/** The PSA refused the create (400/401/403/409...): nothing was made, so the intent is dropped. */
export function dropCreateIntent(resources: Resources, op: Operation): void {
  if (resources[op.address]?.psaId === undefined) delete resources[op.address];
}

/** A new API key that acts as its member: only the last four characters of its public key are kept. */
export function recordVerifiedKey(resources: Resources, key: VerifiedKey): void {
  resources[key.operation.address] = {
    kind: 'apiKey',
    digest: digestOf({ description: key.operation.description, publicKeySuffix: key.pair.publicKey.slice(-4) }),
    appliedAt: key.verifiedAt,
    verifiedBy: 'api',
    publicKeySuffix: key.pair.publicKey.slice(-4),
    keyVerifiedAt: key.verifiedAt,
  };
}

/**
 * The end of an apply: adoptions, verified guided steps and approvals recorded, then the live snapshots replace
 * the records they cover (keeping who verified or confirmed, and a key's suffix, which the PSA does not show).
 */
export function recordSettled(resources: Resources, settled: {
  adopt: readonly Adoption[];
  verified: Readonly<Resources>;
  operations: readonly Operation[];
  live: Readonly<Resources>;
  at: string;
}): void {
  for (const a of settled.adopt) {
    resources[a.address] = { ...resources[a.address], kind: a.kind, digest: a.digest, appliedAt: settled.at, ...(a.psaId !== undefined ? { psaId: a.psaId } : {}) };
  }
  for (const [address, record] of Object.entries(settled.verified)) resources[address] = { ...resources[address], ...record };
  recordApprovals(resources, settled.operations);
  for (const [address, record] of Object.entries(settled.live)) {
    const prior = resources[address];
    resources[address] = {
      ...record,
      ...(prior?.verifiedBy && !record.verifiedBy ? { verifiedBy: prior.verifiedBy } : {}),
      ...(prior?.confirmedBy && !record.confirmedBy ? { confirmedBy: prior.confirmedBy } : {}),
      ...(prior?.publicKeySuffix ? { publicKeySuffix: prior.publicKeySuffix, keyVerifiedAt: prior.keyVerifiedAt } : {}),
    };
  }
}

/**
 * Records on each role what this applied plan asked a person to set (see StateResource.approved), so that
 * re-running apply before the checklist is done is not refused as an escalation of the same, reviewed cells.
 */
export function recordApprovals(resources: Record<Address, StateResource>, operations: readonly Operation[]): void {
  // Called for every change an apply records: grouped by role once per plan, and a record this already merged
  // is not merged again (merging is idempotent), or 200 new roles cost 200 x 400 merges (issue #14).
  let byRole = approvalsByRole.get(operations);
  if (!byRole) {
    byRole = new Map();
    for (const op of operations) {
      if (op.type !== 'setRoleLevels' && op.type !== 'setCustomizeItems') continue;
      const roleAddr = parentAddress(op.address);
      const list = byRole.get(roleAddr) ?? [];
      list.push(op);
      byRole.set(roleAddr, list);
    }
    approvalsByRole.set(operations, byRole);
  }
  let merged = approvalsMerged.get(operations);
  if (!merged) approvalsMerged.set(operations, (merged = new WeakMap()));
  for (const [roleAddr, ops] of byRole) {
    const record = resources[roleAddr];
    if (!record) continue; // the role was not created (the apply stopped): nothing was approved on it yet
    if (merged.get(record) === roleAddr) continue; // this very record already carries these approvals
    let approved = record.approved;
    for (const op of ops) approved = mergeApproval(approved, op);
    const next: StateResource = { ...record, approved };
    resources[roleAddr] = next;
    merged.set(next, roleAddr);
  }
}

type ApprovalOperation = SetRoleLevelsOperation | SetCustomizeItemsOperation;
/** The approval operations of a plan by role address, in plan order. */
const approvalsByRole = new WeakMap<readonly Operation[], Map<Address, ApprovalOperation[]>>();
/** Records (immutable, replaced on change) that recordApprovals made for a plan, with the address they were made for. */
const approvalsMerged = new WeakMap<readonly Operation[], WeakMap<StateResource, Address>>();

function mergeApproval(prior: JsonValue | undefined, op: SetRoleLevelsOperation | SetCustomizeItemsOperation): JsonValue {
  const base = prior && typeof prior === 'object' && !Array.isArray(prior) ? prior : {};
  const settings = { ...(isJsonObject(base.settings) ? base.settings : {}) };
  const customize = { ...(isJsonObject(base.customize) ? base.customize : {}) };
  if (op.type === 'setRoleLevels') {
    for (const cell of op.cells) {
      const key = `${cell.module} / ${cell.function}`;
      const cells = isJsonObject(settings[key]) ? { ...settings[key] } : {};
      cells[cell.kind] = cell.to;
      settings[key] = cells;
    }
  } else {
    const items = Array.isArray(customize[op.list]) ? (customize[op.list] as JsonValue[]) : [];
    customize[op.list] = [...new Set([...items.filter((i): i is string => typeof i === 'string'), ...op.add])].sort();
  }
  return { settings, customize };
}

const isJsonObject = (v: JsonValue | undefined): v is { [key: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

export function recordApiOutcome(resources: Record<Address, StateResource>, op: Operation, outcome: ApiOutcome, at: string): void {
  if (outcome.result === 'deleted' || outcome.result === 'absent') {
    // Forget the object and everything under it (settings of a role, cross references of a mapping).
    for (const address of Object.keys(resources)) if (address === op.address || address.startsWith(`${op.address}/`)) delete resources[address];
    return;
  }
  const prior = resources[op.address];
  resources[op.address] = {
    ...prior,
    kind: addressKind(op.address),
    ...(outcome.psaId !== undefined ? { psaId: outcome.psaId } : {}),
    // Provisional until the final snapshot replaces it with the digest of what is live.
    digest: prior?.digest ?? digestOf({ operation: op.id }),
    appliedAt: at,
  };
}

/** State records for guided steps verified in this apply (levels per function, lists, person confirmations). */
export function verifiedRecords(guided: readonly GuidedStepState[], opsById: ReadonlyMap<string, Operation>, at: string): Record<Address, StateResource> {
  const out: Record<Address, StateResource> = {};
  const stepsOf = new Map<string, GuidedStepState[]>();
  for (const g of guided) {
    const list = stepsOf.get(g.step.operationId) ?? [];
    list.push(g);
    stepsOf.set(g.step.operationId, list);
  }
  for (const op of opsById.values()) {
    if (op.executor !== 'guided') continue;
    const steps = stepsOf.get(op.id) ?? [];
    if (op.type === 'setRoleLevels') {
      // A function is recorded once every line about it is verified.
      const byAddress = new Map<Address, GuidedStepState[]>();
      for (const s of steps) for (const cell of cellsOfStep(op, s.step)) {
        const address = settingAddress(op.role, `${cell.module} / ${cell.function}`);
        byAddress.set(address, [...(byAddress.get(address) ?? []), s]);
      }
      for (const [address, list] of byAddress) {
        if (!list.every((s) => s.done)) continue;
        const cells = op.cells.filter((c) => settingAddress(op.role, `${c.module} / ${c.function}`) === address);
        out[address] = { kind: 'setting', digest: digestOf(cells.map((c) => ({ kind: c.kind, level: c.to }))), appliedAt: at, verifiedBy: 'api' };
      }
    } else if (op.type === 'setCustomizeItems' && steps.length > 0 && steps.every((s) => s.done)) {
      const first = steps[0] as GuidedStepState;
      out[op.address] = {
        kind: 'customize',
        digest: digestOf({ list: op.list, add: op.add, remove: op.remove }),
        appliedAt: at,
        ...(first.verifiedBy ? { verifiedBy: first.verifiedBy } : {}),
        ...(first.confirmedBy ? { confirmedBy: first.confirmedBy } : {}),
      };
    }
  }
  return out;
}

/** Moves the state records of the plan's `moved` entries that wait on `operationId` (undefined: on nothing). */
export function moveRecordsAfter(resources: Record<Address, StateResource>, plan: Plan, operationId: string | undefined): void {
  for (const m of plan.moved ?? []) {
    if (m.operationId !== operationId) continue;
    const move = recordMoveOf(m);
    if (move) moveRecordsInPlace(resources, move);
  }
}
