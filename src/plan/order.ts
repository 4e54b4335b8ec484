// Orders Operations for apply: dependencies first (dependsOn), then a fixed phase order (roles before their
// levels and members, members before keys, mappings before cross references), and deletions last, in
// reverse (cross references, mappings, members, roles). Pure and stable; a cycle is a planner bug and throws.
import { CwctlError, ExitCode } from '../errors.js';
import type { Operation, OperationType } from '../model/operation.js';

const PHASE: Readonly<Record<OperationType, number>> = {
  createRole: 0,
  renameRole: 0,
  setRoleLevels: 1,
  setCustomizeItems: 2,
  createMember: 3,
  renameMember: 3,
  patchMember: 4,
  createApiKey: 5,
  createMapping: 6,
  patchMapping: 7,
  createCrossReference: 8,
  patchCrossReference: 9,
  // Deletions, in reverse of creation.
  deleteCrossReference: 10,
  deleteMapping: 11,
  deactivateMember: 12,
  deleteRole: 13,
};

export const phaseOf = (op: Operation): number => PHASE[op.type];

/** Topological order (Kahn), ties broken by phase then by the original position. */
export function orderOperations(operations: readonly Operation[]): Operation[] {
  const byId = new Map(operations.map((op) => [op.id, op]));
  const position = new Map(operations.map((op, i) => [op.id, i]));
  const pending = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const op of operations) {
    const deps = [...new Set(op.dependsOn.filter((d) => byId.has(d)))];
    pending.set(op.id, deps.length);
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), op.id]);
  }
  const rank = (id: string): [number, number] => {
    const op = byId.get(id) as Operation;
    return [phaseOf(op), position.get(id) ?? 0];
  };
  const ready = operations.filter((op) => pending.get(op.id) === 0).map((op) => op.id);
  const out: Operation[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => {
      const [pa, ia] = rank(a);
      const [pb, ib] = rank(b);
      return pa - pb || ia - ib;
    });
    const id = ready.shift() as string;
    out.push(byId.get(id) as Operation);
    for (const next of dependents.get(id) ?? []) {
      const left = (pending.get(next) ?? 0) - 1;
      pending.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (out.length !== operations.length) {
    const stuck = operations.filter((op) => !out.includes(op)).map((op) => op.id);
    throw new CwctlError(`internal: operations depend on each other in a cycle: ${stuck.join(', ')}`, { exitCode: ExitCode.Internal, code: 'plan-cycle' });
  }
  // dependsOn keeps only operations of this plan (a dependency already satisfied live is not an operation).
  return out.map((op) => ({ ...op, dependsOn: op.dependsOn.filter((d) => byId.has(d)) }));
}
