/* eslint-disable @typescript-eslint/require-await -- the fake PSA is synchronous behind an async interface */
import { describe, expect, it } from 'vitest';
import type { CwctlError } from '../errors.js';
import type { Operation } from '../model/operation.js';
import type { PsaClient } from '../psa/client.js';
import { PUBLIC_API_CAPABILITIES } from '../psa/client.js';
import type { ApiMember, ManagedDevicesCrossReference, ManagedDevicesIntegration, PsaPatchOperation, SecurityRole } from '../psa/types.js';
import { PsaApiError } from '../psa/errors.js';
import { crossReferenceKey, executeApiOperation, onlyDiffering, patchToward, sharedRoleListing } from './api-executor.js';

/** A tiny in-memory PSA with the calls the API executor makes, counting writes. */
function fakePsa() {
  let nextId = 100;
  const roles: SecurityRole[] = [{ id: 1, name: 'Admin' }];
  const members: ApiMember[] = [];
  const mappings: ManagedDevicesIntegration[] = [];
  const xrefs: (ManagedDevicesCrossReference & { parent: number })[] = [];
  const writes: string[] = [];
  const byCondition = <T extends object>(rows: T[], conditions?: string): T[] => {
    const m = conditions ? /^(\w+(?:\/\w+)?)=(?:"(.*)"|(\d+))$/.exec(conditions) : null;
    if (!m) return rows;
    const [field, sub] = m[1]!.split('/');
    const want = m[2] ?? Number(m[3]);
    return rows.filter((r) => {
      let v = (r as Record<string, unknown>)[field!];
      if (sub) v = (v as Record<string, unknown> | null | undefined)?.[sub];
      return typeof want === 'string' && typeof v === 'string' ? v.toLowerCase() === want.toLowerCase() : v === want;
    });
  };
  const applyPatch = (target: object, patch: PsaPatchOperation[]) => {
    for (const p of patch) Reflect.set(target, p.path, p.op === 'remove' ? null : p.value);
  };
  // Only what the API executor calls; typed against the client, so a changed signature still fails here.
  const fake: Partial<PsaClient> = {
    target: { site: 'fake', company: 'fake' },
    capabilities: PUBLIC_API_CAPABILITIES,
    listSecurityRoles: async (o?: { conditions?: string }) => byCondition(roles, o?.conditions),
    createSecurityRole: async (b: { name: string }) => {
      writes.push(`POST role ${b.name}`);
      const r = { id: nextId++, name: b.name };
      roles.push(r);
      return r;
    },
    deleteSecurityRole: async (id: number) => {
      writes.push(`DELETE role ${id}`);
      roles.splice(roles.findIndex((r) => r.id === id), 1);
    },
    listApiMembers: async (o?: { conditions?: string }) => byCondition(members, o?.conditions),
    listMembers: async () => [],
    getApiMember: async (id: number) => {
      const m = members.find((x) => x.id === id);
      if (!m) throw new Error('404');
      return structuredClone(m);
    },
    createApiMember: async (b: Omit<ApiMember, 'id'>) => {
      writes.push(`POST member ${b.identifier}`);
      const m = { ...b, id: nextId++, inactiveFlag: b.inactiveFlag ?? false } as ApiMember;
      members.push(m);
      return m;
    },
    patchApiMember: async (id: number, patch: PsaPatchOperation[]) => {
      writes.push(`PATCH member ${id} ${patch.map((p) => p.path).join(',')}`);
      const m = members.find((x) => x.id === id)!;
      applyPatch(m, patch);
      return m;
    },
    listManagedDevicesIntegrations: async (o?: { conditions?: string }) => byCondition(mappings, o?.conditions),
    createManagedDevicesIntegration: async (b: Omit<ManagedDevicesIntegration, 'id'>) => {
      writes.push(`POST mapping ${b.name}`);
      const m = { ...b, id: nextId++ };
      mappings.push(m);
      return m;
    },
    patchManagedDevicesIntegration: async (id: number, patch: PsaPatchOperation[]) => {
      writes.push(`PATCH mapping ${id}`);
      const m = mappings.find((x) => x.id === id)!;
      applyPatch(m, patch);
      return m;
    },
    deleteManagedDevicesIntegration: async (id: number) => {
      writes.push(`DELETE mapping ${id}`);
      mappings.splice(mappings.findIndex((m) => m.id === id), 1);
    },
    listCrossReferences: async (parent: number) => xrefs.filter((x) => x.parent === parent),
    createCrossReference: async (parent: number, b: object) => {
      writes.push(`POST xref ${parent}`);
      const x = { ...b, id: nextId++, parent } as ManagedDevicesCrossReference & { parent: number };
      xrefs.push(x);
      return x;
    },
    patchCrossReference: async (_p: number, id: number, patch: PsaPatchOperation[]) => {
      writes.push(`PATCH xref ${id}`);
      const x = xrefs.find((r) => r.id === id)!;
      applyPatch(x, patch);
      return x;
    },
    deleteCrossReference: async (_p: number, id: number) => {
      writes.push(`DELETE xref ${id}`);
      xrefs.splice(xrefs.findIndex((r) => r.id === id), 1);
    },
  };
  const client = fake as PsaClient;
  return { client, roles, members, mappings, xrefs, writes };
}

const base = { dependsOn: [], executor: 'api' as const, summary: 's' };
const ctxFor = (client: PsaClient, ids: Record<string, number> = {}, owned: string[] = [], ownedIds: Record<string, number> = {}) => ({
  client,
  lookup: (a: string) => ids[a],
  owns: (a: string) => owned.includes(a),
  ownedId: (a: string) => ownedIds[a],
});

describe('executeApiOperation', () => {
  it('creates a role once; a repeat (a resumed apply) finds it instead of duplicating', async () => {
    const psa = fakePsa();
    const op: Operation = { ...base, id: 'createRole:role:BG', address: 'role:BG', type: 'createRole', name: 'BG' };
    const first = await executeApiOperation(op, ctxFor(psa.client));
    const again = await executeApiOperation(op, ctxFor(psa.client));
    expect(first).toMatchObject({ result: 'created' });
    expect(again).toEqual({ result: 'found', psaId: first.psaId });
    expect(psa.roles.filter((r) => r.name === 'BG')).toHaveLength(1);
    expect(psa.writes).toEqual(['POST role BG']);
  });

  it('with a shared role listing, N createRoles read the roles once and find one that already exists', async () => {
    const psa = fakePsa();
    psa.roles.push({ id: 7, name: 'Old' });
    let lists = 0;
    const client = { ...psa.client, listSecurityRoles: async (o?: { conditions?: string }) => { lists++; return psa.client.listSecurityRoles(o); } };
    const roles = sharedRoleListing(client);
    const ops = ['A', 'B', 'C', 'old'].map((name): Operation => ({ ...base, id: `createRole:role:${name}`, address: `role:${name}`, type: 'createRole', name }));
    const outcomes = await Promise.all(ops.map((op) => executeApiOperation(op, { ...ctxFor(client), roles })));
    expect(lists).toBe(1);
    expect(outcomes.map((o) => o.result)).toEqual(['created', 'created', 'created', 'found']);
    expect(outcomes[3]).toMatchObject({ psaId: 7 });
    expect(psa.writes).toEqual(['POST role A', 'POST role B', 'POST role C']);
  });

  it('with the plan\'s read fresh, createRoles send no listing (a duplicate is still caught); once stale, one listing', async () => {
    const psa = fakePsa();
    let lists = 0;
    const client = {
      ...psa.client,
      listSecurityRoles: async (o?: { conditions?: string }) => { lists++; return psa.client.listSecurityRoles(o); },
      createSecurityRole: async (b: { name: string }) => {
        if (psa.roles.some((r) => r.name.toLowerCase() === b.name.toLowerCase())) {
          throw new PsaApiError('duplicate', { method: 'POST', path: '/system/securityroles', site: 'https://fake', status: 400, code: 'psa-invalid-request' });
        }
        return psa.client.createSecurityRole(b);
      },
    };
    const create = (name: string): Operation => ({ ...base, id: `createRole:role:${name}`, address: `role:${name}`, type: 'createRole', name });
    const fresh = sharedRoleListing(client, { at: Date.now(), freshMs: 60_000 });
    psa.roles.push({ id: 56, name: 'Meanwhile' }); // made by someone after the plan's read
    expect(await executeApiOperation(create('A'), { ...ctxFor(client), roles: fresh })).toMatchObject({ result: 'created' });
    expect(await executeApiOperation(create('Meanwhile'), { ...ctxFor(client), roles: fresh })).toMatchObject({ result: 'found', psaId: 56 });
    expect(lists).toBe(1); // only the name check after the refused duplicate
    expect(psa.roles.filter((r) => r.name === 'Meanwhile')).toHaveLength(1);
    const stale = sharedRoleListing(client, { at: Date.now() - 61_000, freshMs: 60_000 });
    expect(await executeApiOperation(create('Meanwhile'), { ...ctxFor(client), roles: stale })).toMatchObject({ result: 'found', psaId: 56 });
    expect(lists).toBe(2);
  });

  it('with a shared role listing, a role someone made after the read is found when the PSA refuses the duplicate', async () => {
    const psa = fakePsa();
    const client = {
      ...psa.client,
      createSecurityRole: async (b: { name: string }) => {
        if (psa.roles.some((r) => r.name.toLowerCase() === b.name.toLowerCase())) {
          throw new PsaApiError('duplicate', { method: 'POST', path: '/system/securityroles', site: 'https://fake', status: 400, code: 'psa-invalid-request' });
        }
        return psa.client.createSecurityRole(b);
      },
    };
    const roles = sharedRoleListing(client);
    await roles.find('warm', {}); // the listing is read before the other admin creates BG
    psa.roles.push({ id: 55, name: 'BG' });
    const op: Operation = { ...base, id: 'createRole:role:BG', address: 'role:BG', type: 'createRole', name: 'BG' };
    expect(await executeApiOperation(op, { ...ctxFor(client), roles })).toMatchObject({ result: 'found', psaId: 55 });
    expect(psa.roles.filter((r) => r.name === 'BG')).toHaveLength(1);
    // Any other refusal still fails the operation.
    const other = { ...client, createSecurityRole: async () => { throw new PsaApiError('bad', { method: 'POST', path: '/system/securityroles', site: 'https://fake', status: 403, code: 'psa-forbidden' }); } } as PsaClient;
    const nope: Operation = { ...base, id: 'createRole:role:X', address: 'role:X', type: 'createRole', name: 'X' };
    await expect(executeApiOperation(nope, { ...ctxFor(other), roles: sharedRoleListing(other) })).rejects.toThrow('bad');
  });

  it('creates a member with refs resolved from earlier steps, and on repeat patches only what differs', async () => {
    const psa = fakePsa();
    const op: Operation = {
      ...base, id: 'createMember:member:bg', address: 'member:bg', type: 'createMember', identifier: 'bg',
      body: { identifier: 'bg', name: 'BG API', securityRole: { id: { ref: 'role:BG' } }, structureLevel: { id: 3 } },
    };
    const created = await executeApiOperation(op, ctxFor(psa.client, { 'role:BG': 42 }));
    expect(created.result).toBe('created');
    expect(psa.members[0]).toMatchObject({ identifier: 'bg', securityRole: { id: 42 }, structureLevel: { id: 3 } });
    // someone renamed it in between: the repeat sends exactly the name back
    psa.members[0]!.name = 'Renamed';
    const again = await executeApiOperation(op, ctxFor(psa.client, { 'role:BG': 42 }));
    expect(again).toMatchObject({ result: 'updated', psaId: created.psaId, detail: 'replace name' });
    expect(psa.members).toHaveLength(1);
    expect(await executeApiOperation(op, ctxFor(psa.client, { 'role:BG': 42 }))).toMatchObject({ result: 'found' });
    expect(psa.writes).toEqual(['POST member bg', `PATCH member ${created.psaId} name`]);
  });

  it('fails clearly when a ref has no recorded id', async () => {
    const psa = fakePsa();
    const op: Operation = {
      ...base, id: 'createMember:member:x', address: 'member:x', type: 'createMember', identifier: 'x',
      body: { identifier: 'x', name: 'X', securityRole: { id: { ref: 'role:Nope' } } },
    };
    await expect(executeApiOperation(op, ctxFor(psa.client))).rejects.toThrow(/needs the PSA id of role:Nope/);
    expect(psa.writes).toEqual([]);
  });

  it('patches a member after a re-read, sending only the operations still needed', async () => {
    const psa = fakePsa();
    psa.members.push({ id: 7, identifier: 'm', name: 'M', inactiveFlag: false, securityRole: { id: 1, name: 'Admin' } });
    const op: Operation = {
      ...base, id: 'patchMember:member:m', address: 'member:m', type: 'patchMember', identifier: 'm', memberId: 7,
      patch: [
        { op: 'replace', path: 'name', value: 'M' },
        { op: 'replace', path: 'securityRole', value: { id: { ref: 'role:New' } } },
      ],
    };
    expect(await executeApiOperation(op, ctxFor(psa.client, { 'role:New': 9 }))).toMatchObject({ result: 'updated', detail: 'replace securityRole' });
    expect(psa.members[0]!.securityRole).toEqual({ id: 9 });
    expect(await executeApiOperation(op, ctxFor(psa.client, { 'role:New': 9 }))).toMatchObject({ result: 'unchanged' });
    expect(psa.writes).toEqual(['PATCH member 7 securityRole']);
  });

  it('deactivates a member (PATCH inactiveFlag) and never deletes one; twice is one write', async () => {
    const psa = fakePsa();
    psa.members.push({ id: 8, identifier: 'old', name: 'Old', inactiveFlag: false });
    const op: Operation = { ...base, id: 'deactivateMember:member:old', address: 'member:old', type: 'deactivateMember', identifier: 'old', memberId: 8 };
    expect((await executeApiOperation(op, ctxFor(psa.client, {}, ['member:old']))).result).toBe('deactivated');
    expect((await executeApiOperation(op, ctxFor(psa.client, {}, ['member:old']))).result).toBe('unchanged');
    expect(psa.members[0]!.inactiveFlag).toBe(true);
    expect(psa.writes).toEqual(['PATCH member 8 inactiveFlag']);
  });

  it('checks ownership at apply: no deactivation of a member state does not own, no patch or deactivation of another id', async () => {
    const psa = fakePsa();
    psa.members.push({ id: 8, identifier: 'old', name: 'Old', inactiveFlag: false }, { id: 9, identifier: 'boss', name: 'Boss', inactiveFlag: false });
    const deactivate = (memberId: number): Operation => ({ ...base, id: 'deactivateMember:member:old', address: 'member:old', type: 'deactivateMember', identifier: 'old', memberId });
    await expect(executeApiOperation(deactivate(8), ctxFor(psa.client))).rejects.toMatchObject({ exitCode: 6, code: 'not-owned' });
    // Owned, but the id points at another member: refused whether state knows the id or only the PSA tells.
    await expect(executeApiOperation(deactivate(9), ctxFor(psa.client, {}, ['member:old'], { 'member:old': 8 }))).rejects.toMatchObject({ code: 'not-owned' });
    await expect(executeApiOperation(deactivate(9), ctxFor(psa.client, {}, ['member:old']))).rejects.toThrow(/behind its id is 'boss', not 'old'/);
    const patch: Operation = {
      ...base, id: 'patchMember:member:old', address: 'member:old', type: 'patchMember', identifier: 'old', memberId: 9,
      patch: [{ op: 'replace', path: 'securityRole', value: { id: 1 } }],
    };
    await expect(executeApiOperation(patch, ctxFor(psa.client))).rejects.toMatchObject({ exitCode: 6, code: 'not-owned' });
    expect(psa.writes).toEqual([]);
    expect(psa.members.every((m) => m.inactiveFlag === false)).toBe(true);
  });

  it('creates a mapping and its cross references by natural key, once', async () => {
    const psa = fakePsa();
    const mapping: Operation = {
      ...base, id: 'createMapping:m', address: 'mapping:managedDevices/Datto', type: 'createMapping', name: 'Datto',
      body: { name: 'Datto', solution: 'Datto RMM', loginBy: 'Global', defaultBillingLevel: 'Detail' },
    };
    const xref: Operation = {
      ...base, id: 'createCrossReference:x', address: 'mapping:managedDevices/Datto/xref:Workstation', type: 'createCrossReference',
      mapping: 'Datto', mappingId: { ref: 'mapping:managedDevices/Datto' }, body: { vendorType: 'Workstation', configurationType: { id: 5 } },
    };
    const m = await executeApiOperation(mapping, ctxFor(psa.client));
    const ids = { 'mapping:managedDevices/Datto': m.psaId! };
    const x1 = await executeApiOperation(xref, ctxFor(psa.client, ids));
    const x2 = await executeApiOperation(xref, ctxFor(psa.client, ids));
    expect(x1.result).toBe('created');
    expect(x2).toEqual({ result: 'found', psaId: x1.psaId });
    expect((await executeApiOperation(mapping, ctxFor(psa.client))).result).toBe('found');
    expect(psa.xrefs).toHaveLength(1);
    expect(psa.writes).toEqual(['POST mapping Datto', `POST xref ${m.psaId}`]);
  });

  it('deletes only what state owns, refuses a role still in use (exit 6), and treats a vanished object as done', async () => {
    const psa = fakePsa();
    psa.roles.push({ id: 50, name: 'Old' });
    psa.members.push({ id: 9, identifier: 'user', name: 'U', securityRole: { id: 50, name: 'Old' } });
    const del: Operation = { ...base, id: 'deleteRole:role:Old', address: 'role:Old', type: 'deleteRole', name: 'Old', roleId: 50 };
    const notOwned = (await executeApiOperation(del, ctxFor(psa.client)).catch((e: unknown) => e)) as CwctlError;
    expect(notOwned).toMatchObject({ exitCode: 6, code: 'not-owned' });
    const inUse = (await executeApiOperation(del, ctxFor(psa.client, {}, ['role:Old'])).catch((e: unknown) => e)) as CwctlError;
    expect(inUse).toMatchObject({ exitCode: 6, code: 'role-in-use' });
    expect(inUse.message).toContain('user');
    psa.members[0]!.securityRole = { id: 1, name: 'Admin' };
    expect((await executeApiOperation(del, ctxFor(psa.client, {}, ['role:Old']))).result).toBe('deleted');
    expect((await executeApiOperation(del, ctxFor(psa.client, {}, ['role:Old']))).result).toBe('absent');
    expect(psa.writes).toEqual(['DELETE role 50']);
  });

  it('refuses guided-only operations routed to the API executor', async () => {
    const psa = fakePsa();
    const op: Operation = { ...base, id: 'k', address: 'member:a/apiKey:p', type: 'createApiKey', identifier: 'a', memberId: 1, description: 'p' };
    await expect(executeApiOperation(op, ctxFor(psa.client))).rejects.toMatchObject({ code: 'no-api-for-operation' });
  });
});

describe('patch helpers', () => {
  it('compares references by id and treats empty and null alike', () => {
    expect(patchToward({ securityRole: { id: 1 }, name: 'a', portalUrl: '' }, { securityRole: { id: 1, name: 'R' }, name: 'a', portalUrl: null })).toEqual([]);
    expect(patchToward({ securityRole: { id: 2 }, email: undefined }, { securityRole: { id: 1 } })).toEqual([{ op: 'replace', path: 'securityRole', value: { id: 2 } }]);
    expect(onlyDiffering([{ op: 'remove', path: 'agreementType' }], { agreementType: null })).toEqual([]);
    expect(onlyDiffering([{ op: 'remove', path: 'agreementType' }], { agreementType: { id: 3 } })).toHaveLength(1);
  });
  it('keys cross references on vendorType|vendorLevel, an absent level equal to an empty one', () => {
    expect(crossReferenceKey('Workstation', undefined)).toBe(crossReferenceKey('workstation ', ''));
    expect(crossReferenceKey('Server', 'Gold')).not.toBe(crossReferenceKey('Server', null));
  });
});
