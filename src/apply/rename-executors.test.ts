/* eslint-disable @typescript-eslint/require-await -- the fake PSA is synchronous behind an async interface */
// The two `moved:` renames at apply: an API member through PATCH identifier (read back from the answer; a PSA
// that refuses or ignores the field leaves it to a person, with the click path), and a role renamed by a person,
// verified by reading the same id back.
import { describe, expect, it } from 'vitest';
import type { CwctlError } from '../errors.js';
import type { Operation } from '../model/operation.js';
import { buildGuidedSteps } from '../plan/guided-steps.js';
import type { PsaClient } from '../psa/client.js';
import { PsaApiError } from '../psa/errors.js';
import type { ApiMember, PsaPatchOperation } from '../psa/types.js';
import { executeApiOperation } from './api-executor.js';
import type { GuidedContext } from './guided-executor.js';
import { initialGuidedStates, verifyGuidedRound } from './guided-executor.js';

const renameMember: Extract<Operation, { type: 'renameMember' }> = {
  id: 'renameMember:member:newid', address: 'member:newid', type: 'renameMember', executor: 'api', dependsOn: [],
  summary: 'rename API member oldid to newid', from: 'oldid', identifier: 'newid', memberId: 70,
};

/** A PSA member 70; `mode` says how PATCH identifier goes. */
function memberPsa(mode: 'takes' | 'refuses' | 'ignores', identifier = 'oldid') {
  const member: ApiMember = { id: 70, identifier, name: 'Old' };
  const patches: PsaPatchOperation[][] = [];
  // Only what renameMember calls; typed against the client, so a changed signature still fails here.
  const fake: Partial<PsaClient> = {
    getApiMember: async () => structuredClone(member),
    patchApiMember: async (_id: number, patch: PsaPatchOperation[]) => {
      patches.push(patch);
      if (mode === 'refuses') {
        throw new PsaApiError('PATCH refused', { code: 'psa-invalid-request', status: 400, method: 'PATCH', path: '/system/apiMembers/70', site: 'https://x' });
      }
      if (mode === 'takes') member.identifier = String(patch[0]?.value);
      return structuredClone(member);
    },
  };
  const client = fake as PsaClient;
  return { client, patches, member };
}

const ctx = (client: PsaClient) => ({ client, lookup: () => undefined, owns: () => true });

describe('renameMember (API)', () => {
  it('patches identifier on the same id', async () => {
    const psa = memberPsa('takes');
    await expect(executeApiOperation(renameMember, ctx(psa.client))).resolves.toMatchObject({ result: 'updated', psaId: 70 });
    expect(psa.patches).toEqual([[{ op: 'replace', path: 'identifier', value: 'newid' }]]);
    expect(psa.member.identifier).toBe('newid');
  });

  it('sends nothing when the PSA has the new identifier already (a retried apply)', async () => {
    const psa = memberPsa('takes', 'newid');
    await expect(executeApiOperation(renameMember, ctx(psa.client))).resolves.toMatchObject({ result: 'unchanged' });
    expect(psa.patches).toEqual([]);
  });

  it.each(['refuses', 'ignores'] as const)('when the PSA %s the field, stops with the rename left to a person', async (mode) => {
    const psa = memberPsa(mode);
    const error = await executeApiOperation(renameMember, ctx(psa.client)).catch((e: unknown) => e as CwctlError);
    expect(error).toMatchObject({ code: 'rename-refused', exitCode: 7 });
    expect((error as CwctlError).hint).toContain('System > Members > API Members > oldid > Member ID: newid');
  });

  it('refuses when the id now holds another member', async () => {
    const psa = memberPsa('takes', 'someone');
    await expect(executeApiOperation(renameMember, ctx(psa.client))).rejects.toMatchObject({ code: 'not-owned' });
    expect(psa.patches).toEqual([]);
  });
});

describe('renameRole (guided)', () => {
  const op: Operation = {
    id: 'renameRole:role:New API', address: 'role:New API', type: 'renameRole', executor: 'guided', dependsOn: [],
    summary: 'rename role Old API to New API', from: 'Old API', name: 'New API', roleId: 7,
  };
  const round = async (name: string) => {
    const client = { getSecurityRole: async (id: number) => ({ id, name }) } as PsaClient;
    const states = initialGuidedStates(buildGuidedSteps([op]));
    const context = {
      client, lookup: () => undefined, keys: {} as GuidedContext['keys'], confirmations: new Set<string>(), who: 't',
      now: () => '2026-01-01T00:00:00Z', roleOfMember: () => undefined, isKeyTaken: () => false, onKeyVerified: () => Promise.resolve(),
    } satisfies GuidedContext;
    await verifyGuidedRound(new Map([[op.id, op]]), states, () => true, context);
    return states;
  };

  it('is done once the same role id carries the new name', async () => {
    const [state] = await round('New API');
    expect(state).toMatchObject({ done: true, verifiedBy: 'api' });
  });

  it('stays pending, saying the name it still has', async () => {
    const [state] = await round('Old API');
    expect(state?.done).toBe(false);
    expect(state?.note).toContain('still named Old API');
  });
});
