// Plan against a target: read the live PSA for the desired state and the state file, build the plan, narrow it
// to a selection. The one path plan, drift and apply share (apply replans under the lock with it). Prints
// nothing: what the read found is handed to `onLive` before the plan is built, PlanInputError is thrown.
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Plan, PlanSelection } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import type { PsaClient } from '../psa/client.js';
import type { ReadLiveStateOptions } from '../psa/read-live-state.js';
import { readLiveState } from '../psa/read-live-state.js';
import { buildPlan } from './build-plan.js';
import { selectTargets } from './select-targets.js';

/** The PSA a plan is made against. */
export interface PlanTarget {
  client: PsaClient;
  target: { site: string; company: string };
  sandbox: boolean;
}

export interface PlanAgainstTargetInput {
  desired: DesiredState;
  to: PlanTarget;
  state: StateFile | null;
  /** Options of the live read (signal, members' keys...), taken when the read starts. */
  read?: ReadLiveStateOptions | undefined;
  /** --target / --exclude (or the selection a saved plan was made with). */
  selection?: PlanSelection | undefined;
  /** What was read, before the plan is built (the CLI prints the read's warnings here). */
  onLive?: ((live: LiveState) => void) | undefined;
  now?: (() => Date) | undefined;
}

export async function planAgainstTarget(input: PlanAgainstTargetInput): Promise<{ plan: Plan; live: LiveState }> {
  const { desired, to, state } = input;
  const live = await readLiveState(to.client, { desired, state }, input.read ?? {});
  input.onLive?.(live);
  const plan = buildPlan({
    desired,
    live,
    state: state ?? undefined,
    capabilities: to.client.capabilities,
    now: (input.now?.() ?? new Date()).toISOString(),
    target: to.target,
    sandbox: to.sandbox,
  });
  return { plan: selectTargets(plan, input.selection), live };
}

/** Plans against the target with the state it is given: what apply replans with under the lock. */
export type Planner = (state: StateFile | null) => Promise<Plan>;

/**
 * A Planner over one desired state and target; `read` is called at each plan, so members' keys verified
 * meanwhile are used.
 */
export function targetPlanner(input: Omit<PlanAgainstTargetInput, 'state' | 'read'> & { read?: () => ReadLiveStateOptions }): Planner {
  return async (state) => {
    const { read, ...rest } = input;
    return (await planAgainstTarget({ ...rest, state, ...(read ? { read: read() } : {}) })).plan;
  };
}
