// moved: in the plan: a rename is one `rename` change on the same PSA id (no delete + create, no level change),
// the state record follows it, a rename the PSA has already only moves state, and a move with nothing to move
// is a warning.
import { describe, expect, it } from 'vitest';
import type { DesiredMove } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { StateFile } from '../model/state.js';
import { PUBLIC_API_CAPABILITIES } from '../psa/client.js';
import { PlanInputError, buildPlan } from './build-plan.js';
import { NOW, desired, desiredMember, desiredRole, live, liveMember, liveRole } from './fixtures.js';
import { moveRecords } from './move-records.js';
import { resolveMoves } from './resolve-moves.js';
import { selectTargets } from './select-targets.js';
import { buildStateResources } from './snapshot.js';

const ST = 'Service Desk / Service Tickets';
const roleMove: DesiredMove = { kind: 'role', from: 'Old API', to: 'New API' };
const memberMove: DesiredMove = { kind: 'member', from: 'oldid', to: 'newid' };

/** The PSA and state after a first apply of role Old API (id 7, Inquire All on tickets) and member oldid (id 70). */
function applied(): { live: LiveState; state: StateFile } {
  const l = live({ roles: [liveRole('Old API', 7, { [ST]: { inquire: 'All' } })], members: [liveMember('oldid', 70, { id: 7, name: 'Old API' })] });
  const resources = buildStateResources(l, ['role:Old API', `role:Old API/setting:${ST}`, 'member:oldid'], NOW);
  resources['member:oldid/apiKey:prod'] = { kind: 'apiKey', digest: 'x', appliedAt: NOW, publicKeySuffix: 'abcd' };
  return { live: l, state: { formatVersion: 1, lineage: 'l', serial: 1, target: { site: 'sandbox', company: 'sandbox' }, resources } };
}

const renamedYaml = (moved: DesiredMove[]) => desired({
  roles: [desiredRole('New API', { [ST]: { inquire: 'All' } }, { unlisted: 'ignore' })],
  members: [desiredMember('newid', 'New API', { name: 'oldid API', apiKeys: [{ description: 'prod' }] })],
  moved,
});

const plan = (d: ReturnType<typeof desired>, l: LiveState, state: StateFile | undefined) =>
  buildPlan({ desired: d, live: l, state, capabilities: PUBLIC_API_CAPABILITIES, now: NOW, target: { site: 'sandbox', company: 'sandbox' }, sandbox: true });

describe('moved: in the plan', () => {
  it('without moved:, the same rename is a delete and a create (the case moved: exists for)', () => {
    const { live: l, state } = applied();
    const p = plan(renamedYaml([]), l, state);
    expect(p.changes.filter((c) => c.address === 'role:New API' || c.address === 'role:Old API').map((c) => c.action).sort()).toEqual(['create', 'delete']);
  });

  it('plans one rename per object, on the same id, and no level, field or key change', () => {
    const { live: l, state } = applied();
    const p = plan(renamedYaml([roleMove, memberMove]), l, state);
    expect(p.changes).toEqual([
      { address: 'role:New API', action: 'rename', before: { name: 'Old API' }, after: { name: 'New API' }, reason: 'moved from role:Old API' },
      { address: 'member:newid', action: 'rename', before: { identifier: 'oldid' }, after: { identifier: 'newid' }, reason: 'moved from member:oldid' },
    ]);
    expect(p.operations.map((o) => [o.type, o.executor])).toEqual([['renameRole', 'guided'], ['renameMember', 'api']]);
    expect(p.operations[0]).toMatchObject({ from: 'Old API', name: 'New API', roleId: 7 });
    expect(p.operations[1]).toMatchObject({ from: 'oldid', identifier: 'newid', memberId: 70 });
    expect(p.guided).toEqual([{
      operationId: 'renameRole:role:New API', address: 'role:New API', action: { t: 'renameRole', role: 'Old API', to: 'New API' }, clickPath: 'System > Security Roles > Old API',
      instruction: 'Role Name: Old API -> New API (a rename: keep its levels; do not create a new role)', verify: 'api',
    }]);
    expect(p.moved).toEqual([
      { from: 'role:Old API', to: 'role:New API', psaId: 7, operationId: 'renameRole:role:New API' },
      { from: 'member:oldid', to: 'member:newid', psaId: 70, operationId: 'renameMember:member:newid' },
    ]);
    expect(p.summary).toMatchObject({ create: 0, update: 2, delete: 0, drift: 0, adopt: 0 });
    expect(p.drift).toEqual([]);
  });

  it('--target keeps the state move of the renames it keeps', () => {
    const { live: l, state } = applied();
    const narrowed = selectTargets(plan(renamedYaml([roleMove, memberMove]), l, state), { targets: ['member:newid'], excludes: [] });
    expect(narrowed.operations.map((o) => o.type)).toEqual(['renameMember']);
    expect(narrowed.moved?.map((m) => m.to)).toEqual(['member:newid']);
  });

  it('waits for the rename before anything else planned on the object', () => {
    const { live: l, state } = applied();
    const d = renamedYaml([roleMove, memberMove]);
    d.roles[0]!.permissions[ST] = { add: 'None', edit: 'None', delete: 'None', inquire: 'My' };
    d.members[0]!.name = 'Renamed API';
    const p = plan(d, l, state);
    const levels = p.operations.find((o) => o.type === 'setRoleLevels');
    expect(levels).toMatchObject({ roleId: 7, dependsOn: ['renameRole:role:New API'] });
    expect(p.operations.find((o) => o.type === 'patchMember')).toMatchObject({ memberId: 70, dependsOn: ['renameMember:member:newid'] });
  });

  it('renames an object state does not own yet (found live under its old name)', () => {
    const { live: l } = applied();
    const p = plan(renamedYaml([roleMove, memberMove]), l, undefined);
    expect(p.changes.map((c) => c.action)).toEqual(['rename', 'rename', 'create']); // + the API key cwctl has no record of
    expect(p.moved?.map((m) => m.psaId)).toEqual([7, 70]);
  });

  it('only moves state when the PSA has the new name already (a person renamed it)', () => {
    const { live: l, state } = applied();
    const renamedLive = live({ roles: [liveRole('New API', 7, { [ST]: { inquire: 'All' } })], members: [liveMember('newid', 70, { id: 7, name: 'New API' }, { name: 'oldid API' })] });
    const p = plan(renamedYaml([roleMove, memberMove]), { ...renamedLive, lookups: l.lookups }, state);
    expect(p.changes).toEqual([]);
    expect(p.operations).toEqual([]);
    expect(p.moved).toEqual([{ from: 'role:Old API', to: 'role:New API', psaId: 7 }, { from: 'member:oldid', to: 'member:newid', psaId: 70 }]);
  });

  it('warns when the old address is neither in state nor in the PSA', () => {
    const { live: l } = applied();
    const r = resolveMoves({ desired: renamedYaml([{ kind: 'role', from: 'Never', to: 'New API' }]), live: l, state: undefined });
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'moved-not-needed' })]);
    expect(r.diagnostics[0]?.summary).toContain('already done or not needed');
    expect(r.renames).toEqual([]);
  });

  it('refuses a rename onto a name the PSA already has for another object', () => {
    const { live: l, state } = applied();
    const both = { ...l, roles: { ...l.roles, 'New API': liveRole('New API', 8) } };
    expect(() => plan(renamedYaml([roleMove]), both, state)).toThrow(PlanInputError);
  });
});

describe('moveRecords', () => {
  it('moves the object, what is under it and a member snapshot naming the role, keeping ids', () => {
    const { state } = applied();
    const roles = moveRecords(state.resources, { kind: 'role', from: 'Old API', to: 'New API' });
    expect(Object.keys(roles).sort()).toEqual(['member:oldid', 'member:oldid/apiKey:prod', 'role:New API', `role:New API/setting:${ST}`]);
    expect(roles['role:New API']).toMatchObject({ psaId: 7, applied: { name: 'New API' } });
    expect(roles['member:oldid']?.applied).toMatchObject({ role: 'New API' });
    const members = moveRecords(roles, { kind: 'member', from: 'oldid', to: 'newid' });
    expect(members['member:newid']).toMatchObject({ psaId: 70, applied: { identifier: 'newid' } });
    expect(members['member:newid/apiKey:prod']?.publicKeySuffix).toBe('abcd');
    expect(members['member:oldid']).toBeUndefined();
  });
});
