import { describe, expect, it } from 'vitest';
import { digestOf } from '../model/canonical-json.js';
import { PUBLIC_API_CAPABILITIES } from '../psa/client.js';
import type { BuildPlanInput } from './build-plan.js';
import { PlanInputError, buildPlan, summarize } from './build-plan.js';
import { detectDrift } from './drift.js';
import { planChecksumOf } from './plan-checksum.js';
import { NOW, customizeOf, desired, desiredMember, desiredRole, live, liveMember, liveRole, stateOf } from './fixtures.js';
import { buildStateResources, snapshotRole } from './snapshot.js';

const ST = 'Service Desk / Service Tickets';
const INV = 'Finance / Invoicing';

const input = (parts: Partial<BuildPlanInput>): BuildPlanInput => ({
  desired: desired(),
  live: live(),
  state: undefined,
  capabilities: PUBLIC_API_CAPABILITIES,
  now: NOW,
  target: { site: 'sandbox', company: 'sandbox' },
  sandbox: true,
  ...parts,
});

describe('buildPlan', () => {
  const d = desired({
    roles: [desiredRole('BG', { [ST]: { inquire: 'All' }, [INV]: { inquire: 'All', add: 'All' } }, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })],
    members: [desiredMember('bg', 'BG', { apiKeys: [{ description: 'prod' }] })],
  });

  it('summarizes objects, operations and guided steps', () => {
    const plan = buildPlan(input({ desired: d }));
    expect(plan.summary).toEqual({ create: 3, update: 0, delete: 0, replace: 0, api: 2, guided: 3, drift: 0, escalations: 0, adopt: 0 });
    expect(plan.guided).toHaveLength(3 + 1 + 1);
    expect(plan.formatVersion).toBe(1);
    expect(plan.createdAt).toBe(NOW);
    expect(plan.target).toEqual({ site: 'sandbox', company: 'sandbox', sandbox: true });
  });

  it('checksums the whole canonical plan but its time and request count, so equal inputs give equal checksums', () => {
    const one = buildPlan(input({ desired: d }));
    const two = buildPlan(input({ desired: d, now: '2030-01-01T00:00:00Z' }));
    const { checksum: _c, createdAt: _t, requestCount: _r, ...hashed } = one;
    expect(one.checksum).toBe(digestOf(hashed));
    // Adoptions and safety findings are under the checksum: apply acts on both.
    expect(planChecksumOf({ ...one, adopt: [{ address: 'role:Admin', kind: 'role', psaId: 1, digest: 'x' }] })).not.toBe(one.checksum);
    expect(planChecksumOf({ ...one, safety: [], summary: { ...one.summary, escalations: 9 } })).not.toBe(one.checksum);
    expect(two.checksum).toBe(one.checksum);
    const other = buildPlan(input({ desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'My' } })] }) }));
    expect(other.checksum).not.toBe(one.checksum);
  });

  it('is empty once the live PSA matches and state owns it (exit 0 material)', () => {
    const l = live({
      roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' }, [INV]: { inquire: 'All', add: 'All' } }, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })],
      members: [liveMember('bg', 70, { id: 7, name: 'BG' })],
    });
    const state = stateOf({ ...buildStateResources(l, ['role:BG', 'role:BG/tableSetup', 'member:bg'], NOW), 'member:bg/apiKey:prod': {} });
    const plan = buildPlan(input({ desired: d, live: l, state }));
    expect(plan.changes).toEqual([]);
    expect(plan.operations).toEqual([]);
    expect(plan.drift).toEqual([]);
    expect(plan.stateSerial).toBe(3);
  });

  it('adopts matching live objects without changes', () => {
    const l = live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' } })] });
    const plan = buildPlan(input({ desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] }), live: l }));
    expect(plan.changes).toEqual([]);
    expect(plan.adopt).toEqual([{ address: 'role:BG', kind: 'role', psaId: 7, digest: digestOf(snapshotRole(l.roles.BG!)) }]);
  });

  it('throws PlanInputError (exit 3) with diagnostics for unknown names', () => {
    const bad = desired({ roles: [desiredRole('BG')], members: [desiredMember('bg', 'BG', { level: 'Corporate (Level 9)' })] });
    try {
      buildPlan(input({ desired: bad }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PlanInputError);
      expect((error as PlanInputError).exitCode).toBe(3);
      expect((error as PlanInputError).diagnostics[0]?.hint).toMatch(/did you mean 'Corporate \(Level 1\)'/);
    }
  });

  it('counts a role with levels and Table Setup changes as one object changed', () => {
    expect(summarize([
      { address: `role:A/setting:${ST}`, action: 'update', before: null, after: null },
      { address: 'role:A/tableSetup', action: 'update', before: null, after: null },
      { address: 'member:x', action: 'delete', before: null, after: null },
    ])).toEqual({ create: 0, update: 1, delete: 1, replace: 0 });
  });
});

describe('detectDrift', () => {
  it('names the cell that moved, who moved it and when', () => {
    const applied = live({ roles: [liveRole('BG', 7, { [INV]: { inquire: 'All' } })] });
    const state = stateOf(buildStateResources(applied, ['role:BG'], NOW));
    const now = live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'My' } })] });
    const drift = detectDrift({ live: now, state });
    expect(drift.map((x) => x.summary)).toEqual([
      `role:BG/setting:${INV} inquire All -> None`,
      `role:BG/setting:${ST} inquire None -> My, by admin1 at 2025-12-01T10:00:00Z`,
    ]);
  });

  it('reports member fields and objects deleted outside cwctl', () => {
    const applied = live({ members: [liveMember('bg', 70, { id: 7, name: 'BG' })] });
    const state = stateOf(buildStateResources(applied, ['member:bg'], NOW));
    const moved = live({ members: [liveMember('bg', 70, { id: 7, name: 'BG' }, { inactive: true, info: { updatedBy: 'jdoe', lastUpdated: '2026-01-02T00:00:00Z' } })] });
    expect(detectDrift({ live: moved, state }).map((x) => x.summary)).toEqual(['member:bg inactive false -> true, by jdoe at 2026-01-02T00:00:00Z']);
    expect(detectDrift({ live: live(), state }).map((x) => x.summary)).toEqual(['member:bg was deleted in the PSA since the last apply']);
  });

  it('ignores functions an unlisted: ignore role does not manage', () => {
    const applied = live({ roles: [liveRole('BG', 7)] });
    const state = stateOf(buildStateResources(applied, ['role:BG'], NOW));
    const now = live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' } })] });
    const d = desired({ roles: [desiredRole('BG', { [INV]: { inquire: 'All' } }, { unlisted: 'ignore' })] });
    expect(detectDrift({ live: now, state, desired: d })).toEqual([]);
  });

  it('never reports an unreadable customize list as drift', () => {
    const state = stateOf({ 'role:BG/tableSetup': { applied: { list: 'SystemTableSetup', items: ['a'] }, verifiedBy: 'person' } });
    expect(detectDrift({ live: live({ roles: [liveRole('BG', 7)] }), state })).toEqual([]);
  });
});

describe('buildStateResources', () => {
  it('records digest, psaId and the secret-free snapshot; skips what cannot be read', () => {
    const l = live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' } })] });
    const res = buildStateResources(l, ['role:BG', 'role:BG/tableSetup', 'member:bg/apiKey:prod'], NOW);
    expect(Object.keys(res)).toEqual(['role:BG']);
    expect(res['role:BG']).toMatchObject({ kind: 'role', psaId: 7, appliedAt: NOW, applied: { name: 'BG', adminFlag: false, settings: { [ST]: { add: 'None', edit: 'None', delete: 'None', inquire: 'All' } } } });
    expect(res['role:BG']?.digest).toBe(digestOf(res['role:BG']?.applied));
  });
});
