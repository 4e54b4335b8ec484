import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desired, desiredMapping, desiredMember, desiredRole } from '../plan/fixtures.js';
import { API_MEMBER, LOCATION } from '../sim/resources.js';
import type { RunningSimulator } from '../sim/start-simulator.js';
import { startSimulator } from '../sim/start-simulator.js';
import type { PsaClient } from './client.js';
import { createHttpPsaClient } from './http-client.js';
import { createSimAdminClient } from '../sim/admin-client.js';
import { buildOrConditions, readLiveState } from './read-live-state.js';

let sim: RunningSimulator;
let client: PsaClient;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  client = createSimAdminClient(sim);
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

const scope = desired({
  roles: [desiredRole('Service Manager', {}, { unlisted: 'ignore' }), desiredRole('Brand New Role')],
  members: [desiredMember('itglue', 'Read Only', { location: 'Tampa', businessUnit: 'Admin' })],
  managedDevices: [desiredMapping('Kaseya VSA', { crossReferences: [{ vendorType: 'Workstation', vendorLevel: 'Managed', configurationType: 'Managed Workstation', product: 'RMM-WS' }] })],
});

describe('readLiveState against the simulator', () => {
  it('reads the roles in play with their settings, named members, mappings, lookups and the caller', async () => {
    const live = await readLiveState(client, { desired: scope });
    expect(Object.keys(live.roles).sort()).toEqual(['Read Only', 'Service Manager']);
    const sm = live.roles['Service Manager']!;
    expect(Object.keys(sm.settings).length).toBeGreaterThan(10);
    expect(sm.settings['Service Desk / Service Tickets']?.levels.inquire).not.toBe('None');
    expect(sm.customize).toBeUndefined();
    expect(live.members.itglue).toMatchObject({ identifier: 'itglue', apiMember: true, role: { name: 'Read Only' }, location: { name: 'Tampa' } });
    expect(live.managedDevices['Kaseya VSA']?.crossReferences.map((x) => `${x.vendorType}|${x.vendorLevel ?? ''}`).sort()).toEqual(['Server|Managed', 'Workstation|Managed']);
    expect(live.managedDevices['Kaseya VSA']?.crossReferences.find((x) => x.vendorType === 'Workstation')?.product?.identifier).toBe('RMM-WS');
    expect(live.lookups.locations.map((l) => l.name)).toEqual(['Tampa']);
    expect(live.lookups.structureLevels.length).toBe(5);
    expect(live.lookups.configurationTypes.map((c) => c.name)).toEqual(['Managed Workstation']);
    expect(live.caller).toEqual({ identifier: 'cwctl-admin', roleName: 'Admin' });
    expect(live.requestCount).toBeGreaterThan(5);
    expect(live.requestCount).toBeLessThanOrEqual(14);
  });

  it('fetches a whole lookup table when a name is missing, so the did-you-mean has candidates', async () => {
    const live = await readLiveState(client, { desired: desired({ roles: [desiredRole('X')], members: [desiredMember('a', 'X', { location: 'Tampaa' })] }) }, { callerIdentifier: 'cwctl-admin' });
    expect(live.lookups.locations.length).toBe(5);
  });

  it('reads Table Setup only with the keys of a member of that role, and then every list', async () => {
    const member = sim.store.memberByIdentifier('itglue');
    const memberId = Number(member?.id);
    const res = await fetch(`${sim.url}/__sim/ui/apiMembers/${memberId}/apiKeys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ description: 'test' }) });
    const keys = (await res.json()) as { publicKey: string; privateKey: string };
    const roleId = (member?.securityRole as { id: number }).id;
    await fetch(`${sim.url}/__sim/ui/securityRoles/${roleId}/tableSetup`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(['Company / Company Status']) });
    const live = await readLiveState(client, { desired: scope }, { memberCredentials: { itglue: { ...keys, clientId: sim.clientId } } });
    const role = live.roles['Read Only']!;
    expect(role.customizeReadAs).toBe('itglue');
    expect(role.customize?.SystemTableSetup).toEqual(['Company / Company Status']);
    expect(role.customize?.SystemManageHostedApi).toEqual([]);
  });

  it('reads holders of an owned role the file dropped, and owned members', async () => {
    const state = {
      formatVersion: 1 as const, lineage: 'x', serial: 1, target: { site: 'sandbox', company: 'sandbox' },
      resources: { 'role:Sales': { kind: 'role' as const, digest: 'sha256:0', appliedAt: 'x' }, 'member:quoter': { kind: 'member' as const, digest: 'sha256:0', appliedAt: 'x' } },
    };
    const live = await readLiveState(client, { desired: desired(), state }, { callerIdentifier: 'cwctl-admin' });
    expect(live.roles.Sales).toBeDefined();
    const holders = Object.values(live.members).filter((m) => m.role?.name === 'Sales').map((m) => m.identifier);
    expect(holders).toContain('quoter');
    expect(holders.length).toBeGreaterThan(1);
  });
});

describe('readLiveState: many API members', () => {
  let big: RunningSimulator;
  beforeAll(async () => {
    big = await startSimulator({ port: 0 });
    const role = big.store.data.tables.securityRoles.find((r) => r.name === 'Read Only');
    for (let i = 0; i < 150; i++) {
      big.store.create(API_MEMBER, { identifier: `many${String(i).padStart(3, '0')}`, name: `Many ${i}`, securityRole: { id: role?.id as number } }, 'test', { licenseClass: 'A' });
    }
  });
  afterAll(async () => {
    await big.close();
  });
  const clientOf = (pageSize?: number): PsaClient => createHttpPsaClient({
    target: { site: big.url, company: big.company },
    credentials: { publicKey: big.admin.publicKey, privateKey: big.admin.privateKey, clientId: big.clientId },
    ...(pageSize ? { pageSize } : {}),
  });
  const ids = Array.from({ length: 150 }, (_, i) => `many${String(i).padStart(3, '0')}`);
  const many = desired({ roles: [desiredRole('Read Only', {}, { unlisted: 'ignore' })], members: ids.map((id) => desiredMember(id, 'Read Only')) });

  it('reads 150 named members in one page of the full list rather than a URL per ~50 identifiers', async () => {
    expect(buildOrConditions(['identifier'], ids)?.length).toBeGreaterThanOrEqual(3);
    const c = clientOf();
    const live = await readLiveState(c, { desired: many }, { callerIdentifier: 'cwctl-admin' });
    await c.close();
    expect(ids.every((id) => live.members[id]?.apiMember === true)).toBe(true);
    // discovery, role list, one role's settings, one member page, structure levels
    expect(live.requestCount).toBe(5);
  });

  it('falls back to identifier conditions when the full list would take more pages than they do', async () => {
    const c = clientOf(10);
    const live = await readLiveState(c, { desired: many }, { callerIdentifier: 'cwctl-admin' });
    await c.close();
    expect(ids.every((id) => live.members[id]?.apiMember === true)).toBe(true);
    // The one page that showed the list is long, then the condition chunks (about 50 identifiers each, in pages of 10).
    expect(live.requestCount).toBeLessThan(5 + 1 + 20);
  });
});

describe('buildOrConditions', () => {
  it('quotes, de-duplicates and chunks below the URL limit', () => {
    expect(buildOrConditions(['identifier'], ['b', 'a', 'a'])).toEqual(['identifier="a" OR identifier="b"']);
    // A value the PSA has no documented spelling for is never put in a condition (#16: one quoting policy).
    expect(buildOrConditions(['name'], ['say "hi"'])).toBeUndefined();
    expect(buildOrConditions(['name'], ['ok', 'back\\slash'])).toBeUndefined();
    expect(buildOrConditions(['name'], ['Tampa [North]'])).toEqual(['name="Tampa [North]"']);
    const many = buildOrConditions(['identifier'], Array.from({ length: 300 }, (_, i) => `member${i}`)) ?? [];
    expect(many.length).toBeGreaterThan(1);
    expect(many.every((c) => c.length <= 1200)).toBe(true);
  });
});

describe('readLiveState: names with quotes, backslashes and brackets', () => {
  it('finds a location named with a quote and a backslash by one listing of all, never a condition holding it', async () => {
    const hostile = 'Joe\'s "Main" [HQ] \\ Office';
    const own = await startSimulator({ port: 0 });
    const level = own.store.data.tables.structureLevels[0]?.id as number;
    own.store.create(LOCATION, { name: hostile, structureLevel: { id: level } }, 'test');
    const lines: string[] = [];
    const c = createSimAdminClient(own, { debugLog: (line) => lines.push(line) });
    try {
      const live = await readLiveState(c, { desired: desired({ members: [desiredMember('itglue', 'Read Only', { location: hostile })] }) }, { callerIdentifier: 'cwctl-admin' });
      expect(live.lookups.locations.map((l) => l.name)).toContain(hostile);
      const locationReads = lines.filter((l) => l.startsWith('GET /system/locations?'));
      expect(locationReads).toHaveLength(1);
      expect(locationReads[0]).not.toContain('conditions');
    } finally {
      await c.close();
      await own.close();
    }
  });
});
