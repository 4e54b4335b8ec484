// The guided executor: for what the PSA API cannot write (role levels, customize lists, API keys, role renames) a person
// works through plan.guided; this module verifies each step against the live PSA (or a person's --confirm)
// and marks it done only once verified. Re-reads only what is still pending. Never prints; never stores a key.
import type { Address } from '../model/address.js';
import { memberAddress, settingAddress } from '../model/address.js';
import type { LevelCell, Operation, SetRoleLevelsOperation } from '../model/operation.js';
import type { GuidedStep } from '../model/plan.js';
import type { PsaClient } from '../psa/client.js';
import { PsaApiError } from '../psa/errors.js';
import type { SecurityRoleSetting } from '../psa/types.js';
import type { KeyIntake, NewKeyPair } from './key-intake.js';
import type { IdLookup } from './resolve-refs.js';
import { checkApiKey, checkCustomizeItems, readCellLevels } from './verify.js';

export interface GuidedStepState {
  step: GuidedStep;
  done: boolean;
  verifiedBy?: 'api' | 'member-keys' | 'person';
  confirmedBy?: { who: string; at: string };
  /** Why it is still pending ("Inquire is My, not All"), or how it was verified. */
  note?: string;
  /**
   * Set while the step is pending and only a person's `--confirm ADDRESS` can mark it done (cwctl cannot read it
   * back now: no member keys known, the member's pair refused, nothing in the API reads it); the checklist then
   * prints that exact command.
   */
  confirmable?: boolean;
}

export interface VerifiedKey {
  operation: Extract<Operation, { type: 'createApiKey' }>;
  pair: NewKeyPair;
  verifiedAt: string;
}

export interface GuidedContext {
  client: PsaClient;
  lookup: IdLookup;
  keys: KeyIntake;
  /** Addresses a person confirmed with --confirm. */
  confirmations: ReadonlySet<Address>;
  who: string;
  now: () => string;
  /** Role each member is meant to have (from the plan), to check a new key acts with the right role. */
  roleOfMember: (identifier: string) => string | undefined;
  /** A pair already used for another key of this member (in this run or recorded in state). */
  isKeyTaken: (identifier: string, publicKey: string) => boolean;
  /** Called once per newly verified key, before the step is marked done (hands it to the sink, records state). */
  onKeyVerified: (key: VerifiedKey) => Promise<void>;
  /** Whether a person may be asked now for the key pair of this step (default: yes); pairs handed over are used anyway. */
  mayAsk?: (state: GuidedStepState) => boolean;
  /**
   * Level operations whose cells a read moments ago found not done (the plan's own read: a plan holds only the
   * cells that differed). Their steps stay pending this round without a request. Never used to mark a step done.
   */
  notDoneAtRead?: ((op: SetRoleLevelsOperation) => boolean) | undefined;
  /**
   * A read of a role's settings (verify.ts readRoleSettings) this apply started once it had created the role,
   * while other operations ran; handed over once, then gone. A read made after the role exists, as the round's own
   * would be: it verifies or leaves pending exactly as that one would.
   */
  readAhead?: ((roleId: number) => Promise<SecurityRoleSetting[]> | undefined) | undefined;
  signal?: AbortSignal | undefined;
}

export function initialGuidedStates(steps: readonly GuidedStep[]): GuidedStepState[] {
  return steps.map((step) => ({ step, done: false }));
}

/** The cells of a setRoleLevels operation that one checklist line stands for: its action names the cell. */
export function cellsOfStep(op: SetRoleLevelsOperation, step: GuidedStep): LevelCell[] {
  const { action } = step;
  if (action.t === 'level') {
    return op.cells.filter((c) => c.module === action.module && c.function === action.function && c.kind === action.kind);
  }
  // A step with no cell of its own (an operation the plan gave no line) stands for the cells on its address.
  const onAddress = op.cells.filter((c) => settingAddress(op.role, `${c.module} / ${c.function}`) === step.address);
  return onAddress.length > 0 ? onAddress : op.cells.length === 1 ? op.cells : [];
}

/** One verification round over the pending steps whose operation's dependencies are done. */
export async function verifyGuidedRound(
  operations: ReadonlyMap<string, Operation>,
  states: GuidedStepState[],
  ready: (op: Operation) => boolean,
  ctx: GuidedContext,
): Promise<void> {
  // Pairs handed over in a file while apply waits (a person, or `cwctl sim operator`, wrote them since).
  if (states.some((s) => !s.done)) await ctx.keys.refresh?.();
  const pendingByOp = new Map<string, GuidedStepState[]>();
  for (const state of states) {
    if (state.done) continue;
    const list = pendingByOp.get(state.step.operationId) ?? [];
    list.push(state);
    pendingByOp.set(state.step.operationId, list);
  }
  // Reads of levels and lists go out together (the client bounds how many are in flight): one role after
  // another made verifying 200 roles take 200 round trips in a row. Keys stay one at a time, in plan order:
  // verifying one may ask a person for it.
  const reads: Promise<void>[] = [];
  const keys: [Extract<Operation, { type: 'createApiKey' }>, GuidedStepState[]][] = [];
  for (const [operationId, pending] of pendingByOp) {
    ctx.signal?.throwIfAborted();
    const op = operations.get(operationId);
    if (!op) {
      for (const s of pending) s.note = `no operation ${operationId} in the plan`;
      continue;
    }
    if (!ready(op)) {
      for (const s of pending) s.note = 'waiting for an earlier step';
      continue;
    }
    switch (op.type) {
      case 'setRoleLevels':
        // Known not done from a fresh read: the same as a read that found every cell still at its `from`.
        if (ctx.notDoneAtRead?.(op) === true) {
          for (const s of pending) delete s.note;
        } else reads.push(verifyLevels(op, pending, ctx));
        break;
      case 'setCustomizeItems':
        reads.push(verifyCustomize(op, pending, ctx));
        break;
      case 'renameRole':
        reads.push(verifyRename(op, pending, ctx));
        break;
      case 'createApiKey':
        keys.push([op, pending]);
        break;
      default:
        // An operation the client can write but that the planner sent to a person: a person confirms it.
        for (const s of pending) if (!confirmIfAsked(s, ctx)) awaitConfirmation(s, `confirm with --confirm ${s.step.address} once done`);
    }
  }
  await settleAll(reads);
  for (const [op, pending] of keys) {
    ctx.signal?.throwIfAborted();
    await verifyKey(op, pending, ctx);
  }
}

/** Waits for every read, then throws the first failure (none is left running or unobserved). */
async function settleAll(tasks: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function verifyLevels(op: SetRoleLevelsOperation, pending: GuidedStepState[], ctx: GuidedContext): Promise<void> {
  const roleId = typeof op.roleId === 'number' ? op.roleId : ctx.lookup(op.roleId.ref);
  if (roleId === undefined) {
    for (const s of pending) s.note = `role ${op.role} is not created yet`;
    return;
  }
  const cellsPerStep = pending.map((s) => cellsOfStep(op, s.step));
  const allCells = cellsPerStep.flat();
  const live = await readCellLevels(ctx.client, roleId, allCells, ctx.signal ? { signal: ctx.signal } : {}, ctx.readAhead?.(roleId));
  let index = 0;
  pending.forEach((state, i) => {
    const cells = cellsPerStep[i] as LevelCell[];
    const wrong: string[] = [];
    for (const cell of cells) {
      const level = live[index];
      index += 1;
      // Untouched cells need no note (the line says it all); a third value or a missing function does.
      if (level !== cell.to && level !== cell.from) wrong.push(`${cell.kind} is ${level ?? 'missing'}, not ${cell.to}`);
      else if (level !== cell.to) wrong.push('');
    }
    if (cells.length > 0 && wrong.length === 0) {
      state.done = true;
      state.verifiedBy = 'api';
      state.note = 'verified through the settings API';
    } else {
      const note = cells.length === 0 ? 'no level on this line to check' : wrong.filter(Boolean).join('; ');
      if (note) state.note = note;
      else delete state.note;
    }
  });
}

/** A role renamed at the screens: the same id now carries the new name (a new role of that name would not do). */
async function verifyRename(op: Extract<Operation, { type: 'renameRole' }>, pending: GuidedStepState[], ctx: GuidedContext): Promise<void> {
  let name: string | undefined;
  try {
    name = (await ctx.client.getSecurityRole(op.roleId, ctx.signal ? { signal: ctx.signal } : {})).name;
  } catch (error) {
    if (!(error instanceof PsaApiError && error.status === 404)) throw error;
    for (const s of pending) s.note = `role id ${op.roleId} is gone from the PSA: plan again`;
    return;
  }
  for (const s of pending) {
    if (name === op.name) {
      s.done = true;
      s.verifiedBy = 'api';
      s.note = `verified: role id ${op.roleId} is named ${op.name}`;
    } else {
      s.note = `role id ${op.roleId} is still named ${name ?? '(none)'}`;
    }
  }
}

async function verifyCustomize(op: Extract<Operation, { type: 'setCustomizeItems' }>, pending: GuidedStepState[], ctx: GuidedContext): Promise<void> {
  const pair = op.verifyAs ? ctx.keys.known(op.verifyAs) : undefined;
  if (pair && op.verifyAs) {
    const memberClient = ctx.client.withCredentials({ publicKey: pair.publicKey, privateKey: pair.privateKey });
    let check: Awaited<ReturnType<typeof checkCustomizeItems>>;
    try {
      check = await checkCustomizeItems(memberClient, op.list, op.add, op.remove, ctx.signal ? { signal: ctx.signal } : {});
    } catch (error) {
      // A wrong pair is the member's key, not the run's credentials: the step waits, the rest of apply goes on.
      if (!(error instanceof PsaApiError && (error.status === 401 || error.status === 403))) throw error;
      // The list cannot be read this round: a person's --confirm is then the only way, as with no pair at all.
      for (const s of pending) {
        if (confirmIfAsked(s, ctx)) continue;
        awaitConfirmation(s, `the PSA refused ${op.verifyAs}'s key pair from ${pair.source} (HTTP ${error.status}): this list could not be read; or confirm with --confirm ${s.step.address}`);
      }
      return;
    }
    for (const s of pending) {
      delete s.confirmable;
      if (check.ok) {
        s.done = true;
        s.verifiedBy = 'member-keys';
        s.note = `verified with ${op.verifyAs}'s own keys`;
      } else {
        s.note = [
          check.missing.length ? `not yet allowed: ${check.missing.join(', ')}` : '',
          check.extra.length ? `still allowed: ${check.extra.join(', ')}` : '',
        ].filter(Boolean).join('; ');
      }
    }
    return;
  }
  for (const s of pending) {
    if (confirmIfAsked(s, ctx)) continue;
    awaitConfirmation(
      s,
      op.verifyAs
        ? `cwctl can read this list only with ${op.verifyAs}'s own keys (CWCTL_NEW_KEY_… or --new-keys); or confirm with --confirm ${s.step.address}`
        : `the PSA API cannot read this list: confirm with --confirm ${s.step.address} once done`,
    );
  }
}

async function verifyKey(op: Extract<Operation, { type: 'createApiKey' }>, pending: GuidedStepState[], ctx: GuidedContext): Promise<void> {
  const memberId = typeof op.memberId === 'number' ? op.memberId : (ctx.lookup(op.memberId.ref) ?? ctx.lookup(memberAddress(op.identifier)));
  // A member may get several keys: each pair handed over is used for one key, in order, and never twice.
  const fresh = ctx.keys.candidates(op.identifier).filter((p) => !ctx.isKeyTaken(op.identifier, p.publicKey));
  const failures: string[] = [];
  const ask = async (): Promise<NewKeyPair | undefined> =>
    pending.every((s) => ctx.mayAsk?.(s) ?? true) ? ctx.keys.ask(op.identifier, op.description) : undefined;
  for (let pair = fresh.shift() ?? (await ask()); pair; pair = fresh.shift()) {
    const keyClient = ctx.client.withCredentials({ publicKey: pair.publicKey, privateKey: pair.privateKey });
    const check = await checkApiKey(
      ctx.client,
      keyClient,
      { identifier: op.identifier, memberId, roleName: ctx.roleOfMember(op.identifier) },
      ctx.signal ? { signal: ctx.signal } : {},
    );
    if (!check.ok) {
      failures.push(`the key from ${pair.source} failed verification: ${check.reason}`);
      continue;
    }
    const verifiedAt = ctx.now();
    await ctx.onKeyVerified({ operation: op, pair, verifiedAt });
    for (const s of pending) {
      s.done = true;
      s.verifiedBy = 'api';
      s.note = `verified by calling the API as ${op.identifier} (key …${pair.publicKey.slice(-4)})`;
    }
    return;
  }
  const envName = `CWCTL_NEW_KEY_${op.identifier.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  // With --new-keys given, the person adds the pair to that very file (apply --wait re-reads it).
  const where = ctx.keys.file !== undefined ? `add ${op.identifier}=PUBLIC:PRIVATE to ${ctx.keys.file}` : 'pass --new-keys FILE';
  for (const s of pending) s.note = failures.length > 0 ? failures.join('; ') : `waiting for the new pair: set ${envName}=PUBLIC:PRIVATE or ${where}`;
}

/** Pending until a person says so with --confirm (the checklist shows the command). */
function awaitConfirmation(state: GuidedStepState, note: string): void {
  state.note = note;
  state.confirmable = true;
}

function confirmIfAsked(state: GuidedStepState, ctx: GuidedContext): boolean {
  if (!ctx.confirmations.has(state.step.address)) return false;
  delete state.confirmable;
  state.done = true;
  state.verifiedBy = 'person';
  state.confirmedBy = { who: ctx.who, at: ctx.now() };
  state.note = `confirmed by ${ctx.who}`;
  return true;
}
