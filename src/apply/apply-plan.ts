// Applies a Plan: API operations in dependency order (independent ones concurrently, within a bound), each
// recorded in state the moment it completes; guided steps verified against the live PSA and ticked off only
// once true; --wait polls until they are. runApply adds the lock, the stale-plan and safety refusals.
// Never prints (progress goes to a reporter), never stores a secret, never reports an unverified step as done.
import { CwctlError, ExitCode, isCwctlError } from '../errors.js';
import { sleep } from '../sleep.js';
import type { Address } from '../model/address.js';
import { parentAddress } from '../model/address.js';
import type { Operation, SetRoleLevelsOperation } from '../model/operation.js';
import type { GuidedStep, Plan } from '../model/plan.js';
import type { StateFile, StateResource } from '../model/state.js';
import type { Planner } from '../plan/plan-against-target.js';
import type { PsaClient } from '../psa/client.js';
import type { SecurityRoleSetting } from '../psa/types.js';
import type { HeldLock } from '../state/lock.js';
import { acquireLock } from '../state/lock.js';
import { assertStateTarget, newStateFile, readStateFile, sameTarget } from '../state/state-file.js';
import type { StateMutation } from '../state/state-journal.js';
import { createStateJournal } from '../state/state-journal.js';
import type { ApiOutcome } from './api-executor.js';
import { executeApiOperation, refusedOutright, sharedRoleListing } from './api-executor.js';
import type { GuidedStepState, VerifiedKey } from './guided-executor.js';
import { initialGuidedStates, verifyGuidedRound } from './guided-executor.js';
import { readRoleSettings } from './verify.js';
import type { KeyIntake } from './key-intake.js';
import type { KeySink } from './key-sink.js';
import { stepOf } from '../plan/guided-steps.js';
import { assertPlanIntact } from './saved-plan.js';
import { dropCreateIntent, moveRecordsAfter, recordApiOutcome, recordApprovals, recordCreateIntent, recordSettled, recordVerifiedKey, verifiedRecords } from './state-records.js';

/**
 * How long the plan's own read of the PSA stands in for the first verification round's (issue #14). Past it (an
 * approval prompt, a long run of API operations) the round reads again: a person may have done steps meanwhile.
 */
export const PLAN_READ_FRESH_MS = 10_000;

/** Operations in flight when the client does not say how many requests it keeps in flight (test fakes). */
export const DEFAULT_APPLY_CONCURRENCY = 4;

export interface ApplyReporter {
  operationStarted?(op: Operation): void;
  operationFinished?(op: Operation, outcome: ApiOutcome): void;
  operationFailed?(op: Operation, error: unknown): void;
  /**
   * Before the first verification round (which may prompt for keys): a live display must give up the terminal.
   * `states`: every guided step, none verified yet, so the checklist can be shown before anything is asked.
   */
  beforeGuided?(states: readonly GuidedStepState[]): Promise<void> | void;
  /** After every verification round, with every guided step's state. */
  guidedRound?(states: readonly GuidedStepState[]): void;
  note?(line: string): void;
}

export interface ApplyPlanOptions {
  plan: Plan;
  client: PsaClient;
  stateDir: string;
  /** The current state (read under the lock), or a new one for this target. */
  state: StateFile;
  concurrency?: number;
  signal?: AbortSignal | undefined;
  reporter?: ApplyReporter;
  /** --confirm ADDRESS: steps a person vouches for (only where cwctl cannot read the PSA back). */
  confirmations?: readonly Address[];
  who: string;
  keys: KeyIntake;
  keySink?: KeySink | undefined;
  /** --wait: keep verifying until every guided step is true or the timeout passes. */
  wait?: { timeoutMs: number; initialPollMs?: number; maxPollMs?: number } | undefined;
  /**
   * What is live for these addresses, as state records (plan/snapshot.ts over a fresh readLiveState), so the
   * digests in state equal what is live. Without it, records carry provisional digests of what was sent.
   */
  snapshot?: ((addresses: Address[], context: SnapshotContext) => Promise<Record<Address, StateResource>>) | undefined;
  /** The role each member should have (the desired state), to check a new key acts with it; else from the plan. */
  roleOfMember?: ((identifier: string) => string | undefined) | undefined;
  /** One state write per recorded change instead of group commit: every operation boundary is a crash point. */
  writeEach?: boolean | undefined;
  /** Called after each state write with the number of writes so far (the CLI's crash-test hook uses it). */
  afterStateWrite?: ((writes: number) => void) | undefined;
  /**
   * Date.now() when the read this plan was made from began (runApply sets it). While that read is fresh, the
   * first round takes the level steps of roles that existed then as not done (the plan holds only cells that
   * differed) instead of reading them again; it never takes a step as done without a read.
   */
  planReadAt?: number | undefined;
  now?: () => Date;
}

export interface SnapshotContext {
  /**
   * True when the plan's own read still is what is live as far as this apply knows: it is fresh (see
   * PLAN_READ_FRESH_MS), this apply wrote nothing to the PSA, moved and adopted nothing, and verified no step
   * (a verified step means a person changed the PSA after that read). The snapshot may then be built from that
   * read instead of reading every role again.
   */
  planReadStands: boolean;
}

export interface ApplyOutcome {
  state: StateFile;
  completed: { op: Operation; outcome: ApiOutcome }[];
  guided: GuidedStepState[];
  /** Guided steps still waiting on a person. */
  pending: number;
}

export async function applyPlan(options: ApplyPlanOptions): Promise<ApplyOutcome> {
  const { plan, client, signal, reporter = {} } = options;
  const now = options.now ?? (() => new Date());
  const iso = (): string => now().toISOString();
  // As many operations at once as the client keeps requests in flight: an operation is a request or two in turn.
  const concurrency = Math.max(1, options.concurrency ?? client.maxConcurrency ?? DEFAULT_APPLY_CONCURRENCY);
  const opsById = new Map(plan.operations.map((op) => [op.id, op]));
  const apiOps = plan.operations.filter((op) => op.executor === 'api');
  const guidedOps = plan.operations.filter((op) => op.executor === 'guided');
  const guided = initialGuidedStates(stepsFor(plan, guidedOps));
  // Each guided operation's steps, found once (a 200-role plan has 200 operations and 400 steps).
  const stepsOf = new Map<string, GuidedStepState[]>();
  for (const g of guided) {
    const list = stepsOf.get(g.step.operationId) ?? [];
    list.push(g);
    stepsOf.set(g.step.operationId, list);
  }
  const done = new Set<string>();
  const completed: ApplyOutcome['completed'] = [];
  const ids = new Map<Address, number>();
  for (const a of plan.adopt) if (a.psaId !== undefined) ids.set(a.address, a.psaId);

  // State is written after every completed operation, before the operation counts as done (state/state-journal:
  // chained writes, group commit; one write per operation when a crash test asks for every boundary).
  const journal = createStateJournal({ stateDir: options.stateDir, state: options.state, writeEach: options.writeEach, afterWrite: options.afterStateWrite });
  const saveState = (mutate: StateMutation): Promise<void> => journal.save(mutate);
  const lookup = (address: Address): number | undefined => ids.get(address) ?? journal.state.resources[address]?.psaId;
  const ready = (op: Operation): boolean => op.dependsOn.every((dep) => done.has(dep) || !opsById.has(dep));

  // Renames the PSA has already (a person did them): only the state records move, before anything else.
  if (plan.moved?.some((m) => m.operationId === undefined)) await saveState((resources) => moveRecordsAfter(resources, plan, undefined));

  let failure: { op: Operation; error: unknown } | undefined;
  // One read of the roles for every createRole of this apply, made when the first one runs once the plan's own
  // read (which found none of them) is no longer fresh, e.g. after an approval prompt.
  const roles = sharedRoleListing(client, options.planReadAt !== undefined ? { at: options.planReadAt, freshMs: PLAN_READ_FRESH_MS } : undefined);

  // Three stages an operation goes through, so the disk and the PSA work at once (issue #14): its intent is
  // written (createRole), its requests run (at most `concurrency` operations at this stage: the bound the client
  // keeps requests to), then its outcome is written. Up to `concurrency` more operations may have their intent
  // written ahead, so that an operation is ready whenever another's requests end; and the outcome writes happen
  // outside the bound (group commit takes them together). An operation counts as done, and its dependents may
  // start, only once its outcome is on disk.
  const runApiPhase = async (): Promise<void> => {
    const started = new Set<string>();
    const tasks = new Set<Promise<void>>();
    // Operations not yet past their requests (intent written or being written, or requests in flight).
    let ahead = 0;
    let executing = 0;
    const slotWaiters: (() => void)[] = [];
    let wake: (() => void) | undefined;
    const notify = (): void => {
      wake?.();
      wake = undefined;
    };
    const acquire = async (): Promise<void> => {
      if (executing < concurrency) {
        executing += 1;
        return;
      }
      await new Promise<void>((resolve) => slotWaiters.push(resolve));
    };
    const release = (): void => {
      const next = slotWaiters.shift();
      if (next) next();
      else executing -= 1;
    };
    const stages = {
      acquire,
      release,
      passed: () => {
        ahead -= 1;
        notify();
      },
    };
    // A task that threw (a state write failed): nothing new starts, the rest settle, then it is thrown.
    let thrown: { error: unknown } | undefined;
    for (;;) {
      while (!thrown && !failure && !signal?.aborted && ahead < 2 * concurrency) {
        const next = apiOps.find((op) => !done.has(op.id) && !started.has(op.id) && ready(op));
        if (!next) break;
        started.add(next.id);
        ahead += 1;
        const task: Promise<void> = runOne(next, stages)
          .catch((error: unknown) => {
            thrown ??= { error };
          })
          .finally(() => {
            tasks.delete(task);
            notify();
          });
        tasks.add(task);
      }
      if (tasks.size === 0) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (thrown) throw thrown.error;
  };

  const runOne = async (op: Operation, stages: { acquire(): Promise<void>; release(): void; passed(): void }): Promise<void> => {
    let passed = false;
    const pass = (): void => {
      if (passed) return;
      passed = true;
      stages.passed();
    };
    try {
      reporter.operationStarted?.(op);
      if (op.type === 'createRole') {
        // Intent first (state-records.ts says why): a lost answer to the POST must not leave an unknown role.
        await saveState((resources) => recordCreateIntent(resources, op, plan.operations, iso()));
      }
      await stages.acquire();
      let outcome: ApiOutcome;
      try {
        if (failure || signal?.aborted) {
          // Stopped while this one waited its turn: its request was never sent, so its intent goes.
          if (op.type === 'createRole') await saveState((resources) => dropCreateIntent(resources, op));
          return;
        }
        outcome = await executeApiOperation(op, {
          client,
          lookup,
          owns: (address) => journal.state.resources[address] !== undefined,
          ownedId: (address) => journal.state.resources[address]?.psaId,
          roles,
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (op.type === 'createRole' && refusedOutright(error)) {
          await saveState((resources) => dropCreateIntent(resources, op));
        }
        failure ??= { op, error };
        reporter.operationFailed?.(op, error);
        return;
      } finally {
        stages.release();
        pass();
      }
      if (outcome.psaId !== undefined) ids.set(op.address, outcome.psaId);
      await saveState((resources) => {
        moveRecordsAfter(resources, plan, op.id);
        recordApiOutcome(resources, op, outcome, iso());
        // As soon as a role exists in state, what this plan approved on it is recorded too (a crash right after
        // must not turn the resumed apply into an escalation).
        recordApprovals(resources, plan.operations);
      });
      done.add(op.id);
      completed.push({ op, outcome });
      readAheadAfter(op, outcome);
      reporter.operationFinished?.(op, outcome);
    } finally {
      pass();
    }
  };

  // The level steps of a role this apply creates are verified by reading its settings; that read goes out as soon
  // as the role is recorded, alongside the other operations' requests, rather than all of them after the last
  // operation (issue #14). Only for the first round, and only for a step that round will read (its operation ready
  // then, as it stays): the round takes the read instead of making its own, so the requests are the same.
  const levelOpsOf = new Map<Address, SetRoleLevelsOperation[]>();
  for (const op of guidedOps) {
    if (op.type !== 'setRoleLevels' || typeof op.roleId === 'number') continue;
    const list = levelOpsOf.get(op.roleId.ref) ?? [];
    list.push(op);
    levelOpsOf.set(op.roleId.ref, list);
  }
  // With when each read went out: one older than PLAN_READ_FRESH_MS (a long run of operations) is not taken, as a
  // person may have set the levels since; the round reads again.
  const readAhead = new Map<number, { read: Promise<SecurityRoleSetting[]>; at: number }>();
  let roundsStarted = false;
  const readAheadAfter = (op: Operation, outcome: ApiOutcome): void => {
    if (op.type !== 'createRole' || outcome.psaId === undefined || roundsStarted || failure || signal?.aborted) return;
    const levelOps = levelOpsOf.get(op.address);
    if (!levelOps?.some((l) => ready(l) && (stepsOf.get(l.id) ?? []).some((g) => !g.done)) || readAhead.has(outcome.psaId)) return;
    const read = readRoleSettings(client, outcome.psaId, signal ? { signal } : {});
    // Taken by the round, or left when the apply stops first: a failure is then nobody's to see.
    read.catch(() => undefined);
    readAhead.set(outcome.psaId, { read, at: Date.now() });
  };

  const verifiedKeys: VerifiedKey[] = [];
  const confirmations = new Set(options.confirmations ?? []);
  const guidedContext = {
    client,
    lookup,
    keys: options.keys,
    confirmations,
    who: options.who,
    now: iso,
    roleOfMember: (identifier: string) => options.roleOfMember?.(identifier) ?? roleOfMember(plan, identifier),
    isKeyTaken: (identifier: string, publicKey: string) =>
      verifiedKeys.some((k) => k.pair.publicKey === publicKey) ||
      Object.entries(journal.state.resources).some(
        ([address, r]) => address.startsWith(`member:${identifier}/apiKey:`) && r.publicKeySuffix !== undefined && r.publicKeySuffix === publicKey.slice(-4),
      ),
    onKeyVerified: async (key: VerifiedKey) => {
      // Sink first: once state says "verified", a later run will not ask for this key again.
      if (options.keySink) await options.keySink.put({
        identifier: key.operation.identifier,
        description: key.operation.description,
        publicKey: key.pair.publicKey,
        privateKey: key.pair.privateKey,
        verifiedAt: key.verifiedAt,
      });
      verifiedKeys.push(key);
      await saveState((resources) => recordVerifiedKey(resources, key));
    },
    // A member's key pair is asked for only once its step is next: every level step listed before it is done
    // (those are what a person clicks first; lists and other keys may themselves wait on a key or a person).
    mayAsk: (state: GuidedStepState) => guided.slice(0, Math.max(0, guided.indexOf(state))).every((g) => g.done || g.step.action.t !== 'level'),
    signal,
  };

  const deadline = options.wait ? Date.now() + options.wait.timeoutMs : 0;
  const initialPoll = options.wait?.initialPollMs ?? 2000;
  let poll = initialPoll;
  let guidedStarted = false;
  let firstRound = true;
  try {
    for (;;) {
      const before = done.size + guided.filter((g) => g.done).length;
      await runApiPhase();
      await journal.flush();
      if (failure || signal?.aborted) break;
      if (guided.some((g) => !g.done)) {
        if (!guidedStarted) {
          guidedStarted = true;
          await reporter.beforeGuided?.(guided);
        }
        // Only the first round, only a role the plan read (it had an id then), only while that read is fresh.
        const planReadFresh = firstRound && options.planReadAt !== undefined && Date.now() - options.planReadAt <= PLAN_READ_FRESH_MS;
        firstRound = false;
        roundsStarted = true;
        await verifyGuidedRound(opsById, guided, ready, {
          ...guidedContext,
          ...(planReadFresh ? { notDoneAtRead: (op: SetRoleLevelsOperation) => typeof op.roleId === 'number' } : {}),
          readAhead: (roleId: number) => {
            const ahead = readAhead.get(roleId);
            readAhead.delete(roleId);
            return ahead && Date.now() - ahead.at <= PLAN_READ_FRESH_MS ? ahead.read : undefined;
          },
        });
        readAhead.clear();
        for (const op of guidedOps) {
          const steps = stepsOf.get(op.id) ?? [];
          if (!done.has(op.id) && steps.length > 0 && steps.every((g) => g.done)) {
            done.add(op.id);
            // A role renamed at the screens: its state records follow it now.
            if (plan.moved?.some((m) => m.operationId === op.id)) await saveState((resources) => moveRecordsAfter(resources, plan, op.id));
          }
        }
        reporter.guidedRound?.(guided);
      }
      const allDone = apiOps.every((op) => done.has(op.id)) && guided.every((g) => g.done);
      if (allDone || !options.wait || Date.now() >= deadline) break;
      const progressed = done.size + guided.filter((g) => g.done).length > before;
      poll = progressed ? initialPoll : Math.min(poll * 1.5, options.wait.maxPollMs ?? 30_000);
      await sleep(Math.min(poll, Math.max(0, deadline - Date.now())), signal);
      if (signal?.aborted) break;
    }
  } catch (error) {
    await journal.flush().catch(() => undefined);
    if (signal?.aborted) throw interrupted(completed.length, apiOps.length);
    throw error;
  }
  await journal.flush();

  if (signal?.aborted) throw interrupted(completed.length, apiOps.length);
  if (failure) throw stoppedError(failure, completed.length, apiOps.length);

  // Record what is now known to be true: verified guided steps, adoptions, and live snapshots of all of it.
  const verified = verifiedRecords(guided, opsById, iso());
  // Everything owned is re-read, so state digests equal what is live now (a role's snapshot includes the levels
  // just verified) - except what still waits on a person: recording it now would pass a half-done step as applied.
  const waiting = new Set<Address>();
  for (const g of guided) {
    if (g.done) continue;
    waiting.add(g.step.address);
    waiting.add(parentAddress(g.step.address));
  }
  const deleted = new Set(completed.filter((c) => c.outcome.result === 'deleted' || c.outcome.result === 'absent').map((c) => c.op.address));
  const touched = new Set<Address>(
    [
      ...Object.keys(journal.state.resources),
      ...completed.map((c) => c.op.address),
      ...Object.keys(verified),
      ...plan.adopt.map((a) => a.address),
    ].filter((a) => !waiting.has(a) && !deleted.has(a)),
  );
  if (touched.size > 0) {
    const planReadStands = options.planReadAt !== undefined && Date.now() - options.planReadAt <= PLAN_READ_FRESH_MS &&
      completed.length === 0 && !guided.some((g) => g.done) && plan.adopt.length === 0 && (plan.moved?.length ?? 0) === 0;
    const live = options.snapshot ? await options.snapshot([...touched], { planReadStands }) : {};
    await saveState((resources) => recordSettled(resources, { adopt: plan.adopt, verified, operations: plan.operations, live, at: iso() }));
    await journal.flush();
  }
  return { state: journal.state, completed, guided, pending: guided.filter((g) => !g.done).length };
}

export interface RunApplyOptions extends Omit<ApplyPlanOptions, 'plan' | 'state'> {
  target: { site: string; company: string };
  lockTimeoutMs: number;
  /** A plan saved with `plan --out`: refused when edited or stale; never run itself (the equal fresh plan runs). */
  savedPlan?: Plan | undefined;
  /** Plans against the target with the state read under the lock (plan/plan-against-target's targetPlanner). */
  buildPlan: Planner;
  /**
   * When the live read of the plan just built began, if before buildPlan was called (reads started ahead, as the
   * CLI's early start does): the plan's read counts as fresh from then (PLAN_READ_FRESH_MS), not from the call.
   */
  planReadBegan?: () => number | undefined;
  allowEscalation: boolean;
  allowDeletes: boolean;
  /** Shows the plan and asks; only called without a saved plan and when there is something to do. */
  approve?: ((plan: Plan) => Promise<boolean>) | undefined;
  /**
   * The state lock, already held by the caller (the sandbox takes it before loading its data file); the caller
   * releases it. Without it, runApply takes and releases the lock itself.
   */
  heldLock?: HeldLock | undefined;
  /** Called with the plan about to be applied (after the checks and the approval), e.g. to start progress. */
  beforeApply?: ((plan: Plan) => void) | undefined;
}

export interface RunApplyOutcome extends ApplyOutcome {
  plan: Plan;
  /** false when the person declined at the prompt. */
  approved: boolean;
}

/** Lock, read state, (re)plan, refuse stale plans and unsafe changes, ask, apply, release. */
export async function runApply(options: RunApplyOptions): Promise<RunApplyOutcome> {
  const lock = options.heldLock ?? await acquireLock({
    stateDir: options.stateDir,
    operation: 'apply',
    who: options.who,
    timeoutMs: options.lockTimeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const current = await readStateFile(options.stateDir);
    if (current) assertStateTarget(current, options.target, options.stateDir);
    if (options.savedPlan) assertPlanIntact(options.savedPlan);
    // The fresh plan is what runs, a saved one included: a saved plan only proves, by a checksum over all of it,
    // that this is what was reviewed. Its own operations (a file anyone may edit) are never executed.
    const called = Date.now();
    const plan = await options.buildPlan(current);
    const planReadAt = Math.min(called, options.planReadBegan?.() ?? called);
    if (options.savedPlan) assertPlanFresh(options.savedPlan, plan, current, options.target);
    assertSafe(plan, options.allowEscalation, options.allowDeletes);
    const state = current ?? newStateFile(options.target);
    const hasWork = plan.operations.length > 0 || plan.adopt.length > 0 || (plan.moved?.length ?? 0) > 0;
    if (!hasWork) {
      // Nothing to change, but a person may have finished the checklist since the last apply: what then waited
      // on them was left without a snapshot. Record it now (who verified, when), or a later change would read
      // as pending YAML with no who/when. Only when something is unsettled, so a no-op apply keeps the serial.
      if (options.snapshot && unsettled(state).length > 0) {
        options.beforeApply?.(plan);
        const outcome = await applyPlan({ ...options, plan, state, planReadAt });
        return { ...outcome, plan, approved: true };
      }
      return { plan, approved: true, state, completed: [], guided: [], pending: 0 };
    }
    if (!options.savedPlan && plan.operations.length > 0 && options.approve && !(await options.approve(plan))) {
      return { plan, approved: false, state, completed: [], guided: [], pending: 0 };
    }
    options.beforeApply?.(plan);
    const outcome = await applyPlan({ ...options, plan, state, planReadAt });
    return { ...outcome, plan, approved: true };
  } finally {
    if (!options.heldLock) await lock.release();
  }
}

/** Owned objects the API can read back whose record has no applied snapshot yet (they waited on a person). */
function unsettled(state: StateFile): Address[] {
  const readable = new Set(['role', 'member', 'mapping', 'crossReference']);
  return Object.entries(state.resources).filter(([, r]) => readable.has(r.kind) && r.psaId !== undefined && r.applied === undefined).map(([a]) => a);
}

/**
 * A saved plan applies only to the state and PSA it was made from, only unedited, and only while a fresh plan
 * still says the same (equal checksums over everything apply acts on).
 */
export function assertPlanFresh(saved: Plan, fresh: Plan, state: StateFile | null, target: { site: string; company: string }): void {
  assertPlanIntact(saved);
  if (!sameTarget(saved.target, target)) {
    throw new CwctlError(`the plan was made for company "${saved.target.company}" at ${saved.target.site}, not for this PSA`, {
      exitCode: ExitCode.LockedOrStale,
      code: 'plan-target-mismatch',
      hint: 'make a new plan against this PSA: cwctl plan --out plan.json',
    });
  }
  const lineage = state?.lineage ?? null;
  const serial = state?.serial ?? null;
  if (saved.stateLineage !== lineage || saved.stateSerial !== serial) {
    const why = saved.stateLineage !== lineage ? 'it was made from another state (lineage differs)' : `the state moved on since (serial ${saved.stateSerial ?? 'none'} -> ${serial ?? 'none'})`;
    throw new CwctlError(`the saved plan is stale: ${why}`, {
      exitCode: ExitCode.LockedOrStale,
      code: 'stale-plan',
      hint: 'make a new plan (cwctl plan --out plan.json), review it, then apply that',
    });
  }
  if (saved.checksum !== fresh.checksum) {
    throw new CwctlError('the saved plan no longer matches the PSA and the YAML (checksum differs from a fresh plan)', {
      exitCode: ExitCode.LockedOrStale,
      code: 'plan-checksum',
      hint: 'someone changed the PSA or the YAML since: make a new plan (cwctl plan --out plan.json) and review it',
    });
  }
}

/** Safety findings need their allow flag; those no flag allows are always refused (exit 6). */
export function assertSafe(plan: Plan, allowEscalation: boolean, allowDeletes: boolean): void {
  const refused = plan.safety.filter(
    (f) => f.allowFlag === null || (f.allowFlag === '--allow-escalation' && !allowEscalation) || (f.allowFlag === '--allow-deletes' && !allowDeletes),
  );
  if (refused.length === 0) return;
  const flags = [...new Set(refused.map((f) => f.allowFlag).filter((f): f is NonNullable<typeof f> => f !== null))];
  const shown = refused.slice(0, 3).map((f) => f.message).join('; ');
  const more = refused.length > 3 ? `; and ${refused.length - 3} more (cwctl plan lists them all)` : '';
  throw new CwctlError(`refusing to apply ${refused.length} unsafe change${refused.length === 1 ? '' : 's'}: ${shown}${more}`, {
    exitCode: ExitCode.Unsafe,
    code: 'unsafe',
    hint: flags.length > 0 && refused.every((f) => f.allowFlag !== null)
      ? `review the plan; if intended, apply again with ${flags.join(' ')}`
      : 'no flag allows this; change the YAML',
  });
}

/** Guided steps of the plan, plus one synthetic step for a guided operation the plan gave none. */
function stepsFor(plan: Plan, guidedOps: readonly Operation[]): GuidedStep[] {
  const steps = [...plan.guided];
  const stepped = new Set(steps.map((s) => s.operationId));
  for (const op of guidedOps) {
    if (stepped.has(op.id)) continue;
    steps.push(stepOf(op.id, op.address, { t: 'other', summary: op.summary }, op.type === 'setRoleLevels' || op.type === 'createApiKey' ? 'api' : 'person'));
  }
  return steps;
}

function roleOfMember(plan: Plan, identifier: string): string | undefined {
  for (const op of plan.operations) {
    if (op.type === 'createMember' && op.identifier === identifier) {
      const role = op.body.securityRole.id;
      if (typeof role !== 'number') return role.ref.startsWith('role:') ? role.ref.slice('role:'.length) : undefined;
    }
  }
  return undefined;
}

function stoppedError(failure: { op: Operation; error: unknown }, done: number, total: number): CwctlError {
  const cause = failure.error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const keep = isCwctlError(cause) && cause.exitCode === ExitCode.Unsafe;
  return new CwctlError(`apply stopped at "${failure.op.summary}" (${failure.op.id}): ${reason}`, {
    exitCode: keep ? ExitCode.Unsafe : ExitCode.Partial,
    code: keep ? cause.code : 'apply-partial',
    hint: `${done} of ${total} API operations done and recorded in state; fix the cause and run cwctl apply again (it resumes without duplicating)${isCwctlError(cause) && cause.hint ? `; ${cause.hint}` : ''}`,
    cause,
  });
}

function interrupted(done: number, total: number): CwctlError {
  return new CwctlError(`apply interrupted after ${done} of ${total} API operations (state saved)`, {
    exitCode: ExitCode.Interrupted,
    code: 'interrupted',
    hint: 'run cwctl apply again to continue',
  });
}
