import { describe, expect, it } from 'vitest';
import { CwctlError } from '../errors.js';
import { PUBLIC_API_CAPABILITIES } from '../psa/client.js';
import { buildPlan } from './build-plan.js';
import { NOW, desired, desiredMember, desiredRole, live } from './fixtures.js';
import { selectTargets } from './select-targets.js';
import { planChecksumOf } from './plan-checksum.js';

const ST = 'Service Desk / Service Tickets';
const plan = buildPlan({
  desired: desired({ roles: [desiredRole('A', { [ST]: { inquire: 'All' } }), desiredRole('B', { [ST]: { inquire: 'My' } })], members: [desiredMember('ma', 'A')] }),
  live: live(),
  state: undefined,
  capabilities: PUBLIC_API_CAPABILITIES,
  now: NOW,
  target: { site: 'sandbox', company: 'sandbox' },
  sandbox: true,
});

describe('selectTargets', () => {
  it('keeps the target, what is under it and what it depends on; recounts and re-checksums', () => {
    const only = selectTargets(plan, { targets: ['member:ma'], excludes: [] });
    expect(only.operations.map((o) => o.address).sort()).toEqual(['member:ma', 'role:A', 'role:A/setting:' + ST].filter((a) => plan.operations.some((o) => o.address === a)).sort());
    expect(only.operations.some((o) => o.address.startsWith('role:B'))).toBe(false);
    expect(only.changes.every((c) => !c.address.startsWith('role:B'))).toBe(true);
    expect(only.summary.create).toBeLessThan(plan.summary.create);
    expect(only.checksum).toBe(planChecksumOf(only));
    expect(only.checksum).not.toBe(plan.checksum);
    expect(only.selection).toEqual({ targets: ['member:ma'], excludes: [] });
    expect(only.guided.every((g) => only.operations.some((o) => o.id === g.operationId))).toBe(true);
  });
  it('leaves excluded addresses out, and refuses to exclude what a kept operation needs', () => {
    const withoutB = selectTargets(plan, { targets: [], excludes: ['role:B'] });
    expect(withoutB.operations.some((o) => o.address.startsWith('role:B'))).toBe(false);
    expect(withoutB.operations.some((o) => o.address === 'member:ma')).toBe(true);
    expect(() => selectTargets(plan, { targets: ['member:ma'], excludes: ['role:A'] })).toThrow(CwctlError);
    expect(() => selectTargets(plan, { targets: ['member:ma'], excludes: ['role:A'] })).toThrow(/needs/);
  });
  it('is the same plan when nothing is selected', () => {
    expect(selectTargets(plan, undefined)).toBe(plan);
    expect(selectTargets(plan, { targets: [], excludes: [] })).toBe(plan);
  });
});
