// buildPlan: desired state + live PSA + state -> the Plan (changes, drift, ordered operations, the guided
// checklist, adoptions, safety findings, a summary and a checksum). Pure: the clock and the client's
// capabilities are passed in; unresolvable names throw PlanInputError carrying Diagnostics (exit 3).
import { CwctlError, ExitCode } from '../errors.js';
import type { Address } from '../model/address.js';
import { addressKind, parentAddress } from '../model/address.js';
import type { DesiredState } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { LiveState } from '../model/live.js';
import type { Change, Plan, PlanSummary } from '../model/plan.js';
import { PLAN_FORMAT_VERSION } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import type { Capabilities } from '../psa/client.js';
import { diff } from './diff.js';
import { detectDrift } from './drift.js';
import { buildGuidedSteps } from './guided-steps.js';
import { buildOperations } from './operations.js';
import { orderOperations } from './order.js';
import { resolveLiveCatalogue } from './resolve-live-catalogue.js';
import { resolveMoves } from './resolve-moves.js';
import { resolveNames } from './resolve-names.js';
import { assessSafety } from './safety.js';
import { planChecksumOf } from './plan-checksum.js';

export interface BuildPlanInput {
  desired: DesiredState;
  live: LiveState;
  state: StateFile | undefined;
  capabilities: Capabilities;
  /** ISO timestamp (the clock is the caller's). */
  now: string;
  target: { site: string; company: string };
  sandbox: boolean;
}

/** The desired state names things the PSA does not have (exit 3); the diagnostics say which and where. */
export class PlanInputError extends CwctlError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super(`${errors} name${errors === 1 ? '' : 's'} in the desired state could not be resolved in the PSA`, {
      exitCode: ExitCode.InvalidInput,
      code: 'unresolved-names',
      hint: 'fix the names above (or create the objects in the PSA), then plan again',
    });
    this.name = 'PlanInputError';
    this.diagnostics = diagnostics;
  }
}

/** The object a change is counted against: level cells and customize lists count as their role. */
function objectOf(address: Address): Address {
  const kind = addressKind(address);
  return kind === 'setting' || kind === 'customize' ? parentAddress(address) : address;
}

/** Counts objects, Terraform style: a new role with 40 levels is one create, not 41 changes. */
export function summarize(changes: readonly Change[]): Pick<PlanSummary, 'create' | 'update' | 'delete' | 'replace'> {
  const created = new Set(changes.filter((c) => c.action === 'create').map((c) => c.address));
  const updated = new Set<Address>();
  const deleted = new Set<Address>();
  const replaced = new Set<Address>();
  for (const c of changes) {
    const object = objectOf(c.address);
    // A rename changes the object's name: counted as a change of it (Terraform lists moves apart; one line here).
    if ((c.action === 'update' || c.action === 'rename') && !created.has(object)) updated.add(object);
    if (c.action === 'delete') deleted.add(object);
    if (c.action === 'replace') replaced.add(object);
  }
  return { create: created.size, update: updated.size, delete: deleted.size, replace: replaced.size };
}

/**
 * An adoption a reader need not see: a list of a role this plan creates (it starts as declared; the adoption
 * only makes apply record it). Renderers and the summary leave these out.
 */
export function isImplicitAdoption(address: Address, changes: readonly Change[]): boolean {
  if (addressKind(address) !== 'customize') return false;
  const role = parentAddress(address);
  return changes.some((c) => c.address === role && c.action === 'create');
}

export function buildPlan(input: BuildPlanInput): Plan {
  const { capabilities } = input;
  // Names in the live PSA's terms first: every later stage compares live keys with live keys.
  const checked = resolveLiveCatalogue(input.desired, input.live);
  const desired = checked.desired;
  // `moved:` renames: from here on the live PSA and state are seen as renamed (the same ids under the new names).
  const moves = resolveMoves({ desired, live: input.live, state: input.state });
  const { live, state } = moves;
  const resolved = resolveNames(desired, live);
  const diffed = diff({ desired, live, state, resolved });
  const diagnostics = [...checked.diagnostics, ...moves.diagnostics, ...resolved.diagnostics, ...diffed.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) throw new PlanInputError(diagnostics);

  const { changes, findings } = assessSafety({ desired, live, state, changes: [...moves.renames, ...diffed.changes] });
  const operations = orderOperations(buildOperations({ desired, live, resolved, capabilities, changes }));
  const unknownLists = new Set(changes.filter((c) => addressKind(c.address) === 'customize' && c.before === null && live.roles[parentAddress(c.address).slice('role:'.length)]).map((c) => c.address));
  const guided = buildGuidedSteps(operations, unknownLists);
  const drift = detectDrift({ live, state, desired });
  const summary: PlanSummary = {
    ...summarize(changes),
    api: operations.filter((o) => o.executor === 'api').length,
    guided: operations.filter((o) => o.executor === 'guided').length,
    drift: drift.length,
    escalations: changes.filter((c) => c.escalation).length,
    adopt: diffed.adopt.filter((a) => !isImplicitAdoption(a.address, changes)).length,
  };
  const plan: Omit<Plan, 'checksum' | 'requestCount'> = {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: input.now,
    target: { site: input.target.site, company: input.target.company, sandbox: input.sandbox },
    stateLineage: input.state?.lineage ?? null,
    stateSerial: input.state?.serial ?? null,
    changes,
    drift,
    operations,
    guided,
    adopt: diffed.adopt,
    ...(moves.moves.length > 0 ? { moved: moves.moves } : {}),
    safety: findings,
    summary,
  };
  // Over everything apply acts on (adoptions and safety findings too), so a saved plan cannot be edited unseen.
  return { ...plan, checksum: planChecksumOf(plan), requestCount: input.live.requestCount };
}
