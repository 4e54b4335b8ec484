// Splits what a plan found into out-of-band drift (the PSA moved since the last apply: who and when where the PSA
// says) and pending changes (the YAML moved and was not applied), so `cwctl drift` can report them apart.
// A change that only undoes drift is not pending. Pure: it is given the plan and the state; no I/O.
import { canonicalJson } from '../model/canonical-json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import type { Change, DriftItem, Plan } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import { parseAddress } from '../model/parse-address.js';
import { NONE_LEVELS } from '../plan/snapshot.js';

export interface DriftReport {
  target: { site: string; company: string; sandbox: boolean };
  checkedAt: string;
  /** State serial and when it was last applied (the newest appliedAt), if there is state. */
  state: { serial: number; lastAppliedAt: string | null } | null;
  inSync: boolean;
  /** The PSA changed since the last apply, apart from the YAML. */
  drift: DriftItem[];
  /** The YAML changed and was not applied. */
  pending: Change[];
  /** Changes an apply would make only to undo drift (so they are not pending). */
  restores: Change[];
  requestCount: number;
}

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** What state says was applied at an address (a level cell lives inside its role's snapshot). */
export function appliedValueOf(state: StateFile | null | undefined, address: string): JsonValue | undefined {
  if (!state) return undefined;
  const direct = state.resources[address];
  if (direct) return direct.applied;
  const parsed = parseAddress(address);
  if (parsed?.kind === 'setting') {
    const role = state.resources[`role:${parsed.role}`]?.applied;
    if (!isObject(role)) return undefined;
    const settings = role.settings;
    const cell = isObject(settings) ? settings[parsed.functionKey] : undefined;
    // The role snapshot keeps only non-None cells: absent means applied as None.
    return cell ?? { ...NONE_LEVELS };
  }
  return undefined;
}

/**
 * true when the YAML asks for exactly what was last applied on every field the change touches, i.e. the
 * change exists only because the PSA moved.
 */
function onlyRestores(change: Change, applied: JsonValue | undefined): boolean {
  if (applied === undefined || change.action === 'create' || change.action === 'delete') return false;
  if (!isObject(change.before) || !isObject(change.after) || !isObject(applied)) return same(change.after, applied);
  const fields = new Set([...Object.keys(change.before), ...Object.keys(change.after)]);
  for (const field of fields) {
    if (same(change.before[field], change.after[field])) continue;
    if (!same(change.after[field], applied[field])) return false;
  }
  return true;
}

export function buildDriftReport(plan: Plan, state: StateFile | null | undefined): DriftReport {
  const pending: Change[] = [];
  const restores: Change[] = [];
  for (const change of plan.changes) {
    if (change.action === 'noop') continue;
    // A create of an object state owns means it was deleted in the PSA: drift reports it; apply recreates it.
    if (change.action === 'create' && state?.resources[change.address]) {
      restores.push(change);
      continue;
    }
    (onlyRestores(change, appliedValueOf(state, change.address)) ? restores : pending).push(change);
  }
  const applied = Object.values(state?.resources ?? {}).map((r) => r.appliedAt).sort();
  return {
    target: plan.target,
    checkedAt: plan.createdAt,
    state: state ? { serial: state.serial, lastAppliedAt: applied[applied.length - 1] ?? null } : null,
    inSync: plan.drift.length === 0 && pending.length === 0 && restores.length === 0,
    drift: plan.drift,
    pending,
    restores,
    requestCount: plan.requestCount,
  };
}

const show = (v: JsonValue | undefined): string =>
  v === null || v === undefined ? 'none' : typeof v === 'string' ? v : Array.isArray(v) ? `[${v.map((x) => show(x)).join(', ')}]` : canonicalJson(v);

/** "inquire None -> All, add My -> None" / "location Tampa -> Orlando": the fields that differ, for reports. */
export function describeMove(before: JsonValue | undefined, after: JsonValue | undefined): string {
  if (after === null || after === undefined) return before === null || before === undefined ? 'no change' : 'deleted';
  if (before === null || before === undefined) return 'created';
  if (!isObject(before) || !isObject(after)) return `${show(before)} -> ${show(after)}`;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !same(before[f], after[f]));
  if (fields.length === 0) return 'no change';
  // Customize lists: say what was added and removed rather than two long lists.
  if (fields.length === 1 && fields[0] === 'items' && Array.isArray(before.items) && Array.isArray(after.items)) {
    const was = new Set(before.items.map((i) => show(i)));
    const is = new Set(after.items.map((i) => show(i)));
    const added = [...is].filter((i) => !was.has(i));
    const removed = [...was].filter((i) => !is.has(i));
    return [added.length ? `+ ${added.join(', ')}` : '', removed.length ? `- ${removed.join(', ')}` : ''].filter(Boolean).join('; ');
  }
  return fields.map((f) => `${f} ${show(before[f])} -> ${show(after[f])}`).join(', ');
}
