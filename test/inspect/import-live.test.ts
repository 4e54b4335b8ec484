// importLive in-process against the simulator (HTTP client on loopback): profile recognition and its limits,
// member-key reads of Table Setup, external roles, mappings without inactive rows, and no secret in the YAML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findProfile } from '../../src/catalogue/profiles/index.js';
import { loadDesiredStateFromText } from '../../src/config/load-desired-state-from-text.js';
import { importLive } from '../../src/inspect/import-live.js';
import type { PsaClient } from '../../src/psa/client.js';
import { memberKeyEnvSuffix } from '../../src/psa/credentials.js';
import { createHttpPsaClient } from '../../src/psa/http-client.js';
import { lookupId, startSim, uiSetting } from './sim-helpers.js';
import type { SimHandle } from './sim-helpers.js';

let handle: SimHandle;
let client: PsaClient;
let wiseRole: number;
let wiseKey: { publicKey: string; privateKey: string };
const wise = findProfile('wise-sync')!;

beforeAll(async () => {
  handle = await startSim();
  client = createHttpPsaClient({
    target: { site: handle.sim.url, company: handle.sim.company },
    credentials: { publicKey: handle.sim.admin.publicKey, privateKey: handle.sim.admin.privateKey, clientId: handle.sim.clientId },
  });
  const level = await lookupId(handle, '/system/myCompany/corporateStructureLevels', 'Corporate (Level 1)');
  wiseRole = (await handle.api<{ id: number }>('POST', '/system/securityroles', { name: 'WiseSync' })).id;
  await handle.ui('PUT', `/securityRoles/${wiseRole}/settings`, Object.entries(wise.permissions).map(([k, l]) => uiSetting(k, l)));
  await handle.ui('PUT', `/securityRoles/${wiseRole}/tableSetup`, [...(wise.customize.SystemTableSetup ?? [])]);
  const member = await handle.api<{ id: number }>('POST', '/system/apiMembers', { identifier: 'wise-sync', name: 'Wise-Sync', securityRole: { id: wiseRole }, structureLevel: { id: level } });
  wiseKey = await handle.ui('POST', `/apiMembers/${member.id}/apiKeys`, { description: 'test' });
});
afterAll(async () => {
  await client.close();
  await handle.close();
});

describe('importLive', () => {
  it('writes a profile only when its Table Setup list is confirmed; otherwise the cells, with a comment', async () => {
    const blind = await importLive({ client, roles: ['WiseSync'], members: ['nobody'] });
    const role = parse(blind.yaml).roles[0];
    expect(role.profiles).toBeUndefined();
    expect(Object.keys(role.permissions).length).toBe(Object.keys(wise.permissions).length);
    expect(role.tableSetup).toEqual([]);
    expect(blind.yaml).toContain('The levels match profile wise-sync; the Table Setup list could not be confirmed');
    expect(blind.lists).toEqual([{ address: 'role:WiseSync/tableSetup', list: 'SystemTableSetup', items: [], known: false }]);

    const keys = { [memberKeyEnvSuffix('wise-sync')]: { ...wiseKey, envName: 'CWCTL_NEW_KEY_WISE_SYNC' } };
    const seen = await importLive({ client, roles: ['WiseSync'], members: ['wise-sync'], memberKeys: keys });
    expect(parse(seen.yaml).roles[0]).toEqual({ name: 'WiseSync', profiles: ['wise-sync'], unlisted: 'none' });
    expect(seen.lists[0]).toMatchObject({ known: true, items: [...(wise.customize.SystemTableSetup ?? [])].sort() });
    expect(seen.counts).toMatchObject({ roles: 1, profiles: 1, members: 1 });
    expect(seen.yaml).not.toContain(wiseKey.privateKey);
    expect(seen.yaml).not.toContain(wiseKey.publicKey);
  });

  it('writes a member role outside --roles as external, and what it writes validates', async () => {
    const result = await importLive({ client, roles: ['Sales'], members: ['wise-sync', 'quoter'] });
    const file = parse(result.yaml);
    expect(file.roles.map((r: { name: string; external?: boolean }) => [r.name, r.external ?? false])).toEqual([['Sales', false], ['WiseSync', true]]);
    expect(result.externalRoles).toEqual(['WiseSync']);
    expect(result.addresses).toEqual(['role:Sales', 'member:quoter', 'member:wise-sync']);
    expect(file.psa).toBeUndefined(); // no psa given: the sandbox form
    const loaded = loadDesiredStateFromText(result.yaml);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('imports mappings without passwords and leaves inactive cross references out', async () => {
    const [mapping] = await handle.api<{ id: number }[]>('GET', '/company/managedDevicesIntegrations');
    const rows = await handle.api<{ id: number; vendorType: string }[]>('GET', `/company/managedDevicesIntegrations/${mapping!.id}/crossReferences`);
    await handle.api('PATCH', `/company/managedDevicesIntegrations/${mapping!.id}/crossReferences/${rows[0]!.id}`, [{ op: 'replace', path: 'inactiveFlag', value: true }]);
    const result = await importLive({ client, roles: ['none'], members: ['none'], mappings: true, psa: { site: 'psa.example.com', company: 'acme' } });
    const file = parse(result.yaml);
    expect(file.psa).toEqual({ site: 'psa.example.com', company: 'acme' });
    const imported = file.mappings.managedDevices[0];
    expect(Object.keys(imported).sort()).toEqual(['crossReferences', 'defaultBillingLevel', 'loginBy', 'name', 'portalUrl', 'solution']);
    expect(imported.crossReferences.map((x: { vendorType: string }) => x.vendorType)).toEqual(rows.slice(1).map((r) => r.vendorType));
    expect(result.yaml).not.toMatch(/password/i);
  });
});
