// The HTTP client against the real simulator on 127.0.0.1:0: listing across pages (also with tiny pages),
// writes (API members, roles, mappings), a second member's own view through withCredentials, and behaviour
// under latency, 429s, 500s and dropped connections (complete results, no duplicate POSTs).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PsaClient } from '../../src/psa/client.js';
import { createHttpPsaClient } from '../../src/psa/http-client.js';
import type { HttpPsaClientOptions } from '../../src/psa/http-client.js';
import { sleepWithSignal } from '../../src/psa/retry.js';
import { createSimAdminClient } from '../../src/sim/admin-client.js';
import { startSimulator } from '../../src/sim/start-simulator.js';
import type { RunningSimulator } from '../../src/sim/start-simulator.js';

const clientFor = (sim: RunningSimulator, extra: Partial<HttpPsaClientOptions> = {}): PsaClient => createSimAdminClient(sim, extra);

async function simJson<T>(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as T;
}

interface Stats { total: number; throttled: number; rateLimited: number; faults: { errors: number; throttles: number; drops: number }; requests: Record<string, number> }

describe('against the simulator', () => {
  let sim: RunningSimulator;
  let client: PsaClient;
  beforeAll(async () => {
    sim = await startSimulator({ roles: 12 });
    client = clientFor(sim);
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it('lists roles, settings, API members and mappings, the same with pages of 7 as of 1000', async () => {
    const small = clientFor(sim, { pageSize: 7 });
    try {
      const roles = await client.listSecurityRoles();
      expect(roles.length).toBeGreaterThanOrEqual(12);
      await small.systemInfo(); // discovery first, so only pages are counted below
      const before = small.requestCount();
      const rolesSmall = await small.listSecurityRoles();
      expect(rolesSmall.map((r) => r.id)).toEqual(roles.map((r) => r.id));
      expect(small.requestCount() - before).toBe(Math.ceil(roles.length / 7));

      const admin = roles.find((r) => r.name === 'Admin');
      expect(admin).toBeDefined();
      const settings = await client.listRoleSettings(admin!.id);
      expect(settings.length).toBeGreaterThan(50);
      const settingsSmall = await small.listRoleSettings(admin!.id, { pageSize: 7 });
      expect(settingsSmall).toEqual(settings);

      const members = await client.listApiMembers();
      expect(members.map((m) => m.identifier)).toContain(sim.admin.memberIdentifier);
      expect((await small.listApiMembers()).map((m) => m.id)).toEqual(members.map((m) => m.id));

      const integrations = await small.listManagedDevicesIntegrations();
      const kaseya = integrations.find((i) => i.name === 'Kaseya VSA');
      expect(kaseya).toBeDefined();
      const xrefs = await small.listCrossReferences(kaseya!.id, { pageSize: 1 });
      expect(xrefs).toHaveLength(2);

      const filtered = await small.listSecurityRoles({ conditions: 'name like "Role 00*"', fields: ['id', 'name'], orderBy: 'name desc' });
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.every((r) => r.name.startsWith('Role 00') && Object.keys(r).sort().join() === 'id,name')).toBe(true);
      expect(filtered.map((r) => r.name)).toEqual([...filtered.map((r) => r.name)].sort().reverse());

      for (const list of [client.listLocations(), client.listDepartments(), client.listStructureLevels(), client.listConfigurationTypes(), client.listAgreementTypes(), client.listCatalogItems(), client.listSetupScreens(), client.listMembers()]) {
        expect((await list).length).toBeGreaterThan(0);
      }
      const info = await client.companyInfo();
      expect(info.Codebase).toMatch(/^v\d{4}_\d+\/$|^v4_6_release\/$/);
      expect(typeof (await client.systemInfo()).version).toBe('string');
    } finally {
      await small.close();
    }
  });

  it('creates and deletes a role; creates and patches an API member; maps a cross reference', async () => {
    const role = await client.createSecurityRole({ name: 'cwctl-test-role' });
    expect(role.name).toBe('cwctl-test-role');
    expect((await client.getSecurityRole(role.id)).id).toBe(role.id);
    const levels = await client.listStructureLevels();
    const created = await client.createApiMember({ identifier: 'cwtest1', name: 'cwctl test', securityRole: { id: role.id }, structureLevel: { id: levels[0]!.id } });
    expect(created.securityRole?.id).toBe(role.id);
    const patched = await client.patchApiMember(created.id, [{ op: 'replace', path: 'name', value: 'cwctl test renamed' }]);
    expect(patched.name).toBe('cwctl test renamed');
    expect((await client.getApiMember(created.id)).name).toBe('cwctl test renamed');

    // A role in use cannot be deleted: a clear 409.
    await expect(client.deleteSecurityRole(role.id)).rejects.toThrow(/DELETE \/system\/securityroles\/\d+ failed with 409 Conflict/);
    const spare = await client.createSecurityRole({ name: 'cwctl-spare-role' });
    await client.patchApiMember(created.id, [{ op: 'replace', path: 'securityRole', value: { id: spare.id } }]);
    await client.deleteSecurityRole(role.id);
    await expect(client.getSecurityRole(role.id)).rejects.toThrow(/404 Not Found/);

    const integration = await client.createManagedDevicesIntegration({ name: 'Datto RMM', solution: 'Datto RMM', loginBy: 'Global', defaultBillingLevel: 'Detail' });
    const types = await client.listConfigurationTypes();
    const xref = await client.createCrossReference(integration.id, { vendorType: 'Workstation', vendorLevel: 'Gold', configurationType: { id: types[0]!.id } });
    expect(xref.configurationType?.id).toBe(types[0]!.id);
    const renamed = await client.patchCrossReference(integration.id, xref.id, [{ op: 'replace', path: 'vendorLevel', value: 'Platinum' }]);
    expect(renamed.vendorLevel).toBe('Platinum');
    await client.deleteCrossReference(integration.id, xref.id);
    expect(await client.listCrossReferences(integration.id)).toEqual([]);
    const patchedIntegration = await client.patchManagedDevicesIntegration(integration.id, [{ op: 'replace', path: 'portalUrl', value: 'https://datto.example.com' }]);
    expect(patchedIntegration.portalUrl).toBe('https://datto.example.com');
    await client.deleteManagedDevicesIntegration(integration.id);
  });

  it('400 from the simulator names the field; 405 for a role PATCH would be a guided step', async () => {
    const error = await client.createApiMember({ identifier: 'way-too-long-identifier', name: 'x', securityRole: { id: 1 } }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/POST \/system\/apiMembers failed with 400 Bad Request: the PSA rejected the request \(InvalidObject\): identifier:/);
  });

  it('reads mySecurity and Customize items as a second member with its own keys', async () => {
    const role = await client.createSecurityRole({ name: 'cwctl-my-role' });
    await simJson(sim, 'PUT', `/__sim/ui/securityRoles/${role.id}/settings`, [{ moduleName: 'System', moduleFunctionName: 'Table Setup', inquireLevel: 'All' }]);
    await simJson(sim, 'PUT', `/__sim/ui/securityRoles/${role.id}/tableSetup`, ['Company / Company Status']);
    const member = await client.createApiMember({ identifier: 'cwtest2', name: 'second', securityRole: { id: role.id } });
    const keys = await simJson<{ publicKey: string; privateKey: string }>(sim, 'POST', `/__sim/ui/apiMembers/${member.id}/apiKeys`, { description: 'test' });
    const other = client.withCredentials({ publicKey: keys.publicKey, privateKey: keys.privateKey, clientId: sim.clientId });
    const before = client.requestCount();
    const mine = await other.getMySecurity();
    expect(mine.every((row) => row.member?.identifier === undefined || row.member.identifier === 'cwtest2')).toBe(true);
    const tableSetup = mine.find((row) => row.moduleFunctionName === 'Table Setup');
    expect(tableSetup?.inquireLevel).toBe('All');
    expect(mine.filter((row) => row.inquireLevel === 'All')).toHaveLength(1);
    const items = await other.listMyCustomizeItems();
    expect(items.map((i) => i.itemIdentifier)).toEqual(['Company / Company Status']);
    // The derived client shares the request counter (and the limiter and Agent).
    expect(client.requestCount()).toBeGreaterThan(before);
    await other.close();
    // Closing a derived client leaves the family usable.
    expect((await client.listSecurityRoles({ conditions: 'name="cwctl-my-role"' }))[0]?.id).toBe(role.id);
    // Wrong keys: a clear 401.
    const wrong = client.withCredentials({ publicKey: keys.publicKey, privateKey: 'not-the-key', clientId: sim.clientId });
    await expect(wrong.getMySecurity()).rejects.toThrow(/401 Unauthorized: the API keys were refused/);
  });
});

describe('against a slow, faulty, rate-limited simulator', () => {
  it('reads 20 roles\' settings at 50 ms latency under 600/min with no 429 and a bounded number of requests', async () => {
    const sim = await startSimulator({ roles: 20, latencyMs: 50, rateLimitPerMinute: 600 });
    const client = clientFor(sim);
    try {
      const started = Date.now();
      const roles = await client.listSecurityRoles();
      const all = await Promise.all(roles.map((r) => client.listRoleSettings(r.id)));
      const ms = Date.now() - started;
      expect(all.every((s) => s.length > 50)).toBe(true);
      const stats = await simJson<Stats>(sim, 'GET', '/__sim/stats');
      expect(stats.throttled).toBe(0);
      expect(client.requestCount()).toBe(roles.length + 2);
      // 8 in flight at 50 ms: about (n/8) x 50 ms plus serving time, below n x 50 ms sequentially
      // (a loose bound: this machine is shared; bench/read-settings.ts measures it properly).
      expect(ms).toBeLessThan((roles.length + 2) * 50);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  it('paces itself through 429s (Retry-After held for every request) and returns complete results', async () => {
    const sim = await startSimulator({ roles: 16, throttleRate: 0.25 });
    // Retry-After is 1 s; a test sleep of a tenth keeps the file fast while still waiting for every request.
    const slept: number[] = [];
    const client = clientFor(sim, { sleep: (ms, signal) => { slept.push(ms); return sleepWithSignal(ms / 10, signal); } });
    try {
      const roles = await client.listSecurityRoles();
      const all = await Promise.all(roles.map((r) => client.listRoleSettings(r.id)));
      expect(all.every((s) => s.length > 50)).toBe(true);
      const stats = await simJson<Stats>(sim, 'GET', '/__sim/stats');
      expect(stats.faults.throttles).toBeGreaterThan(0);
      expect(slept.filter((ms) => ms === 1000).length).toBeGreaterThanOrEqual(stats.throttled > 0 ? 1 : 0);
      // Every attempt, retries included, is counted on both sides.
      expect(client.requestCount()).toBe(stats.total);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  it('survives 500s and dropped connections (before or mid-body) with complete listings and one record per POST', async () => {
    const sim = await startSimulator({ roles: 10, faultRate: 0.15, dropRate: 0.15 });
    const client = clientFor(sim, { retry: { retries: 8, baseDelayMs: 5, maxDelayMs: 50 }, pageSize: 5 });
    try {
      const names = Array.from({ length: 12 }, (_, i) => `cwctl-flaky-${i}`);
      const created = [];
      for (const name of names) created.push(await client.createSecurityRole({ name }));
      expect(created.map((r) => r.name)).toEqual(names);
      const roles = await client.listSecurityRoles({ conditions: 'name like "cwctl-flaky-*"' });
      expect(roles.map((r) => r.name).sort()).toEqual([...names].sort());
      const stats = await simJson<Stats>(sim, 'GET', '/__sim/stats');
      expect(stats.faults.errors + stats.faults.drops).toBeGreaterThan(0);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  it('a POST whose answer is lost after the PSA applied it is found by its natural key, not sent again', async () => {
    const sim = await startSimulator({});
    // A loopback proxy that forwards to the simulator and, for the first POST of each path, kills the
    // connection after the simulator has answered (the write happened; the client never hears of it).
    const dropped = new Set<string>();
    let posts = 0;
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection' && k !== 'content-length').map(([k, v]) => [k, String(v)]));
          const upstream = await fetch(`${sim.url}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
          const body = Buffer.from(await upstream.arrayBuffer());
          const key = `${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''}`;
          if (req.method === 'POST') posts++;
          if (req.method === 'POST' && !dropped.has(key)) {
            dropped.add(key);
            req.socket.destroy();
            return;
          }
          const out: Record<string, string> = {};
          upstream.headers.forEach((v, k) => { if (k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'content-length') out[k] = v; });
          res.writeHead(upstream.status, out).end(body);
        })().catch(() => res.destroy());
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const port = (proxy.address() as AddressInfo).port;
    const client = createHttpPsaClient({
      target: { site: `http://127.0.0.1:${port}`, company: sim.company },
      credentials: { publicKey: sim.admin.publicKey, privateKey: sim.admin.privateKey, clientId: sim.clientId },
      sleep: () => Promise.resolve(),
    });
    try {
      const role = await client.createSecurityRole({ name: 'cwctl-lost-answer' });
      const member = await client.createApiMember({ identifier: 'cwlost', name: 'lost answer', securityRole: { id: role.id } });
      const integration = await client.createManagedDevicesIntegration({ name: 'Lost RMM', solution: 'Lost', loginBy: 'Global', defaultBillingLevel: 'Summary' });
      const xref = await client.createCrossReference(integration.id, { vendorType: 'Server', vendorLevel: 'Gold' });
      expect([role.name, member.identifier, integration.name, xref.vendorType]).toEqual(['cwctl-lost-answer', 'cwlost', 'Lost RMM', 'Server']);
      // Four POSTs reached the simulator once each; a resend would have been a fifth (and a 400 Duplicate).
      expect(posts).toBe(4);
      expect(await client.listSecurityRoles({ conditions: 'name="cwctl-lost-answer"' })).toHaveLength(1);
      expect(await client.listCrossReferences(integration.id)).toHaveLength(1);
    } finally {
      await client.close();
      await new Promise<void>((r) => proxy.close(() => r()));
      await sim.close();
    }
  });
});
