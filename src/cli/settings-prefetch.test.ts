import { describe, expect, it } from 'vitest';
import type { ListOptions, PsaClient } from '../psa/client.js';
import { SETTING_FIELDS } from '../psa/prefetch-live-state.js';
import type { SecurityRole, SecurityRoleSetting } from '../psa/types.js';
import { MAX_READ_AHEAD, prefetchRoleSettings } from './settings-prefetch.js';

function fakeClient(): { client: PsaClient; calls: { roleId: number; options: ListOptions | undefined }[] } {
  const calls: { roleId: number; options: ListOptions | undefined }[] = [];
  const client = {
    target: { site: 'x', company: 'y' },
    listRoleSettings(roleId: number, options?: ListOptions): Promise<SecurityRoleSetting[]> {
      calls.push({ roleId, options });
      return Promise.resolve([{ id: roleId * 10 } as SecurityRoleSetting]);
    },
    requestCount: () => calls.length,
  } as PsaClient;
  return { client, calls };
}

const ROLES = [{ id: 1, name: 'Alpha' }, { id: 2, name: 'Beta' }, { id: 3, name: 'Gamma' }] as SecurityRole[];
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('prefetchRoleSettings', () => {
  it('reads the declared roles (exact name, else ignoring case) once the role list is in, and hands each read over once', async () => {
    const { client, calls } = fakeClient();
    const ahead = prefetchRoleSettings(client, undefined);
    ahead.start(['Alpha', 'BETA', 'Alpha', 'Nobody'], Promise.resolve(ROLES));
    await tick();
    expect(calls.map((c) => c.roleId)).toEqual([1, 2]);
    const asked = { pageSize: 1000, fields: SETTING_FIELDS };
    expect(await ahead.client.listRoleSettings(1, asked)).toEqual([{ id: 10 }]);
    expect(calls).toHaveLength(2); // answered from the read ahead
    await ahead.client.listRoleSettings(1, asked);
    expect(calls).toHaveLength(3); // handed over once: the next read goes to the PSA
    await ahead.client.listRoleSettings(2, { pageSize: 1000, fields: ['id'] });
    expect(calls).toHaveLength(4); // other options: not what was read ahead
    expect(ahead.client.requestCount()).toBe(4); // other methods reach the client itself
  });

  it(`reads at most ${MAX_READ_AHEAD} roles ahead (their raw rows wait in memory)`, async () => {
    const { client, calls } = fakeClient();
    const many = Array.from({ length: MAX_READ_AHEAD + 5 }, (_, i) => ({ id: i + 1, name: `Role ${i}` })) as SecurityRole[];
    const ahead = prefetchRoleSettings(client, undefined);
    ahead.start(many.map((r) => r.name), Promise.resolve(many));
    await tick();
    expect(calls).toHaveLength(MAX_READ_AHEAD);
  });

  it('reads nothing when the role list fails', async () => {
    const { client, calls } = fakeClient();
    const ahead = prefetchRoleSettings(client, undefined);
    ahead.start(['Alpha'], Promise.reject(new Error('down')));
    await tick();
    expect(calls).toHaveLength(0);
  });
});
