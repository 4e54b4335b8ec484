import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Operation } from '../model/operation.js';
import type { StateFile } from '../model/state.js';
import type { Capabilities } from '../psa/client.js';
import { PUBLIC_API_CAPABILITIES } from '../psa/client.js';
import { diff } from './diff.js';
import {
  customizeOf, desired, desiredMapping, desiredMember, desiredRole, live, liveCrossReference, liveMapping, liveMember, liveRole, stateOf,
} from './fixtures.js';
import { buildGuidedSteps } from './guided-steps.js';
import { buildOperations, toPsaPatch } from './operations.js';
import { orderOperations, phaseOf } from './order.js';
import { resolveNames } from './resolve-names.js';

const ST = 'Service Desk / Service Tickets';
const CO = 'Companies / Company Maintenance';

function plan(d: DesiredState, l: LiveState, s?: StateFile, capabilities: Capabilities = PUBLIC_API_CAPABILITIES): Operation[] {
  const resolved = resolveNames(d, l);
  const { changes } = diff({ desired: d, live: l, state: s, resolved });
  return orderOperations(buildOperations({ desired: d, live: l, resolved, capabilities, changes }));
}
const ids = (ops: Operation[]): string[] => ops.map((o) => o.id);

interface OrderCase {
  name: string;
  desired: DesiredState;
  live: LiveState;
  state?: StateFile;
  order: string[];
}

const orderCases: OrderCase[] = [
  {
    name: 'role create before its levels, member, and key',
    desired: desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })], members: [desiredMember('bg', 'BG', { apiKeys: [{ description: 'prod' }] })] }),
    live: live(),
    order: ['createRole:role:BG', 'setRoleLevels:role:BG', 'createMember:member:bg', 'createApiKey:member:bg/apiKey:prod'],
  },
  {
    name: 'member declared before its role in the file still comes after the role create',
    desired: desired({ members: [desiredMember('bg', 'Z')], roles: [desiredRole('Z')] }),
    live: live(),
    order: ['createRole:role:Z', 'createMember:member:bg'],
  },
  {
    name: 'member re-pointed before the old role is deleted',
    desired: desired({ roles: [desiredRole('New')], members: [desiredMember('bg', 'New')] }),
    live: live({ roles: [liveRole('Old', 5)], members: [liveMember('bg', 70, { id: 5, name: 'Old' })] }),
    state: stateOf({ 'role:Old': {}, 'member:bg': {} }),
    order: ['createRole:role:New', 'patchMember:member:bg', 'deleteRole:role:Old'],
  },
  {
    name: 'member deactivated before its role is deleted',
    desired: desired(),
    live: live({ roles: [liveRole('Old', 5)], members: [liveMember('old', 70, { id: 5, name: 'Old' })] }),
    state: stateOf({ 'role:Old': {}, 'member:old': {} }),
    order: ['deactivateMember:member:old', 'deleteRole:role:Old'],
  },
  {
    name: 'deletions last and in reverse: cross reference, mapping, member, role',
    desired: desired({ roles: [desiredRole('Keep', { [CO]: { add: 'All' } })] }),
    live: live({
      roles: [liveRole('Keep', 1), liveRole('Old', 5)],
      members: [liveMember('old', 70, null)],
      mappings: [liveMapping('M', 60, [liveCrossReference(61, 'Printer')])],
    }),
    state: stateOf({ 'role:Keep': {}, 'role:Old': {}, 'member:old': {}, 'mapping:managedDevices/M': {}, 'mapping:managedDevices/M/xref:Printer': {} }),
    order: [
      'setRoleLevels:role:Keep', 'deleteCrossReference:mapping:managedDevices/M/xref:Printer', 'deleteMapping:mapping:managedDevices/M',
      'deactivateMember:member:old', 'deleteRole:role:Old',
    ],
  },
  {
    name: 'mapping create before its cross references',
    desired: desired({ managedDevices: [desiredMapping('Datto RMM', { crossReferences: [{ vendorType: 'Workstation', configurationType: 'Managed Workstation' }] })] }),
    live: live(),
    order: ['createMapping:mapping:managedDevices/Datto RMM', 'createCrossReference:mapping:managedDevices/Datto RMM/xref:Workstation'],
  },
  {
    name: 'several roles: all creates first, then levels, then customize, then members',
    desired: desired({
      roles: [
        desiredRole('A', { [ST]: { inquire: 'All' } }, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) }),
        desiredRole('B', { [CO]: { add: 'All' } }),
      ],
      members: [desiredMember('a', 'A'), desiredMember('b', 'B')],
    }),
    live: live(),
    order: [
      'createRole:role:A', 'createRole:role:B', 'setRoleLevels:role:A', 'setRoleLevels:role:B', 'setCustomizeItems:role:A/tableSetup',
      'createMember:member:a', 'createMember:member:b',
    ],
  },
];

describe('operation order', () => {
  it.each(orderCases)('$name', (c) => {
    expect(ids(plan(c.desired, c.live, c.state))).toEqual(c.order);
  });

  it('keeps every dependency before its dependent', () => {
    const ops = plan(orderCases[4]!.desired, orderCases[4]!.live, orderCases[4]!.state);
    const seen = new Set<string>();
    for (const op of ops) {
      for (const d of op.dependsOn) expect(seen.has(d)).toBe(true);
      seen.add(op.id);
    }
  });

  it('orders random dependency graphs as "lowest phase, then position, among the ready" does, step by step', () => {
    const types = ['createRole', 'setRoleLevels', 'createMember', 'createApiKey', 'deleteRole', 'patchMember'] as const;
    // mulberry32: 32-bit arithmetic throughout (a plain LCG in doubles loses its low bits and repeats itself).
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    for (let round = 0; round < 50; round++) {
      const count = 1 + random(40);
      // Dependencies only on earlier operations (a DAG), some on operations not in the plan.
      const ops: Operation[] = Array.from({ length: count }, (_, i) => ({
        id: `op${i}`, type: types[random(types.length)]!, address: `role:R${i}`, executor: 'api', summary: '', name: `R${i}`,
        dependsOn: Array.from({ length: random(3) }, () => (i > 0 && random(4) > 0 ? `op${random(i)}` : 'elsewhere')),
      }) as unknown as Operation);
      // The reference: at each step the ready operation of lowest (phase, position).
      const expected: string[] = [];
      const done = new Set<string>();
      while (expected.length < ops.length) {
        const ready = ops.filter((op) => !done.has(op.id) && op.dependsOn.every((d) => done.has(d) || !ops.some((o) => o.id === d)));
        ready.sort((a, b) => phaseOf(a) - phaseOf(b) || ops.indexOf(a) - ops.indexOf(b));
        done.add(ready[0]!.id);
        expected.push(ready[0]!.id);
      }
      const ordered = orderOperations(ops);
      expect(ordered.map((op) => op.id)).toEqual(expected);
      expect(ordered.every((op) => op.dependsOn.every((d) => d !== 'elsewhere'))).toBe(true);
    }
  });

  it('throws on a dependency cycle instead of looping', () => {
    const a = { id: 'createRole:role:A', type: 'createRole', address: 'role:A', dependsOn: ['createRole:role:B'], executor: 'api', summary: '', name: 'A' } as const;
    const b = { ...a, id: 'createRole:role:B', address: 'role:B', dependsOn: ['createRole:role:A'], name: 'B' };
    expect(() => orderOperations([{ ...a, dependsOn: [...a.dependsOn] }, b])).toThrow(/cycle/);
  });
});

describe('operations', () => {
  it('picks executors from capabilities: guided while the API cannot write, api when it can', () => {
    const d = desired({
      roles: [desiredRole('BG', { [ST]: { inquire: 'All' } }, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })],
      members: [desiredMember('bg', 'BG', { apiKeys: [{ description: 'prod' }] })],
    });
    const guided = plan(d, live());
    expect(Object.fromEntries(guided.map((o) => [o.type, o.executor]))).toEqual({
      createRole: 'api', setRoleLevels: 'guided', setCustomizeItems: 'guided', createMember: 'api', createApiKey: 'guided',
    });
    const all = plan(d, live(), undefined, { writeRoleSettings: true, writeCustomizeItems: true, writeApiKeys: true, renameRole: false });
    expect(all.every((o) => o.executor === 'api')).toBe(true);
  });

  it('uses refs for ids created earlier and ids for live objects', () => {
    const d = desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })], members: [desiredMember('bg', 'BG', { location: 'Tampa', businessUnit: 'Admin', apiKeys: [{ description: 'prod' }] })] });
    const ops = plan(d, live());
    const member = ops.find((o) => o.type === 'createMember');
    expect(member).toMatchObject({
      body: { identifier: 'bg', securityRole: { id: { ref: 'role:BG' } }, structureLevel: { id: 1 }, defaultLocation: { id: 10 }, securityLocation: { id: 10 }, defaultDepartment: { id: 20 } },
      dependsOn: ['createRole:role:BG'],
    });
    expect(ops.find((o) => o.type === 'createApiKey')).toMatchObject({ memberId: { ref: 'member:bg' }, dependsOn: ['createMember:member:bg'] });
    expect(ops.find((o) => o.type === 'setRoleLevels')).toMatchObject({ roleId: { ref: 'role:BG' }, cells: [{ module: 'Service Desk', function: 'Service Tickets', kind: 'inquire', from: 'None', to: 'All' }] });
  });

  it('builds member PATCH in the PSA form: no leading slash, references replaced whole', () => {
    const d = desired({ roles: [desiredRole('New', {}, { external: true })], members: [desiredMember('bg', 'New', { location: 'Orlando', name: 'Renamed' })] });
    const l = live({ roles: [liveRole('Old', 5), liveRole('New', 6)], members: [liveMember('bg', 70, { id: 5, name: 'Old' })] });
    const op = plan(d, l, stateOf({ 'member:bg': {} })).find((o) => o.type === 'patchMember');
    expect(op).toMatchObject({ memberId: 70 });
    expect(op && 'patch' in op ? op.patch : []).toEqual(expect.arrayContaining([
      { op: 'replace', path: 'securityRole', value: { id: 6 } },
      { op: 'replace', path: 'defaultLocation', value: { id: 11 } },
      { op: 'replace', path: 'securityLocation', value: { id: 11 } },
      { op: 'replace', path: 'name', value: 'Renamed' },
    ]));
    expect(op && 'patch' in op ? op.patch.every((p) => !p.path.startsWith('/') && !p.path.includes('/')) : false).toBe(true);
  });

  it('translates nested json-patch paths to whole-reference replaces', () => {
    expect(toPsaPatch({ securityRole: { id: 1 }, name: 'a' }, { securityRole: { id: 2 }, name: 'a' })).toEqual([{ op: 'replace', path: 'securityRole', value: { id: 2 } }]);
    expect(toPsaPatch({ name: 'a' }, { name: 'a', emailAddress: 'x@y' })).toEqual([{ op: 'replace', path: 'emailAddress', value: 'x@y' }]);
  });

  it('patches a cross reference with resolved ids and re-activates it', () => {
    const d = desired({ managedDevices: [desiredMapping('M', { crossReferences: [{ vendorType: 'W', agreementType: 'Block Time' }] })] });
    const l = live({ mappings: [liveMapping('M', 60, [liveCrossReference(61, 'W', { agreementType: { id: 40, name: 'Managed Services' }, inactive: true })])] });
    const op = plan(d, l).find((o) => o.type === 'patchCrossReference');
    expect(op).toMatchObject({ mappingId: 60, crossReferenceId: 61 });
    expect(op && 'patch' in op ? op.patch : []).toEqual([
      { op: 'replace', path: 'agreementType', value: { id: 41 } },
      { op: 'replace', path: 'inactiveFlag', value: false },
    ]);
  });
});

describe('guided steps', () => {
  it('lists one step per cell, item and key with click paths, and nothing already right', () => {
    const d = desired({
      roles: [desiredRole('BG', { [ST]: { inquire: 'All', add: 'My' }, [CO]: { inquire: 'All' } }, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) })],
      members: [desiredMember('bg', 'BG', { apiKeys: [{ description: 'prod' }] })],
    });
    const l = live({ roles: [liveRole('BG', 7, { [CO]: { inquire: 'All' } })] });
    const steps = buildGuidedSteps(plan(d, l));
    expect(steps.map((s) => `${s.clickPath} | ${s.instruction}`)).toEqual([
      'System > Security Roles > BG > Service Desk > Service Tickets | Add Level: None -> My',
      'System > Security Roles > BG > Service Desk > Service Tickets | Inquire Level: None -> All',
      "System > Security Roles > BG > System > Table Setup > Customize | allow 'Company / Company Status'",
      "System > Members > API Members > bg > API Keys | New: description 'prod' (copy both keys; the private key is shown once)",
    ]);
    expect(steps.map((s) => s.verify)).toEqual(['api', 'api', 'member-keys', 'member-keys']);
  });

  it('has no steps when the API can write everything', () => {
    const d = desired({ roles: [desiredRole('BG', { [ST]: { inquire: 'All' } })] });
    expect(buildGuidedSteps(plan(d, live(), undefined, { writeRoleSettings: true, writeCustomizeItems: true, writeApiKeys: true, renameRole: false }))).toEqual([]);
  });
});
