// One verification round: reads for different roles go out together (the client bounds them), every step is
// judged, and a failed read fails the round only after the others have settled.
import { describe, expect, it } from 'vitest';
import type { Operation, SetRoleLevelsOperation } from '../model/operation.js';
import { buildGuidedSteps } from '../plan/guided-steps.js';
import type { PsaClient } from '../psa/client.js';
import type { SecurityRoleSetting } from '../psa/types.js';
import type { GuidedContext } from './guided-executor.js';
import { initialGuidedStates, verifyGuidedRound } from './guided-executor.js';

function levelsOp(roleId: number): SetRoleLevelsOperation {
  return {
    id: `setRoleLevels:role:R${roleId}`, address: `role:R${roleId}`, type: 'setRoleLevels', executor: 'guided', dependsOn: [],
    role: `R${roleId}`, roleId, summary: `set levels of R${roleId}`,
    cells: [{ module: 'Service Desk', function: 'Service Tickets', kind: 'inquire', from: 'None', to: 'All' }],
  };
}

/** A client whose settings reads take a little while, counting how many are in flight at once. */
function slowClient(failRole?: number): { client: PsaClient; maxInFlight: () => number; reads: () => number } {
  let inFlight = 0;
  let max = 0;
  let reads = 0;
  const listRoleSettings = async (roleId: number): Promise<SecurityRoleSetting[]> => {
    reads++;
    inFlight++;
    max = Math.max(max, inFlight);
    await new Promise((r) => setTimeout(r, 20));
    inFlight--;
    if (roleId === failRole) throw new Error(`read of role ${roleId} failed`);
    return [{ id: 1, moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', addLevel: 'None', editLevel: 'None', deleteLevel: 'None', inquireLevel: roleId % 2 === 0 ? 'All' : 'None' } as SecurityRoleSetting];
  };
  return { client: { listRoleSettings } as PsaClient, maxInFlight: () => max, reads: () => reads };
}

function contextOf(client: PsaClient): GuidedContext {
  return {
    client, lookup: () => undefined, keys: {} as GuidedContext['keys'], confirmations: new Set(), who: 'test',
    now: () => '2026-01-01T00:00:00Z', roleOfMember: () => undefined, isKeyTaken: () => false, onKeyVerified: () => Promise.resolve(),
  };
}

describe('verifyGuidedRound', () => {
  it('reads the roles together and judges every step by what it read', async () => {
    const ops: Operation[] = [1, 2, 3, 4, 5, 6].map(levelsOp);
    const states = initialGuidedStates(buildGuidedSteps(ops));
    const { client, maxInFlight, reads } = slowClient();
    await verifyGuidedRound(new Map(ops.map((op) => [op.id, op])), states, () => true, contextOf(client));
    expect(reads()).toBe(6);
    expect(maxInFlight()).toBe(6);
    // Even role ids read Inquire All (done), odd ones None (still pending).
    expect(states.map((s) => s.done)).toEqual([false, true, false, true, false, true]);
  });

  it('fails the round with the failed read once the other reads have settled', async () => {
    const ops: Operation[] = [1, 2, 3].map(levelsOp);
    const states = initialGuidedStates(buildGuidedSteps(ops));
    const { client, reads } = slowClient(2);
    await expect(verifyGuidedRound(new Map(ops.map((op) => [op.id, op])), states, () => true, contextOf(client))).rejects.toThrow('read of role 2 failed');
    expect(reads()).toBe(3);
    expect(states[2]?.done).toBe(false);
  });

  it('judges a step by its action, not its words: rewording the checklist changes nothing verified', async () => {
    const op: SetRoleLevelsOperation = {
      ...levelsOp(2),
      cells: [
        { module: 'Service Desk', function: 'Service Tickets', kind: 'inquire', from: 'None', to: 'All' },
        { module: 'Service Desk', function: 'Service Tickets', kind: 'edit', from: 'None', to: 'All' },
      ],
    };
    // The words name the other column on purpose: a regex over them would judge the wrong cell.
    const steps = buildGuidedSteps([op]).map((step, i) => ({ ...step, instruction: i === 0 ? 'Edit Level: None -> All' : 'Inquire Level: None -> All' }));
    const states = initialGuidedStates(steps);
    const { client } = slowClient();
    await verifyGuidedRound(new Map([[op.id, op]]), states, () => true, contextOf(client));
    // Role 2 reads Inquire All and Edit None: the inquire step (first) is done, the edit step is not.
    expect(states.map((s) => [s.step.action.t === 'level' ? s.step.action.kind : '', s.done])).toEqual([['inquire', true], ['edit', false]]);
  });
});

describe("verifyGuidedRound: customize lists read with a member's keys", () => {
  const op: Operation = {
    id: 'setCustomizeItems:role:Svc Desk/tableSetup', address: 'role:Svc Desk/tableSetup', type: 'setCustomizeItems', role: 'Svc Desk', roleId: 5,
    dependsOn: [], executor: 'guided', summary: 't', list: 'SystemTableSetup', add: ['Company / Company Status'], remove: [], verifyAs: 'apim',
  };
  const noKeys = { known: () => undefined } as unknown as GuidedContext['keys'];

  it('marks the step confirmable while no member keys are known, and --confirm of its address does it', async () => {
    const states = initialGuidedStates(buildGuidedSteps([op]));
    expect(states[0]?.step.verify).toBe('member-keys');
    const ctx = { ...contextOf({} as PsaClient), keys: noKeys };
    await verifyGuidedRound(new Map([[op.id, op]]), states, () => true, ctx);
    expect(states[0]).toMatchObject({ done: false, confirmable: true });
    await verifyGuidedRound(new Map([[op.id, op]]), states, () => true, { ...ctx, confirmations: new Set([op.address]) });
    expect(states[0]).toMatchObject({ done: true, verifiedBy: 'person' });
    expect(states[0]?.confirmable).toBeUndefined();
  });

  it('takes --confirm when the member pair is refused, and says so otherwise', async () => {
    const { PsaApiError } = await import('../psa/errors.js');
    const refusal = new PsaApiError('no', { status: 401, method: 'GET', path: '/x', site: 's', code: 'psa-unauthorized' });
    const refused = { withCredentials: () => ({ listMyCustomizeItems: () => Promise.reject(refusal) }) } as unknown as PsaClient;
    const keys = { known: () => ({ publicKey: 'p', privateKey: 'k', source: 'keys.env:1' }) } as unknown as GuidedContext['keys'];
    const states = initialGuidedStates(buildGuidedSteps([op]));
    await verifyGuidedRound(new Map([[op.id, op]]), states, () => true, { ...contextOf(refused), keys });
    expect(states[0]).toMatchObject({ done: false, confirmable: true });
    expect(states[0]?.note).toContain(`--confirm ${op.address}`);
    await verifyGuidedRound(new Map([[op.id, op]]), states, () => true, { ...contextOf(refused), keys, confirmations: new Set([op.address]) });
    expect(states[0]).toMatchObject({ done: true, verifiedBy: 'person' });
  });
});

describe('verifyGuidedRound: a key not handed over yet', () => {
  it('says to add the pair to the --new-keys file apply reads, when there is one', async () => {
    const op: Operation = { id: 'k', address: 'member:m/apiKey:p', type: 'createApiKey', identifier: 'm', memberId: 9, description: 'p', dependsOn: [], executor: 'guided', summary: 'k' };
    const keysFrom = (file?: string) => ({ candidates: () => [], ask: () => Promise.resolve(undefined), ...(file ? { file } : {}) }) as unknown as GuidedContext['keys'];
    const states = initialGuidedStates(buildGuidedSteps([op]));
    await verifyGuidedRound(new Map([[op.id, op]]), states, () => true, { ...contextOf({} as PsaClient), keys: keysFrom('.cwctl/new-keys.env') });
    expect(states[0]?.note).toBe('waiting for the new pair: set CWCTL_NEW_KEY_M=PUBLIC:PRIVATE or add m=PUBLIC:PRIVATE to .cwctl/new-keys.env');
    await verifyGuidedRound(new Map([[op.id, op]]), states, () => true, { ...contextOf({} as PsaClient), keys: keysFrom() });
    expect(states[0]?.note).toBe('waiting for the new pair: set CWCTL_NEW_KEY_M=PUBLIC:PRIVATE or pass --new-keys FILE');
  });
});
