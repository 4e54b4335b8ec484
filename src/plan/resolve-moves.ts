// `moved:` at plan time: for each declared rename, finds the object in the live PSA and in state under its old
// name and presents both as if already renamed (a view), so the diff plans levels, lists and fields against the
// same PSA object and state record and never a delete plus a create. Says which renames remain to be done in
// the PSA (a `rename` Change each) and which are done there already (only state moves, at apply). Pure.
import { memberAddress, roleAddress } from '../model/address.js';
import type { DesiredMove, DesiredState } from '../model/desired.js';
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';
import type { LiveState } from '../model/live.js';
import type { Change, PlannedMove } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import { moveAddresses, moveRecords } from './move-records.js';

export interface MovesInput {
  desired: DesiredState;
  live: LiveState;
  state: StateFile | undefined;
}

export interface MovesResult {
  /** The live PSA and state with every move applied (the inputs themselves when nothing moves). */
  live: LiveState;
  state: StateFile | undefined;
  /** One `rename` change per object the PSA still has under its old name. */
  renames: Change[];
  moves: PlannedMove[];
  diagnostics: Diagnostic[];
}

export const renameOperationId = (m: { kind: 'role' | 'member'; to: string }): string =>
  m.kind === 'role' ? `renameRole:${roleAddress(m.to)}` : `renameMember:${memberAddress(m.to)}`;

/** The key a record is filed under, matched as the PSA matches names: exactly, else without regard to case. */
function keyOf(record: Readonly<Record<string, unknown>>, name: string): string | undefined {
  if (record[name] !== undefined) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((k) => k.toLowerCase() === lower);
}

export function resolveMoves(input: MovesInput): MovesResult {
  const out: MovesResult = { live: input.live, state: input.state, renames: [], moves: [], diagnostics: [] };
  for (const m of input.desired.moved ?? []) resolveMove(m, out);
  return out;
}

function resolveMove(m: DesiredMove, out: MovesResult): void {
  const { from, to } = moveAddresses(m);
  const table: Readonly<Record<string, { psaId: number; name?: string; identifier?: string }>> = m.kind === 'role' ? out.live.roles : out.live.members;
  const fromKey = keyOf(table, m.from);
  const toKey = keyOf(table, m.to);
  const liveFrom = fromKey === undefined ? undefined : table[fromKey];
  const liveTo = toKey === undefined ? undefined : table[toKey];
  const recorded = out.state?.resources[from];
  const what = m.kind === 'role' ? 'role' : 'API member';
  const note = (severity: Diagnostic['severity'], code: DiagnosticCode, summary: string, hint: string): void => {
    out.diagnostics.push({ severity, code, summary, hint, address: to, ...(m.source ? { source: m.source } : {}) });
  };
  const moveState = (psaId: number | undefined, operationId?: string): void => {
    if (out.state) out.state = { ...out.state, resources: moveRecords(out.state.resources, m) };
    out.moves.push({ from, to, ...(psaId !== undefined ? { psaId } : {}), ...(operationId ? { operationId } : {}) });
  };

  if (liveFrom && liveTo && liveFrom !== liveTo) {
    note('error', 'moved-both-exist', `moved: the PSA has both ${what} '${fromKey}' (id ${liveFrom.psaId}) and '${toKey}' (id ${liveTo.psaId})`, `remove the moved: entry to manage '${toKey}' as it is, or remove one of the two in the PSA`);
    return;
  }
  // Renamed already (by a person, or only the case differs): only state moves.
  const done = liveTo ?? (liveFrom && fromKey === m.to ? liveFrom : undefined);
  if (done) {
    if (recorded?.psaId !== undefined && recorded.psaId !== done.psaId) {
      note('warning', 'moved-other-object', `moved: ${what} '${m.to}' in the PSA (id ${done.psaId}) is not the one state records as '${m.from}' (id ${recorded.psaId}); not moved`, 'check the PSA; remove the moved: entry once settled');
      return;
    }
    if (recorded) {
      moveState(done.psaId);
      return;
    }
    note('warning', 'moved-not-needed', `moved: ${from} is neither in state nor in the PSA: the move is already done or not needed`, 'remove this moved: entry');
    return;
  }
  if (!liveFrom || fromKey === undefined) {
    if (recorded) {
      // Gone from the PSA under both names: state moves, and the diff creates the new one as for any deleted object.
      moveState(undefined);
      return;
    }
    note('warning', 'moved-not-needed', `moved: ${from} is neither in state nor in the PSA: the move is already done or not needed`, 'remove this moved: entry');
    return;
  }
  if (m.kind === 'member' && out.live.members[fromKey]?.apiMember === false) {
    note('error', 'moved-not-api-member', `moved: '${fromKey}' is a full member, not an API member`, 'cwctl renames API members only');
    return;
  }
  // To be renamed in the PSA: the diff sees the object under its new name, with its id, levels and fields.
  const live = { ...out.live };
  if (m.kind === 'role') {
    const role = live.roles[fromKey];
    if (!role) return;
    const roles = { ...live.roles };
    delete roles[fromKey];
    roles[m.to] = { ...role, name: m.to };
    live.roles = roles;
    const members = { ...live.members };
    for (const [id, member] of Object.entries(members)) {
      if (member.role?.id === role.psaId) members[id] = { ...member, role: { id: role.psaId, name: m.to } };
    }
    live.members = members;
  } else {
    const member = live.members[fromKey];
    if (!member) return;
    const members = { ...live.members };
    delete members[fromKey];
    members[m.to] = { ...member, identifier: m.to };
    live.members = members;
  }
  out.live = live;
  out.renames.push({
    address: to,
    action: 'rename',
    before: m.kind === 'role' ? { name: fromKey } : { identifier: fromKey },
    after: m.kind === 'role' ? { name: m.to } : { identifier: m.to },
    reason: `moved from ${m.kind}:${fromKey}`,
  });
  moveState(liveFrom.psaId, renameOperationId(m));
}
