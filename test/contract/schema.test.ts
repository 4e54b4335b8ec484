// Every operation of the OpenAPI subset is exercised against the simulator and its response body validated
// against the declared schema (refs resolved, object schemas tightened to additionalProperties:false except
// the STUB placeholders). The last test fails if Loose operation of the subset was not exercised.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Loose } from './harness.js';
import { OPENAPI_FILE, SHARED_OPENAPI_FILE, loadOpenApi, startClient } from './harness.js';

const spec = loadOpenApi();
const covered = new Set<string>();
let c: Client;

beforeAll(async () => { c = await startClient({ seed: 7 }); });
afterAll(async () => { await c.sim.close(); });

/** Calls, checks the status, validates the body against METHOD template's response schema, records coverage. */
async function check(method: string, template: string, path: string, status: number, body?: unknown, headers?: Record<string, string>): Promise<Loose> {
  const r = await c.call(method, path, body, headers);
  expect(r.status, `${method} ${path}: ${r.text.slice(0, 300)}`).toBe(status);
  const validate = spec.responseValidator(method, template, status);
  if (validate) {
    const ok = validate(r.body);
    expect(ok, `${method} ${path} body does not match ${template}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  } else {
    // The spec declares no body for this status (204s, deactivate): the simulator must send none.
    expect(r.text).toBe('');
  }
  covered.add(`${method} ${template}`);
  return r.body;
}

describe('OpenAPI subset', () => {
  it('uses a copy identical to the shared reference (when the machine has it)', () => {
    if (!existsSync(SHARED_OPENAPI_FILE)) {
      expect(existsSync(OPENAPI_FILE)).toBe(true);
      return;
    }
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(readFileSync(SHARED_OPENAPI_FILE, 'utf8'));
  });

  it('lists the STUB schemas explicitly (they only loosely constrain references)', () => {
    expect(spec.stubSchemas()).toEqual(expect.arrayContaining(['BoardReference', 'CustomFieldValue']));
    for (const name of spec.stubSchemas()) expect(String(spec.doc.components.schemas[name]['x-cwctl-note'])).toMatch(/^STUB/);
  });

  it('the validators reject what the schemas forbid (so passing means something)', () => {
    const v = spec.responseValidator('GET', '/system/securityroles/{id}', 200)!;
    expect(v({ id: 1, name: 'Admin', adminFlag: true, _info: { lastUpdated: 'x' } })).toBe(true);
    expect(v({ id: 1, name: 'Admin', bogus: 1 })).toBe(false);
    expect(v({ id: 'one', name: 'Admin' })).toBe(false);
    const s = spec.responseValidator('GET', '/system/securityRoles/{parentId}/settings', 200)!;
    expect(s([{ id: 1, addLevel: 'Mine' }])).toBe(false);
    expect(s([{ id: 1, addLevel: 'My', inquireLevel: 'All' }])).toBe(true);
  });

  it('security roles, info and settings', async () => {
    const roles = await check('GET', '/system/securityroles', '/system/securityroles', 200);
    expect(roles.length).toBeGreaterThanOrEqual(7);
    const created = await check('POST', '/system/securityroles', '/system/securityroles', 201, { name: 'ContractRole', roleType: 'Custom' });
    const id = created.id as number;
    await check('GET', '/system/securityroles/{id}', `/system/securityroles/${id}`, 200);
    await check('GET', '/system/securityroles/{id}/info', `/system/securityroles/${id}/info`, 200);
    expect((await check('GET', '/system/securityroles/count', '/system/securityroles/count', 200)).count).toBe(roles.length + 1);
    await check('GET', '/system/securityroles/info', '/system/securityroles/info', 200);
    await check('GET', '/system/securityroles/info/count', '/system/securityroles/info/count', 200);
    const settings = await check('GET', '/system/securityRoles/{parentId}/settings', `/system/securityRoles/${id}/settings?pageSize=1000`, 200);
    expect(settings.every((s: Loose) => s.addLevel === 'None' && s.inquireLevel === 'None')).toBe(true);
    await check('GET', '/system/securityRoles/{parentId}/settings/{id}', `/system/securityRoles/${id}/settings/${settings[3].id}`, 200);
    expect((await check('GET', '/system/securityRoles/{parentId}/settings/count', `/system/securityRoles/${id}/settings/count`, 200)).count).toBe(settings.length);
    await check('DELETE', '/system/securityroles/{id}', `/system/securityroles/${id}`, 204);
  });

  it('API members, members, tokens and deactivation', async () => {
    await check('GET', '/system/apiMembers', '/system/apiMembers', 200);
    await check('GET', '/system/apiMembers/default', '/system/apiMembers/default', 200);
    const am = await check('POST', '/system/apiMembers', '/system/apiMembers', 201, {
      identifier: 'contractapi', name: 'Contract API', securityRole: { id: 1 }, structureLevel: { id: 1 }, defaultLocation: { id: 1 }, defaultDepartment: { id: 1 },
    });
    await check('GET', '/system/apiMembers/{id}', `/system/apiMembers/${am.id}`, 200);
    await check('PUT', '/system/apiMembers/{id}', `/system/apiMembers/${am.id}`, 200, { identifier: 'contractapi', name: 'Contract API 2', securityRole: { id: 2 } });
    const patched = await check('PATCH', '/system/apiMembers/{id}', `/system/apiMembers/${am.id}`, 200, [{ op: 'replace', path: 'inactiveFlag', value: true }]);
    expect(patched.inactiveFlag).toBe(true);
    await check('GET', '/system/apiMembers/count', '/system/apiMembers/count', 200);

    const members = await check('GET', '/system/members', '/system/members?pageSize=1000', 200);
    expect(members.some((m: Loose) => m.licenseClass === 'A' && m.identifier === 'contractapi')).toBe(true);
    const m = await check('POST', '/system/members', '/system/members', 201, {
      identifier: 'jdoe', licenseClass: 'F', firstName: 'Jane', lastName: 'Doe', hireDate: '2024-01-02T00:00:00Z',
      defaultEmail: 'Office', defaultPhone: 'Office', securityRole: { id: 2 }, officeEmail: 'jdoe@example.com', password: 'hunter2hunter2',
    });
    expect(m.password).toBeUndefined();
    await check('GET', '/system/members/{id}', `/system/members/${m.id}`, 200);
    await check('PUT', '/system/members/{id}', `/system/members/${m.id}`, 200, {
      identifier: 'jdoe', licenseClass: 'F', firstName: 'Jane', lastName: 'Roe', hireDate: '2024-01-02T00:00:00Z', defaultEmail: 'Office', defaultPhone: 'Office', securityRole: { id: 3 },
    });
    await check('PATCH', '/system/members/{id}', `/system/members/${m.id}`, 200, [{ op: 'replace', path: '/title', value: 'Engineer' }]);
    expect((await check('GET', '/system/members/count', '/system/members/count', 200)).count).toBe(members.length + 1);
    const tok = await check('POST', '/system/members/{memberIdentifier}/tokens', '/system/members/jdoe/tokens', 200, { memberIdentifier: 'jdoe' });
    // The impersonation pair authenticates as that member.
    const me = await c.call('GET', '/system/mySecurity?pageSize=1', undefined, { Authorization: c.auth(tok.publicKey, tok.privateKey) });
    expect(me.status).toBe(200);
    expect(me.body[0].member.identifier).toBe('jdoe');
    await check('POST', '/system/members/{id}/deactivate', `/system/members/${m.id}/deactivate`, 200, { deleteOpenTimeSheetsFlag: false });
    const after = await c.call('GET', `/system/members/${m.id}`);
    expect(after.body.inactiveFlag).toBe(true);
  });

  it('mySecurity, customize items, setup screens, info', async () => {
    const rows = await check('GET', '/system/mySecurity', '/system/mySecurity?pageSize=1000', 200);
    expect(rows[0].member.identifier).toBe('cwctl-admin');
    const items = await check('GET', '/system/mySecurity/customizeItems/', '/system/mySecurity/customizeItems/?pageSize=1000', 200);
    expect(items.some((i: Loose) => i.customizeIdentifier === 'SystemTableSetup')).toBe(true);
    const screens = await check('GET', '/system/setupScreens', '/system/setupScreens', 200);
    await check('GET', '/system/setupScreens/{id}', `/system/setupScreens/${screens[0].id}`, 200);
    await check('GET', '/system/setupScreens/count', '/system/setupScreens/count', 200);
    await check('GET', '/system/info', '/system/info', 200);
  });

  it('lookups: locations, departments, structure levels, configuration and agreement types, catalog, callbacks', async () => {
    const crud = async (base: string, create: unknown, put: unknown, patch: unknown[]): Promise<void> => {
      await check('GET', base, base, 200);
      const row = await check('POST', base, base, 201, create);
      await check('GET', `${base}/{id}`, `${base}/${row.id}`, 200);
      await check('PUT', `${base}/{id}`, `${base}/${row.id}`, 200, put);
      await check('PATCH', `${base}/{id}`, `${base}/${row.id}`, 200, patch);
      await check('GET', `${base}/count`, `${base}/count`, 200);
      await check('DELETE', `${base}/{id}`, `${base}/${row.id}`, 204);
    };
    await crud('/system/locations', { name: 'Miami', structureLevel: { id: 2 } }, { name: 'Miami Beach', structureLevel: { id: 2 } }, [{ op: 'replace', path: 'overrideCity', value: 'Miami' }]);
    await crud('/system/departments', { identifier: 'NOC', name: 'Network Ops' }, { identifier: 'NOC', name: 'NOC' }, [{ op: 'replace', path: 'name', value: 'Network Operations' }]);
    await crud('/company/configurations/types', { name: 'Tablet' }, { name: 'Tablet PC' }, [{ op: 'replace', path: 'inactiveFlag', value: true }]);
    const agr = { name: 'Co-managed', employeeCompRate: 'Actual', employeeCompNotExceed: 'Billing', invoicingCycle: 'ContractYear', billTime: 'Billable', billExpenses: 'Billable', billProducts: 'Billable' };
    await crud('/finance/agreements/types', agr, { ...agr, name: 'Co-managed IT' }, [{ op: 'replace', path: 'defaultFlag', value: false }]);
    const item = { identifier: 'EDR-WS', description: 'EDR', customerDescription: 'EDR per workstation', subcategory: { id: 1 }, type: { id: 1 } };
    await crud('/procurement/catalog', item, { ...item, description: 'EDR (workstation)' }, [{ op: 'replace', path: 'price', value: 9.5 }]);
    const cb = { url: 'https://hooks.example.com/cw', objectId: 0, type: 'ticket', level: 'owner', description: 'tickets' };
    await crud('/system/callbacks', cb, { ...cb, description: 'all tickets' }, [{ op: 'replace', path: 'inactiveFlag', value: true }]);
    const levels = await check('GET', '/system/myCompany/corporateStructureLevels', '/system/myCompany/corporateStructureLevels', 200);
    expect(levels.map((l: Loose) => l.name)).toContain('Corporate (Level 1)');
    await check('GET', '/system/myCompany/corporateStructureLevels/{id}', `/system/myCompany/corporateStructureLevels/${levels[0].id}`, 200);
    await check('GET', '/system/myCompany/corporateStructureLevels/count', '/system/myCompany/corporateStructureLevels/count', 200);
  });

  it('managed devices integrations and their children', async () => {
    const base = '/company/managedDevicesIntegrations';
    await check('GET', base, base, 200);
    const mdi = await check('POST', base, base, 201, { name: 'Datto RMM', solution: 'Datto RMM', loginBy: 'Global', defaultBillingLevel: 'Detail', globalLoginPassword: 'secret-pw' });
    expect(mdi.globalLoginPassword).toBeUndefined();
    await check('GET', `${base}/{id}`, `${base}/${mdi.id}`, 200);
    await check('PUT', `${base}/{id}`, `${base}/${mdi.id}`, 200, { name: 'Datto RMM', solution: 'Datto RMM', loginBy: 'Member', defaultBillingLevel: 'Summary' });
    await check('PATCH', `${base}/{id}`, `${base}/${mdi.id}`, 200, [{ op: 'replace', path: 'portalUrl', value: 'https://rmm.example.com' }]);
    await check('GET', `${base}/count`, `${base}/count`, 200);
    await check('GET', `${base}/{id}/info`, `${base}/${mdi.id}/info`, 200);
    await check('GET', `${base}/info`, `${base}/info`, 200);
    await check('GET', `${base}/info/count`, `${base}/info/count`, 200);
    const children: [string, unknown, unknown, unknown[]][] = [
      ['crossReferences', { vendorType: 'Workstation', vendorLevel: 'Gold', configurationType: { id: 1 }, agreementType: { id: 1 }, product: { id: 1 } },
        { vendorType: 'Workstation', vendorLevel: 'Silver', configurationType: { id: 1 } }, [{ op: 'replace', path: 'product', value: { id: 2 } }]],
      ['logins', { username: 'tech1', password: 'pw', member: { id: 1 } }, { username: 'tech1b', member: { id: 2 } }, [{ op: 'replace', path: 'username', value: 'tech1c' }]],
      ['notifications', { notifyWho: { id: 1, name: 'Member' }, logType: 'Error', member: { id: 1 } }, { notifyWho: { id: 1 }, logType: 'All' }, [{ op: 'replace', path: 'logType', value: 'Info' }]],
    ];
    for (const [name, create, put, patch] of children) {
      const t = `${base}/{parentId}/${name}`;
      const p = `${base}/${mdi.id}/${name}`;
      await check('GET', t, p, 200);
      const row = await check('POST', t, p, 201, create);
      expect(row.managedDevicesIntegration.id).toBe(mdi.id);
      await check('GET', `${t}/{id}`, `${p}/${row.id}`, 200);
      await check('PUT', `${t}/{id}`, `${p}/${row.id}`, 200, put);
      await check('PATCH', `${t}/{id}`, `${p}/${row.id}`, 200, patch);
      expect((await check('GET', `${t}/count`, `${p}/count`, 200)).count).toBe(1);
      await check('DELETE', `${t}/{id}`, `${p}/${row.id}`, 204);
    }
    await check('DELETE', `${base}/{id}`, `${base}/${mdi.id}`, 204);
  });

  it('exercised every operation of the subset', () => {
    const missing = spec.operations().filter((op) => !covered.has(op));
    expect(missing).toEqual([]);
  });
});
