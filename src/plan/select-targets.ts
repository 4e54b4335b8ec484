// --target / --exclude ADDRESS: narrows a plan to some objects, as Terraform's -target does, for the rare run
// that must touch one role or member only. An address selects itself and everything under it (`role:X` takes
// `role:X/setting:...`); operations the selected ones depend on come along (a member needs its role), and an
// excluded address that a selected operation needs is an error, not a silently broken apply. Pure.
import { CwctlError, ExitCode } from '../errors.js';
import type { Address } from '../model/address.js';
import type { Plan, PlanSelection } from '../model/plan.js';
import { isImplicitAdoption, summarize } from './build-plan.js';
import { planChecksumOf } from './plan-checksum.js';

const under = (address: Address, prefix: string): boolean => address === prefix || address.startsWith(`${prefix}/`);

export function isEmptySelection(selection: PlanSelection | undefined): boolean {
  return !selection || (selection.targets.length === 0 && selection.excludes.length === 0);
}

/** The plan narrowed to the selection (the same plan when nothing is selected), with its own summary and checksum. */
export function selectTargets(plan: Plan, selection: PlanSelection | undefined): Plan {
  if (!selection || isEmptySelection(selection)) return plan;
  const { targets, excludes } = selection;
  const chosen = (address: Address): boolean =>
    (targets.length === 0 || targets.some((t) => under(address, t))) && !excludes.some((e) => under(address, e));
  const byId = new Map(plan.operations.map((o) => [o.id, o]));
  const keep = new Set<string>();
  const visit = (id: string, neededBy: string | undefined): void => {
    if (keep.has(id)) return;
    const op = byId.get(id);
    if (!op) return;
    const needer = neededBy ? byId.get(neededBy) : undefined;
    if (needer && excludes.some((e) => under(op.address, e))) {
      throw new CwctlError(`--exclude ${op.address} removes '${op.summary}', which '${needer.summary}' needs`, {
        exitCode: ExitCode.InvalidInput,
        code: 'exclude-dependency',
        hint: `exclude ${needer.address} too, or drop that --exclude`,
      });
    }
    keep.add(id);
    for (const dep of op.dependsOn) visit(dep, op.id);
  };
  for (const op of plan.operations) if (chosen(op.address)) visit(op.id, undefined);
  const operations = plan.operations.filter((o) => keep.has(o.id));
  const addresses = new Set(operations.map((o) => o.address));
  const changes = plan.changes.filter((c) => chosen(c.address) || addresses.has(c.address));
  const adopt = plan.adopt.filter((a) => chosen(a.address));
  const drift = plan.drift.filter((d) => chosen(d.address));
  // A rename's state move goes with its operation, or (done in the PSA already) with its new address.
  const moved = (plan.moved ?? []).filter((m) => (m.operationId ? keep.has(m.operationId) : chosen(m.to)));
  const { moved: _all, ...rest } = plan;
  const narrowed: Plan = {
    ...rest,
    ...(moved.length > 0 ? { moved } : {}),
    selection: { targets: [...targets], excludes: [...excludes] },
    changes,
    operations,
    guided: plan.guided.filter((g) => keep.has(g.operationId)),
    adopt,
    drift,
    safety: plan.safety.filter((f) => chosen(f.address) || addresses.has(f.address)),
    summary: {
      ...summarize(changes),
      api: operations.filter((o) => o.executor === 'api').length,
      guided: operations.filter((o) => o.executor === 'guided').length,
      drift: drift.length,
      escalations: changes.filter((c) => c.escalation).length,
      adopt: adopt.filter((a) => !isImplicitAdoption(a.address, changes)).length,
    },
    checksum: '',
  };
  // The same checksum as any plan (every field but the unhashed ones): a narrowed plan saved with --out must
  // pass the same tamper check as a whole one.
  return { ...narrowed, checksum: planChecksumOf(narrowed) };
}
