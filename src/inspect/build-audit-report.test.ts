import { describe, expect, it } from 'vitest';
import { findProfile } from '../catalogue/profiles/index.js';
import type { FunctionKey, Levels } from '../catalogue/types.js';
import { buildAuditReport } from './build-audit-report.js';
import type { AuditInput } from './build-audit-report.js';

const full = (cells: Record<FunctionKey, Partial<Levels>>): Record<FunctionKey, Levels> =>
  Object.fromEntries(Object.entries(cells).map(([k, l]) => [k, { add: 'None', edit: 'None', delete: 'None', inquire: 'None', ...l }]));

const guardz = findProfile('guardz')!;
const passportal = findProfile('n-able-passportal')!;

function input(over: Partial<AuditInput>): AuditInput {
  return {
    target: { site: 's', company: 'c' },
    apiMembers: [{ identifier: 'g', name: 'Guardz', inactive: false, roleId: 1 }],
    holders: [{ identifier: 'g', apiMember: true, inactive: false, roleId: 1 }],
    roles: [{ id: 1, name: 'Guardz API', admin: false, levels: full(guardz.permissions) }],
    profiles: [guardz, passportal],
    ...over,
  };
}

describe('buildAuditReport', () => {
  it('finds nothing beyond least privilege when each role is exactly a profile', () => {
    const r = buildAuditReport(input({}));
    expect(r.members[0]).toMatchObject({ closest: 'guardz', verdict: 'least-privilege', beyond: [] });
    expect(r.beyondLeastPrivilege).toBe(false);
    expect(r.sharedRoles).toEqual([]);
  });

  it('flags an Admin role and a role no profile fits, and ignores inactive members for the verdict', () => {
    const r = buildAuditReport(input({
      apiMembers: [
        { identifier: 'a', name: 'A', inactive: false, roleId: 2 },
        { identifier: 'x', name: 'X', inactive: false, roleId: 3 },
        { identifier: 'old', name: 'Old', inactive: true, roleId: 2 },
      ],
      holders: [],
      roles: [
        { id: 2, name: 'Admin', admin: true, levels: full(guardz.permissions) },
        { id: 3, name: 'Odd', admin: false, levels: full({ 'Finance / Invoicing': { inquire: 'All' } }) },
      ],
    }));
    expect(r.members.map((m) => [m.identifier, m.verdict])).toEqual([['a', 'admin'], ['old', 'inactive'], ['x', 'no-profile']]);
    expect(r.admins).toEqual(['a']);
    expect(r.members[2]!.beyond).toEqual([{ function: 'Finance / Invoicing', kind: 'inquire', have: 'All', need: 'None' }]);
    expect(r.beyondLeastPrivilege).toBe(true);
  });

  it('does not let a vendor row the PSA lacks ("System / Security") stop a fit', () => {
    // The live role lists every function the PSA has; "System / Security" is not one of them.
    const levels = full({ ...passportal.permissions });
    delete levels['System / Security'];
    const r = buildAuditReport(input({ roles: [{ id: 1, name: 'Passportal', admin: false, levels }] }));
    expect(r.members[0]).toMatchObject({ closest: 'n-able-passportal', verdict: 'least-privilege' });
  });
});
