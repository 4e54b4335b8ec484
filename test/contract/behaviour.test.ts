// Behaviour of the simulator as a PSA client sees it: 405s, paging and Link walks (navigable and forward-only),
// conditions/fields/orderBy over HTTP, validation errors, auth, the /__sim/ui screens changing what the API reads,
// persistence across restarts, faults and the rate limit counted in /__sim/stats.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Loose } from './harness.js';
import { startClient } from './harness.js';
import { buildHttpError } from '../../src/psa/errors.js';

let c: Client;
beforeAll(async () => { c = await startClient({ seed: 3 }); });
afterAll(async () => { await c.sim.close(); });

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

describe('405 where the public API has no such method', () => {
  const cases: [string, string][] = [
    ['PUT', '/system/securityroles/1'],
    ['PATCH', '/system/securityroles/1'],
    ['POST', '/system/securityRoles/1/settings'],
    ['PUT', '/system/securityRoles/1/settings/1'],
    ['PATCH', '/system/securityRoles/1/settings/1'],
    ['DELETE', '/system/securityRoles/1/settings/1'],
    ['DELETE', '/system/apiMembers/37'],
    ['DELETE', '/system/members/1'],
    ['POST', '/system/myCompany/corporateStructureLevels'],
    ['PUT', '/system/myCompany/corporateStructureLevels/1'],
    ['PATCH', '/system/myCompany/corporateStructureLevels/1'],
    ['DELETE', '/system/myCompany/corporateStructureLevels/1'],
    ['POST', '/system/setupScreens'],
    ['POST', '/system/mySecurity'],
  ];
  it.each(cases)('%s %s', async (method, path) => {
    const r = await c.call(method, path, method === 'PATCH' ? [{ op: 'replace', path: 'name', value: 'x' }] : { name: 'x' });
    expect(r.status).toBe(405);
    expect(r.body).toEqual({ code: 'MethodNotAllowed', message: expect.stringContaining(method), errors: null });
    expect(r.headers.get('allow')).toMatch(/GET/);
  });

  it('unknown paths are 404 in the PSA error shape', async () => {
    const r = await c.call('GET', '/system/securityroles/999999');
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('NotFound');
    expect((await c.call('GET', '/system/nothingHere')).status).toBe(404);
  });
});

describe('paths, codebases and company info', () => {
  it('matches path segments case-insensitively and accepts versioned codebases', async () => {
    const a = await c.call('GET', '/system/SECURITYROLES/1');
    const b = await c.call('GET', `${c.sim.url}/v2025_8/apis/3.0/system/securityRoles/1`);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    const s = await c.call('GET', '/system/securityroles/1/settings/count');
    expect(s.body.count).toBeGreaterThan(50);
  });

  it('serves /login/companyinfo without auth, PascalCase', async () => {
    const r = await fetch(`${c.sim.url}/login/companyinfo/${c.sim.company.toUpperCase()}`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      CompanyName: c.sim.company, Codebase: 'v2025_8/', VersionCode: 'v2025.8', VersionNumber: expect.any(String), CompanyID: c.sim.company,
      IsCloud: false, SiteUrl: new URL(c.sim.url).host,
    });
    // An unknown company is not a 404: 200 with a JSON null, as the real discovery call answers.
    const unknown = await fetch(`${c.sim.url}/login/companyinfo/othercompany`);
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toBe('null');
  });
});

describe('auth', () => {
  it('401 without, with a wrong private key, or a wrong company; 403 without clientId', async () => {
    const none = await fetch(`${c.api}/system/info`, { headers: { clientId: c.sim.clientId } });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: 'ConnectWiseApi', message: 'UserNotAuthenticated' });
    const bad = await c.call('GET', '/system/info', undefined, { Authorization: c.auth(c.sim.admin.publicKey, 'WRONGWRONGWRONG1') });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ code: 'ConnectWiseApi', message: 'UserNotAuthenticated' });
    expect(bad.text).not.toContain(c.sim.admin.privateKey);
    expect((await c.call('GET', '/system/info', undefined, { Authorization: c.auth(c.sim.admin.publicKey, c.sim.admin.privateKey, 'other') })).status).toBe(401);
    const noClient = await fetch(`${c.api}/system/info`, { headers: { Authorization: c.auth(c.sim.admin.publicKey, c.sim.admin.privateKey) } });
    expect(noClient.status).toBe(403);
    const body = (await noClient.json()) as { code: string; message: string };
    // cwctl's own wording of that 403 names the missing clientId among the causes (the body does not).
    const error = buildHttpError({ method: 'GET', path: '/system/info', site: c.sim.url }, { status: 403, body, company: c.sim.company, secrets: [], attempts: 1 });
    expect(error.message).toMatch(/403 Forbidden: .*security role lacks the permission.*without a clientId header \(CWCTL_CLIENT_ID\)/);
  });
});

describe('paging', () => {
  it('walks every page through Link rel="next" and agrees with /count', async () => {
    const total = (await c.call('GET', '/system/members/count')).body.count as number;
    let url: string | undefined = `${c.api}/system/members?pageSize=7&orderBy=identifier desc`;
    const ids: number[] = [];
    let pages = 0;
    let lastLinks: Record<string, string> = {};
    while (url) {
      const r = await c.call('GET', url);
      expect(r.status).toBe(200);
      ids.push(...r.body.map((m: Loose) => m.id));
      lastLinks = links(r.headers.get('link'));
      expect(lastLinks.first).toMatch(/page=1(&|$)/);
      if (pages > 0) expect(lastLinks.prev).toBeDefined();
      url = lastLinks.next;
      pages++;
      expect(pages).toBeLessThan(50);
    }
    expect(pages).toBe(Math.ceil(total / 7));
    expect(new Set(ids).size).toBe(total);
    expect(lastLinks.last).toContain(`page=${pages}`);
    expect(lastLinks.last).toContain('orderBy=identifier+desc');
    expect((await c.call('GET', '/system/members?page=999')).body).toEqual([]);
  });

  it('defaults to 25 and clamps pageSize to 1000', async () => {
    expect((await c.call('GET', '/system/members')).body).toHaveLength(25);
    const r = await c.call('GET', '/system/securityRoles/1/settings?pageSize=5000');
    expect(links(r.headers.get('link')).first).toContain('pageSize=1000');
  });

  it('forward-only: pageId keyset by id, Link next on every page with rows, none on the empty one, orderBy refused', async () => {
    const fo = { 'pagination-type': 'forward-only' };
    let url: string | undefined = `${c.api}/system/members?pageSize=9&pageId=0`;
    const ids: number[] = [];
    for (let i = 0; i < 20 && url; i++) {
      const r = await c.call('GET', url, undefined, fo);
      expect(r.status).toBe(200);
      if (r.body.length === 0) {
        expect(r.headers.get('link')).toBeNull();
        break;
      }
      const next = links(r.headers.get('link')).next;
      expect(next).toBeDefined();
      ids.push(...r.body.map((m: Loose) => m.id));
      expect(next).toContain(`pageId=${ids[ids.length - 1]}`);
      url = next;
    }
    const total = (await c.call('GET', '/system/members/count')).body.count;
    expect(ids).toHaveLength(total);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const bad = await c.call('GET', '/system/members?orderBy=name asc', undefined, fo);
    expect(bad.status).toBe(400);
  });
});

describe('conditions, fields, orderBy over HTTP', () => {
  it('filters, counts and projects', async () => {
    const list = await c.call('GET', `/system/members?pageSize=1000&conditions=${encodeURIComponent('securityRole/name = "Admin" AND inactiveFlag = false')}&fields=id,identifier,securityRole/name`);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    for (const m of list.body) {
      expect(Object.keys(m).sort()).toEqual(['id', 'identifier', 'securityRole']);
      expect(m.securityRole).toEqual({ name: 'Admin' });
    }
    const count = await c.call('GET', `/system/members/count?conditions=${encodeURIComponent('securityRole/name = "Admin" AND inactiveFlag = false')}`);
    expect(count.body.count).toBe(list.body.length);
    const sorted = await c.call('GET', '/system/securityroles?orderBy=name desc&fields=name');
    const names = sorted.body.map((r: Loose) => r.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => b.toLowerCase().localeCompare(a.toLowerCase())));
  });

  it('answers 400 naming the position or field it cannot read', async () => {
    const r = await c.call('GET', `/system/securityroles?conditions=${encodeURIComponent('name = "a" and (id = 1')}`);
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/position 22/);
    const f = await c.call('GET', '/system/securityroles?conditions=nmae="x"');
    expect(f.body.message).toMatch(/did you mean 'name'/);
  });
});

describe('writes and validation', () => {
  it('rejects invalid roles and members with InvalidObject field errors', async () => {
    const long = await c.call('POST', '/system/securityroles', { name: 'x'.repeat(31) });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'InvalidObject', message: 'securityRole object is invalid', errors: [{ code: 'OutOfRange', resource: 'securityRole', field: 'name' }] });
    const dup = await c.call('POST', '/system/securityroles', { name: 'admin' });
    expect(dup.body.errors[0]).toMatchObject({ code: 'Duplicate', field: 'name' });
    const missing = await c.call('POST', '/system/securityroles', {});
    expect(missing.body.errors[0]).toMatchObject({ code: 'MissingRequiredField', field: 'name' });
    const am = await c.call('POST', '/system/apiMembers', { identifier: 'x'.repeat(16), securityRole: { id: 9999 } });
    expect(am.body.errors.map((e: Loose) => `${e.field}:${e.code}`).sort()).toEqual(['identifier:OutOfRange', 'securityRole:InvalidReference']);
    const taken = await c.call('POST', '/system/apiMembers', { identifier: 'CWCTL-ADMIN', name: 'dup' });
    expect(taken.body.errors[0]).toMatchObject({ code: 'Duplicate', field: 'identifier' });
  });

  it('PATCH replaces references whole, refuses nested paths, records updatedBy', async () => {
    const am = (await c.call('POST', '/system/apiMembers', { identifier: 'patchme', name: 'Patch Me', securityRole: { id: 1 } })).body;
    const ok = await c.call('PATCH', `/system/apiMembers/${am.id}`, [{ op: 'replace', path: 'securityRole', value: { id: 2 } }]);
    expect(ok.status).toBe(200);
    expect(ok.body.securityRole).toMatchObject({ id: 2, name: 'Technician', _info: { securityRole_href: expect.stringContaining('/system/securityroles/2') } });
    expect(ok.body._info.updatedBy).toBe('cwctl-admin');
    const nested = await c.call('PATCH', `/system/apiMembers/${am.id}`, [{ op: 'replace', path: 'securityRole/id', value: 3 }]);
    expect(nested.status).toBe(400);
    expect(nested.body.message).toMatch(/replace the whole 'securityRole'/);
    const noName = await c.call('PATCH', `/system/apiMembers/${am.id}`, [{ op: 'remove', path: 'name' }]);
    expect(noName.body.errors[0]).toMatchObject({ code: 'MissingRequiredField', field: 'name' });
    const put = await c.call('PUT', `/system/apiMembers/${am.id}`, { identifier: 'patchme', name: 'Put Me' });
    expect(put.body.securityRole).toBeUndefined();
  });

  it('PATCH identifier renames an API member on the same id (moved:), unique and at most 15 characters', async () => {
    const am = (await c.call('POST', '/system/apiMembers', { identifier: 'renameme', name: 'Rename Me', securityRole: { id: 1 } })).body;
    const ok = await c.call('PATCH', `/system/apiMembers/${am.id}`, [{ op: 'replace', path: 'identifier', value: 'renamed' }]);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: am.id, identifier: 'renamed' });
    expect((await c.call('GET', `/system/apiMembers/${am.id}`)).body.identifier).toBe('renamed');
    const taken = await c.call('PATCH', `/system/apiMembers/${am.id}`, [{ op: 'replace', path: 'identifier', value: 'CWCTL-ADMIN' }]);
    expect(taken.status).toBe(400);
    const long = await c.call('PATCH', `/system/apiMembers/${am.id}`, [{ op: 'replace', path: 'identifier', value: 'x'.repeat(16) }]);
    expect(long.status).toBe(400);
  });

  it('API members are members with licenseClass A and can be patched through /system/members too', async () => {
    const am = (await c.call('POST', '/system/apiMembers', { identifier: 'viamembers', name: 'Via Members', securityRole: { id: 1 } })).body;
    const asMember = await c.call('GET', `/system/members/${am.id}`);
    expect(asMember.body).toMatchObject({ identifier: 'viamembers', licenseClass: 'A', firstName: 'Via Members' });
    const p = await c.call('PATCH', `/system/members/${am.id}`, [{ op: 'replace', path: 'securityRole', value: { id: 2 } }]);
    expect(p.status).toBe(200);
    expect((await c.call('GET', `/system/apiMembers/${am.id}`)).body).toMatchObject({ name: 'Via Members', securityRole: { id: 2 } });
    expect((await c.call('GET', '/system/apiMembers/1')).status).toBe(404);
  });

  it('409 deleting a role still assigned to a member; 204 once free', async () => {
    const role = (await c.call('POST', '/system/securityroles', { name: 'Temp Role' })).body;
    const am = (await c.call('POST', '/system/apiMembers', { identifier: 'tempuser', name: 'Temp', securityRole: { id: role.id } })).body;
    const blocked = await c.call('DELETE', `/system/securityroles/${role.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'ReferenceInUse', errors: null });
    await c.call('PATCH', `/system/apiMembers/${am.id}`, [{ op: 'replace', path: 'securityRole', value: { id: 1 } }]);
    const done = await c.call('DELETE', `/system/securityroles/${role.id}`);
    expect(done.status).toBe(204);
    expect(done.text).toBe('');
  });
});

describe('references between mapping rows', () => {
  it('409 for a configuration type a cross reference uses; deleting the integration takes its children', async () => {
    const cfg = (await c.call('POST', '/company/configurations/types', { name: 'Kiosk' })).body;
    const mdi = (await c.call('POST', '/company/managedDevicesIntegrations', { name: 'NinjaOne', solution: 'NinjaOne', loginBy: 'Global', defaultBillingLevel: 'Detail' })).body;
    const xr = await c.call('POST', `/company/managedDevicesIntegrations/${mdi.id}/crossReferences`, { vendorType: 'Kiosk', configurationType: { id: cfg.id } });
    expect(xr.status).toBe(201);
    expect(xr.body.configurationType).toMatchObject({ id: cfg.id, name: 'Kiosk' });
    expect((await c.call('DELETE', `/company/configurations/types/${cfg.id}`)).status).toBe(409);
    expect((await c.call('GET', `/company/managedDevicesIntegrations/999/crossReferences`)).status).toBe(404);
    expect((await c.call('GET', `/company/managedDevicesIntegrations/1/crossReferences/${xr.body.id}`)).status).toBe(404);
    expect((await c.call('DELETE', `/company/managedDevicesIntegrations/${mdi.id}`)).status).toBe(204);
    expect((await c.call('GET', `/company/managedDevicesIntegrations/${mdi.id}/crossReferences`)).status).toBe(404);
    expect((await c.call('DELETE', `/company/configurations/types/${cfg.id}`)).status).toBe(204);
  });
});

describe('/__sim/ui changes what the API reads', () => {
  it('role settings set in the UI are read back by the API', async () => {
    const role = (await c.call('POST', '/system/securityroles', { name: 'UiRole' })).body;
    const bad = await c.ui('PUT', `/__sim/ui/securityRoles/${role.id}/settings`, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tikets', inquireLevel: 'All' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/did you mean 'Service Desk \/ Service Tickets'/);
    const r = await c.ui('PUT', `/__sim/ui/securityRoles/${role.id}/settings`, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All', editLevel: 'My' }]);
    expect(r.status).toBe(200);
    const cond = encodeURIComponent('moduleFunctionName = "Service Tickets"');
    const s = await c.call('GET', `/system/securityRoles/${role.id}/settings?conditions=${cond}`);
    expect(s.body).toHaveLength(1);
    expect(s.body[0]).toMatchObject({ inquireLevel: 'All', editLevel: 'My', addLevel: 'None', _info: { updatedBy: 'sim-operator' } });
    const notOffered = await c.ui('PUT', `/__sim/ui/securityRoles/${role.id}/settings`, [{ moduleName: 'System', moduleFunctionName: 'Table Setup', inquireLevel: 'My' }]);
    expect(notOffered.status).toBe(400);
  });

  it('Table Setup set in the UI shows in mySecurity/customizeItems for the member itself; its new API key authenticates', async () => {
    const role = (await c.call('POST', '/system/securityroles', { name: 'IntegrationRole' })).body;
    const bad = await c.ui('PUT', `/__sim/ui/securityRoles/${role.id}/tableSetup`, ['Company / Company Stats']);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/did you mean 'Company \/ Company Status'/);
    const put = await c.ui('PUT', `/__sim/ui/securityRoles/${role.id}/tableSetup`, ['Company / Company Status', 'agreements/agreement type']);
    expect(put.body).toEqual(['Company / Company Status', 'Agreements / Agreement Type']);
    const am = (await c.call('POST', '/system/apiMembers', { identifier: 'integ', name: 'Integration', securityRole: { id: role.id } })).body;
    const key = await c.ui('POST', `/__sim/ui/apiMembers/${am.id}/apiKeys`, { description: 'prod' });
    expect(key.status).toBe(201);
    expect(key.body).toMatchObject({ description: 'prod', publicKey: expect.stringMatching(/^\w{16}$/), privateKey: expect.stringMatching(/^\w{16}$/) });
    const listed = await c.ui('GET', `/__sim/ui/apiMembers/${am.id}/apiKeys`);
    expect(JSON.stringify(listed.body)).not.toContain(key.body.privateKey);
    const asMember = { Authorization: c.auth(key.body.publicKey, key.body.privateKey) };
    const items = await c.call('GET', '/system/mySecurity/customizeItems/', undefined, asMember);
    expect(items.status).toBe(200);
    expect(items.body.map((i: Loose) => `${i.customizeIdentifier}:${i.itemIdentifier}`).sort()).toEqual(['SystemTableSetup:Agreements / Agreement Type', 'SystemTableSetup:Company / Company Status']);
    const mine = await c.call('GET', '/system/mySecurity?pageSize=1000', undefined, asMember);
    expect(mine.body.every((s: Loose) => s.inquireLevel === 'None' && s.member.identifier === 'integ')).toBe(true);
    // A write with the member's keys is attributed to it.
    const cb = await c.call('POST', '/system/callbacks', { url: 'https://x.example/cb', objectId: 0, type: 'ticket', level: 'owner' }, asMember);
    expect(cb.body).toMatchObject({ memberId: am.id, _info: { updatedBy: 'integ' } });
    // Deactivating the member stops its keys.
    await c.call('PATCH', `/system/apiMembers/${am.id}`, [{ op: 'replace', path: 'inactiveFlag', value: true }]);
    expect((await c.call('GET', '/system/info', undefined, asMember)).status).toBe(401);
  });

  it('GET /__sim says what it is', async () => {
    const r = await c.ui('GET', '/__sim');
    expect(r.body.note).toMatch(/NOT part of the ConnectWise PSA API/);
    expect((await c.ui('GET', '/__sim/nothing')).status).toBe(404);
  });

  it('renames a role only through the UI', async () => {
    const role = (await c.call('POST', '/system/securityroles', { name: 'OldName' })).body;
    const r = await c.ui('PUT', `/__sim/ui/securityRoles/${role.id}`, { name: 'NewName' });
    expect(r.status).toBe(200);
    expect((await c.call('GET', `/system/securityroles/${role.id}`)).body).toMatchObject({ name: 'NewName', _info: { updatedBy: 'sim-operator' } });
  });
});

describe('persistence', () => {
  it('survives a restart; UI-made private keys are stored only as digests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwctl-sim-'));
    const file = join(dir, 'psa.json');
    try {
      const a = await startClient({ dataFile: file, seed: 11 });
      const role = (await a.call('POST', '/system/securityroles', { name: 'Persisted' })).body;
      await a.ui('PUT', `/__sim/ui/securityRoles/${role.id}/settings`, [{ moduleName: 'Companies', moduleFunctionName: 'Contacts', inquireLevel: 'All' }]);
      const key = (await a.ui('POST', '/__sim/ui/apiMembers/38/apiKeys', { description: 'persist' })).body;
      const admin = a.sim.admin;
      await a.sim.close();
      expect(readFileSync(file, 'utf8')).not.toContain(key.privateKey);

      const b = await startClient({ dataFile: file, seed: 99 });
      expect(b.sim.admin).toEqual(admin);
      const got = await b.call('GET', `/system/securityroles/${role.id}`);
      expect(got.body.name).toBe('Persisted');
      const cond = encodeURIComponent('moduleFunctionName = "Contacts"');
      expect((await b.call('GET', `/system/securityRoles/${role.id}/settings?conditions=${cond}`)).body[0].inquireLevel).toBe('All');
      expect((await b.call('GET', '/system/info', undefined, { Authorization: b.auth(key.publicKey, key.privateKey) })).status).toBe(200);
      const role2 = (await b.call('POST', '/system/securityroles', { name: 'Second' })).body;
      expect(role2.id).toBeGreaterThan(role.id);
      await b.sim.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('faults, rate limit and stats', () => {
  it('rate limit per key answers 429 with Retry-After, counted in stats', async () => {
    const f = await startClient({ rateLimitPerMinute: 3, seed: 5 });
    try {
      for (let i = 0; i < 3; i++) expect((await f.call('GET', '/system/securityroles')).status).toBe(200);
      const r = await f.call('GET', '/system/securityroles');
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.body).toEqual({ error: 'ConnectWiseAPI', message: `Too many requests. Please try again in ${r.headers.get('retry-after')} seconds.` });
      // /__sim endpoints are never limited.
      const stats = await f.ui('GET', '/__sim/stats');
      expect(stats.status).toBe(200);
      expect(stats.body.requests['GET /system/securityroles']).toBe(4);
      expect(stats.body.throttled).toBe(1);
      expect(stats.body.rateLimited).toBe(1);
      expect((await f.ui('POST', '/__sim/stats/reset')).status).toBe(204);
      expect((await f.ui('GET', '/__sim/stats')).body.total).toBe(0);
    } finally {
      await f.sim.close();
    }
  });

  it('injects 500s, 429s and dropped connections on demand, and counts them', async () => {
    const f = await startClient({ seed: 5 });
    try {
      expect((await f.ui('PUT', '/__sim/faults', { errorRate: 2 })).status).toBe(400);
      await f.ui('PUT', '/__sim/faults', { errorRate: 1 });
      const e = await f.call('GET', '/system/securityroles');
      expect(e.status).toBe(500);
      expect(e.body).toMatchObject({ code: 'InternalServerError', errors: null });
      await f.ui('PUT', '/__sim/faults', { errorRate: 0, throttleRate: 1, retryAfterSeconds: 4 });
      const t = await f.call('POST', '/system/securityroles', { name: 'never' });
      expect(t.status).toBe(429);
      expect(t.headers.get('retry-after')).toBe('4');
      await f.ui('PUT', '/__sim/faults', { throttleRate: 0, dropRate: 1 });
      await expect(f.call('GET', '/system/securityroles')).rejects.toThrow();
      await f.ui('PUT', '/__sim/faults', { dropRate: 0, latencyMs: 60 });
      const t0 = Date.now();
      expect((await f.call('GET', '/system/info')).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
      const stats = (await f.ui('GET', '/__sim/stats')).body;
      expect(stats.faults).toEqual({ errors: 1, throttles: 1, drops: 1 });
      expect(stats.total).toBe(4);
      expect(stats.statuses).toEqual({ 500: 1, 429: 1, 0: 1, 200: 1 });
      expect(stats.writes).toBe(0);
      expect((await f.call('GET', '/system/securityroles?conditions=name="never"')).body).toEqual([]);
    } finally {
      await f.sim.close();
    }
  });

  it('the same seed injects the same faults', async () => {
    const run = async (): Promise<number[]> => {
      const f = await startClient({ seed: 42, faultRate: 0.3 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await f.call('GET', '/system/info')).status);
      await f.sim.close();
      return out;
    };
    const a = await run();
    expect(a).toContain(500);
    expect(a).toContain(200);
    expect(await run()).toEqual(a);
  });
});
