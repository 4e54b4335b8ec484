import { describe, expect, it } from 'vitest';
import { digestOf } from '../model/canonical-json.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { StateFile } from '../model/state.js';
import { diff } from './diff.js';
import {
  customizeOf, desired, desiredMapping, desiredMember, desiredRole, live, liveCrossReference, liveMapping, liveMember, liveRole, stateOf,
} from './fixtures.js';
import { resolveNames } from './resolve-names.js';
import { snapshotCustomize } from './snapshot.js';

const ST = 'Service Desk / Service Tickets';
const INV = 'Finance / Invoicing';
const CO = 'Companies / Company Maintenance';

interface Case {
  name: string;
  desired: DesiredState;
  live: LiveState;
  state?: StateFile;
  /** "action address" lines, in order. */
  changes: string[];
  adopt?: string[];
  diagnostics?: string[];
}

const cases: Case[] = [
  {
    name: 'new role from nothing: role created, only its non-None cells set',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' }, [INV]: { inquire: 'All' } })] }),
    live: live(),
    changes: ['create role:BG', `update role:BG/setting:${INV}`, `update role:BG/setting:${ST}`],
  },
  {
    name: 'declared role already live and matching: adopted, no change',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' } })] }),
    changes: [],
    adopt: ['role:BG'],
  },
  {
    name: 'declared role live with one level different: one setting update, not adopted as matching',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'My' } })] }),
    changes: [`update role:BG/setting:${ST}`],
  },
  {
    name: 'owned role matching: nothing to do and nothing to adopt',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' } })] }),
    state: stateOf({ 'role:BG': { psaId: 7 } }),
    changes: [],
  },
  {
    name: 'unlisted none: a live extra grant is taken back to None',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] }),
    live: live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' }, [CO]: { add: 'All' } })] }),
    changes: [`update role:BG/setting:${CO}`],
  },
  {
    name: 'unlisted ignore: live extra grants are left alone',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } }, { unlisted: 'ignore' })] }),
    live: live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' }, [CO]: { add: 'All' } })] }),
    changes: [],
    adopt: ['role:BG'],
  },
  {
    name: 'unlisted ignore: listed functions still compared',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } }, { unlisted: 'ignore' })] }),
    live: live({ roles: [liveRole('BG', 7, { [CO]: { add: 'All' } })] }),
    changes: [`update role:BG/setting:${ST}`],
  },
  {
    name: 'live function unknown to the catalogue, unlisted none: set to None',
    desired: desired({ roles: [desiredRole('BG')] }),
    live: live({ roles: [liveRole('BG', 7, { 'Service Desk / Brand New Thing': { inquire: 'All' } })] }),
    changes: ['update role:BG/setting:Service Desk / Brand New Thing'],
  },
  {
    name: 'external role: never changed even when its levels differ',
    desired: desired({ roles: [desiredRole('Admin', { [ST]: { inquire: 'None' } }, { external: true })] }),
    live: live({ roles: [liveRole('Admin', 1, { [ST]: { inquire: 'All' } })] }),
    changes: [],
  },
  {
    name: 'unowned live role not declared: left alone',
    desired: desired(),
    live: live({ roles: [liveRole('Sales', 3, { [ST]: { inquire: 'All' } })] }),
    changes: [],
  },
  {
    name: 'owned role dropped from the file: deleted',
    desired: desired(),
    live: live({ roles: [liveRole('Old', 9)] }),
    state: stateOf({ 'role:Old': { psaId: 9 } }),
    changes: ['delete role:Old'],
  },
  {
    name: 'owned role already gone live and undeclared: nothing to delete',
    desired: desired(),
    live: live(),
    state: stateOf({ 'role:Old': { psaId: 9 } }),
    changes: [],
  },
  {
    name: 'owned declared role deleted in the PSA: created again',
    desired: desired({ roles: [desiredRole('BG')] }),
    live: live(),
    state: stateOf({ 'role:BG': { psaId: 7 } }),
    changes: ['create role:BG'],
  },
  {
    name: 'table setup on a new role: added from an empty list',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })] }),
    live: live(),
    changes: ['create role:BG', 'update role:BG/tableSetup'],
  },
  {
    name: 'empty table setup on a new role: no change, adopted so apply records it',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', []) })] }),
    live: live(),
    changes: ['create role:BG'],
    adopt: ['role:BG/tableSetup'],
  },
  {
    name: 'table setup unknown live, recorded in state by digest only (adopted at creation): no change',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', []) })] }),
    live: live({ roles: [liveRole('BG', 7)] }),
    state: stateOf({ 'role:BG': {}, 'role:BG/tableSetup': { digest: digestOf(snapshotCustomize('SystemTableSetup', [])) } }),
    changes: [],
  },
  {
    name: 'table setup known live (member keys) and equal: adopted',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })] }),
    live: live({ roles: [liveRole('BG', 7, {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })] }),
    changes: [],
    adopt: ['role:BG', 'role:BG/tableSetup'],
  },
  {
    name: 'table setup known live and missing an item: update',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status', 'Company / Company Type']) })] }),
    live: live({ roles: [liveRole('BG', 7, {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })] }),
    state: stateOf({ 'role:BG': {} }),
    changes: ['update role:BG/tableSetup'],
  },
  {
    name: 'table setup unknown live, state confirmed the same list: no change',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })] }),
    live: live({ roles: [liveRole('BG', 7)] }),
    state: stateOf({ 'role:BG': {}, 'role:BG/tableSetup': { applied: snapshotCustomize('SystemTableSetup', ['Company / Company Status']), verifiedBy: 'person' } }),
    changes: [],
  },
  {
    name: 'table setup unknown live, state confirmed a different list: change',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', ['Company / Company Type']) })] }),
    live: live({ roles: [liveRole('BG', 7)] }),
    state: stateOf({ 'role:BG': {}, 'role:BG/tableSetup': { applied: snapshotCustomize('SystemTableSetup', ['Company / Company Status']), verifiedBy: 'person' } }),
    changes: ['update role:BG/tableSetup'],
  },
  {
    name: 'table setup unknown live and never recorded: change (unknown is not empty)',
    desired: desired({ roles: [desiredRole('BG', {}, { customize: customizeOf('SystemTableSetup', []) })] }),
    live: live({ roles: [liveRole('BG', 7)] }),
    state: stateOf({ 'role:BG': {} }),
    changes: ['update role:BG/tableSetup'],
  },
  {
    name: 'new member with a new role and a key: member and key created',
    desired: desired({ roles: [desiredRole('BG')], members: [desiredMember('bg', 'BG', { apiKeys: [{ description: 'prod' }] })] }),
    live: live(),
    changes: ['create role:BG', 'create member:bg', 'create member:bg/apiKey:prod'],
  },
  {
    name: 'member live and matching, key recorded in state: nothing',
    desired: desired({ roles: [desiredRole('BG')], members: [desiredMember('bg', 'BG', { location: 'Tampa', apiKeys: [{ description: 'prod' }] })] }),
    live: live({ roles: [liveRole('BG', 7)], members: [liveMember('bg', 70, { id: 7, name: 'BG' })] }),
    state: stateOf({ 'role:BG': {}, 'member:bg': {}, 'member:bg/apiKey:prod': {} }),
    changes: [],
  },
  {
    name: 'member live with another location: update; names resolve case-insensitively',
    desired: desired({ roles: [desiredRole('BG')], members: [desiredMember('bg', 'BG', { location: 'orlando' })] }),
    live: live({ roles: [liveRole('BG', 7)], members: [liveMember('bg', 70, { id: 7, name: 'BG' })] }),
    state: stateOf({ 'role:BG': {}, 'member:bg': {} }),
    changes: ['update member:bg'],
  },
  {
    name: 'member fields the file leaves out are not managed (email, business unit)',
    desired: desired({ roles: [desiredRole('BG')], members: [desiredMember('bg', 'BG')] }),
    live: live({ roles: [liveRole('BG', 7)], members: [liveMember('bg', 70, { id: 7, name: 'BG' }, { email: 'x@y.z', businessUnit: { id: 21, name: 'Help Desk' } })] }),
    changes: [],
    adopt: ['role:BG', 'member:bg'],
  },
  {
    name: 'member re-pointed to an external role',
    desired: desired({ roles: [desiredRole('Read Only', {}, { external: true })], members: [desiredMember('bg', 'Read Only')] }),
    live: live({ roles: [liveRole('Read Only', 4), liveRole('Sales', 5)], members: [liveMember('bg', 70, { id: 5, name: 'Sales' })] }),
    state: stateOf({ 'member:bg': {} }),
    changes: ['update member:bg'],
  },
  {
    name: 'owned member dropped from the file: deactivated (delete)',
    desired: desired(),
    live: live({ members: [liveMember('old', 71, null)] }),
    state: stateOf({ 'member:old': {} }),
    changes: ['delete member:old'],
  },
  {
    name: 'owned member dropped and already inactive: nothing',
    desired: desired(),
    live: live({ members: [liveMember('old', 71, null, { inactive: true })] }),
    state: stateOf({ 'member:old': {} }),
    changes: [],
  },
  {
    name: 'declared identifier held by a full member: error, not a change',
    desired: desired({ roles: [desiredRole('BG')], members: [desiredMember('jsmith', 'BG')] }),
    live: live({ roles: [liveRole('BG', 7)], members: [liveMember('jsmith', 80, { id: 7, name: 'BG' }, { apiMember: false })] }),
    changes: [],
    adopt: ['role:BG'],
    diagnostics: ['not-an-api-member'],
  },
  {
    name: 'new mapping with two cross references',
    desired: desired({ managedDevices: [desiredMapping('Datto RMM', { crossReferences: [
      { vendorType: 'Workstation', configurationType: 'Managed Workstation', agreementType: 'Managed Services', product: 'RMM-WS' },
      { vendorType: 'Server', vendorLevel: 'Gold', configurationType: 'Managed Server' },
    ] })] }),
    live: live(),
    changes: ['create mapping:managedDevices/Datto RMM', 'create mapping:managedDevices/Datto RMM/xref:Workstation', 'create mapping:managedDevices/Datto RMM/xref:Server|Gold'],
  },
  {
    name: 'mapping live: changed billing level and one cross reference re-typed',
    desired: desired({ managedDevices: [desiredMapping('Datto RMM', { defaultBillingLevel: 'Detail', crossReferences: [{ vendorType: 'Workstation', configurationType: 'Managed Server' }] })] }),
    live: live({ mappings: [liveMapping('Datto RMM', 60, [liveCrossReference(61, 'Workstation', { configurationType: { id: 30, name: 'Managed Workstation' } })])] }),
    state: stateOf({ 'mapping:managedDevices/Datto RMM': {}, 'mapping:managedDevices/Datto RMM/xref:Workstation': {} }),
    changes: ['update mapping:managedDevices/Datto RMM', 'update mapping:managedDevices/Datto RMM/xref:Workstation'],
  },
  {
    name: 'cross reference the PSA added itself (unowned): left alone; owned undeclared one: deleted',
    desired: desired({ managedDevices: [desiredMapping('Datto RMM')] }),
    live: live({ mappings: [liveMapping('Datto RMM', 60, [liveCrossReference(61, 'Printer'), liveCrossReference(62, 'Router')])] }),
    state: stateOf({ 'mapping:managedDevices/Datto RMM': {}, 'mapping:managedDevices/Datto RMM/xref:Router': {} }),
    changes: ['delete mapping:managedDevices/Datto RMM/xref:Router'],
  },
  {
    name: 'owned mapping dropped: its owned cross references deleted first, then the mapping',
    desired: desired(),
    live: live({ mappings: [liveMapping('Old RMM', 60, [liveCrossReference(61, 'Printer')])] }),
    state: stateOf({ 'mapping:managedDevices/Old RMM': {}, 'mapping:managedDevices/Old RMM/xref:Printer': {} }),
    changes: ['delete mapping:managedDevices/Old RMM/xref:Printer', 'delete mapping:managedDevices/Old RMM'],
  },
  {
    name: 'inactive live cross reference that is declared: reactivated (update)',
    desired: desired({ managedDevices: [desiredMapping('Datto RMM', { crossReferences: [{ vendorType: 'Printer' }] })] }),
    live: live({ mappings: [liveMapping('Datto RMM', 60, [liveCrossReference(61, 'Printer', { inactive: true })])] }),
    changes: ['update mapping:managedDevices/Datto RMM/xref:Printer'],
    adopt: ['mapping:managedDevices/Datto RMM'],
  },
];

describe('diff', () => {
  it.each(cases)('$name', (c) => {
    const resolved = resolveNames(c.desired, c.live);
    const out = diff({ desired: c.desired, live: c.live, state: c.state, resolved });
    expect(out.changes.map((ch) => `${ch.action} ${ch.address}`)).toEqual(c.changes);
    expect(out.adopt.map((a) => a.address)).toEqual(c.adopt ?? []);
    expect(out.diagnostics.map((d) => d.code)).toEqual(c.diagnostics ?? []);
  });

  it('gives before/after levels for a setting change', () => {
    const d = desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All', add: 'My' } })] });
    const l = live({ roles: [liveRole('BG', 7, { [ST]: { inquire: 'My' } })] });
    const out = diff({ desired: d, live: l, state: undefined, resolved: resolveNames(d, l) });
    expect(out.changes[0]).toMatchObject({
      before: { add: 'None', edit: 'None', delete: 'None', inquire: 'My' },
      after: { add: 'My', edit: 'None', delete: 'None', inquire: 'All' },
    });
  });

  it('is deterministic: same input, same output', () => {
    const d = desired({ roles: [desiredRole('A', { [ST]: { inquire: 'All' } }), desiredRole('B', { [CO]: { add: 'All' } })], members: [desiredMember('m', 'A')] });
    const l = live();
    const one = diff({ desired: d, live: l, state: undefined, resolved: resolveNames(d, l) });
    const two = diff({ desired: d, live: l, state: undefined, resolved: resolveNames(d, l) });
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
  });
});

describe('resolveNames', () => {
  it('reports an unknown location with a did-you-mean and the source position', () => {
    const d = desired({ roles: [desiredRole('BG')], members: [desiredMember('bg', 'BG', { location: 'Tampaa', source: { file: 'cwctl.yaml', line: 12, column: 5 } })] });
    const r = resolveNames(d, live());
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'unknown-name', source: { line: 12 } });
    expect(r.diagnostics[0]?.hint).toContain("did you mean 'Tampa'");
  });
  it('looks each name up once but reports every member that uses an unknown one, at its own place', () => {
    const d = desired({
      roles: [desiredRole('BG')],
      members: [
        desiredMember('a', 'BG', { location: 'Tampaa', source: { file: 'cwctl.yaml', line: 12, column: 5 } }),
        desiredMember('b', 'BG', { location: 'Tampaa', source: { file: 'cwctl.yaml', line: 20, column: 5 } }),
        desiredMember('c', 'BG', { location: 'Tampa' }),
      ],
    });
    const r = resolveNames(d, live());
    expect(r.diagnostics.map((x) => [x.address, x.source?.line])).toEqual([['member:a', 12], ['member:b', 20]]);
    expect(r.members.c?.location?.name).toBe('Tampa');
    expect(r.members.a?.location).toBeUndefined();
  });
  it('resolves business units by identifier or name and products by identifier', () => {
    const d = desired({
      roles: [desiredRole('BG')],
      members: [desiredMember('a', 'BG', { businessUnit: 'HelpDesk' }), desiredMember('b', 'BG', { businessUnit: 'help desk' })],
      managedDevices: [desiredMapping('M', { crossReferences: [{ vendorType: 'W', product: 'rmm-ws' }] })],
    });
    const r = resolveNames(d, live());
    expect(r.diagnostics).toEqual([]);
    expect(r.members.a?.businessUnit?.id).toBe(21);
    expect(r.members.b?.businessUnit?.id).toBe(21);
    expect(r.crossReferences['mapping:managedDevices/M/xref:W']?.product?.id).toBe(50);
  });
  it('refers to a role still to be created by a ref, to a live one by id', () => {
    const d = desired({ roles: [desiredRole('New'), desiredRole('Old')], members: [desiredMember('a', 'New'), desiredMember('b', 'Old')] });
    const r = resolveNames(d, live({ roles: [liveRole('Old', 8)] }));
    expect(r.members.a?.role?.id).toEqual({ ref: 'role:New' });
    expect(r.members.b?.role?.id).toBe(8);
  });
  it('flags an external role the PSA does not have', () => {
    const d = desired({ roles: [desiredRole('Ghost', {}, { external: true })] });
    expect(resolveNames(d, live()).diagnostics.map((x) => x.code)).toEqual(['unknown-name']);
  });
});
