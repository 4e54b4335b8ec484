import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CwctlError } from '../errors.js';
import type { Operation } from '../model/operation.js';
import type { Plan } from '../model/plan.js';
import { buildGuidedSteps } from '../plan/guided-steps.js';
import { planChecksumOf } from '../plan/plan-checksum.js';
import type { PsaClient } from '../psa/client.js';
import { createSimAdminClient } from '../sim/admin-client.js';
import type { RunningSimulator } from '../sim/start-simulator.js';
import { startSimulator } from '../sim/start-simulator.js';
import { acquireLock } from '../state/lock.js';
import { newStateFile, readStateFile } from '../state/state-file.js';
import type { ApplyPlanOptions } from './apply-plan.js';
import { applyPlan, assertSafe, PLAN_READ_FRESH_MS, runApply } from './apply-plan.js';
import { openKeyIntake } from './key-intake.js';
import { createKeySink } from './key-sink.js';

let sim: RunningSimulator;
let client: PsaClient;
let dir: string;
const target = { site: 'sandbox', company: 'sandbox' };

beforeEach(async () => {
  sim = await startSimulator({ port: 0, roles: 2, members: 2 });
  client = createSimAdminClient(sim, {
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 },
  });
  dir = await mkdtemp(join(tmpdir(), 'cwctl-apply-'));
});
afterEach(async () => {
  await client.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const base = { dependsOn: [] as string[], executor: 'api' as const };

function planOf(operations: Operation[]): Plan {
  return {
    formatVersion: 1, createdAt: '2026-01-01T00:00:00Z', target: { ...target, sandbox: true }, stateLineage: null, stateSerial: null,
    changes: [], drift: [], operations, guided: buildGuidedSteps(operations), adopt: [], safety: [],
    summary: { create: 0, update: 0, delete: 0, replace: 0, api: 0, guided: 0, drift: 0, escalations: 0, adopt: 0 },
    checksum: 'sha256:x', requestCount: 0,
  };
}

/** A plan that only creates these roles. */
const createRolesPlan = (names: readonly string[]): Plan =>
  planOf(names.map((name) => ({ ...base, id: `createRole:role:${name}`, address: `role:${name}`, type: 'createRole' as const, name, summary: `create role ${name}` })));

/** A new role with one level to set, an API member in it with a key to create. */
function integrationPlan(): Plan {
  const levelId = sim.store.rows('structureLevels')[0]!.id as number;
  return planOf([
    { ...base, id: 'createRole:role:BG', address: 'role:BG', type: 'createRole', name: 'BG', summary: 'create role BG' },
    {
      ...base, executor: 'guided', id: 'setRoleLevels:role:BG', address: 'role:BG', type: 'setRoleLevels', role: 'BG', roleId: { ref: 'role:BG' },
      dependsOn: ['createRole:role:BG'], summary: 'set levels of BG',
      cells: [
        { module: 'Service Desk', function: 'Service Tickets', kind: 'inquire', from: 'None', to: 'All' },
        { module: 'Service Desk', function: 'Service Tickets', kind: 'edit', from: 'None', to: 'My' },
      ],
    },
    {
      ...base, id: 'createMember:member:bg', address: 'member:bg', type: 'createMember', identifier: 'bg', dependsOn: ['createRole:role:BG'],
      summary: 'create API member bg', body: { identifier: 'bg', name: 'BG API', securityRole: { id: { ref: 'role:BG' } }, structureLevel: { id: levelId } },
    },
    {
      ...base, executor: 'guided', id: 'createApiKey:member:bg/apiKey:prod', address: 'member:bg/apiKey:prod', type: 'createApiKey',
      identifier: 'bg', memberId: { ref: 'member:bg' }, description: 'prod', dependsOn: ['createMember:member:bg'], summary: 'create key',
    },
    {
      ...base, id: 'createMapping:mapping:managedDevices/RMM', address: 'mapping:managedDevices/RMM', type: 'createMapping', name: 'RMM',
      summary: 'create mapping RMM', body: { name: 'RMM', solution: 'Datto RMM', loginBy: 'Global', defaultBillingLevel: 'Detail' },
    },
  ]);
}

async function options(plan: Plan, extra: Partial<ApplyPlanOptions> = {}): Promise<ApplyPlanOptions> {
  return {
    plan, client, stateDir: dir, state: (await readStateFile(dir)) ?? newStateFile(target),
    who: 'tester', keys: await openKeyIntake({ env: {} }), ...extra,
  };
}

const count = (table: string, pred: (r: Record<string, unknown>) => boolean) => sim.store.rows(table as never).filter(pred).length;

describe('asking for a key pair', () => {
  it('asks only once every level step listed before the key is done', async () => {
    const plan = integrationPlan();
    const asked: string[] = [];
    const prompt = (identifier: string) => {
      asked.push(identifier);
      return Promise.resolve(undefined);
    };
    const first = await applyPlan(await options(plan, { keys: await openKeyIntake({ env: {}, prompt }) }));
    expect(first.pending).toBe(3);
    expect(asked).toEqual([]);
    const roleId = (await readStateFile(dir))!.resources['role:BG']!.psaId!;
    sim.store.setRoleLevels(roleId, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All', editLevel: 'My' }]);
    const second = await applyPlan(await options(plan, { keys: await openKeyIntake({ env: {}, prompt }) }));
    expect(second.pending).toBe(1);
    expect(asked).toEqual(['bg']);
  });
});

describe('applyPlan on the simulator', () => {
  it('applies API operations, records each in state, leaves guided steps pending until the PSA shows them, never duplicates', async () => {
    const plan = integrationPlan();
    const first = await applyPlan(await options(plan));
    expect(first.completed.map((c) => c.outcome.result)).toEqual(['created', 'created', 'created']);
    expect(first.pending).toBe(3); // two level cells and the key
    const state1 = (await readStateFile(dir))!;
    // one write per completed operation, then one for the final record: serial moved at least 3 times
    expect(state1.serial).toBeGreaterThanOrEqual(3);
    const roleId = state1.resources['role:BG']!.psaId!;
    expect(roleId).toBeGreaterThan(0);
    expect(state1.resources['member:bg']!.psaId).toBeGreaterThan(0);
    // what the applied plan asked a person to set is recorded on the role, so a repeated apply is no escalation
    expect(state1.resources['role:BG']!.approved).toEqual({ settings: { 'Service Desk / Service Tickets': { inquire: 'All', edit: 'My' } }, customize: {} });
    // untouched lines carry no note; a third value is explained
    expect(first.guided.find((g) => g.step.instruction.startsWith('Inquire'))!.note).toBeUndefined();

    // the person sets one of the two cells: exactly that line is ticked
    sim.store.setRoleLevels(roleId, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All' }]);
    const second = await applyPlan(await options(plan));
    expect(second.completed.every((c) => c.outcome.result === 'found')).toBe(true);
    expect(second.guided.filter((g) => g.done).map((g) => g.step.instruction)).toEqual(['Inquire Level: None -> All']);
    expect((await readStateFile(dir))!.resources['role:BG/setting:Service Desk / Service Tickets']).toBeUndefined();

    sim.store.setRoleLevels(roleId, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', editLevel: 'All' }]);
    const third0 = await applyPlan(await options(plan));
    expect(third0.guided.find((g) => g.step.instruction.startsWith('Edit'))!.note).toBe('edit is All, not My');
    // then the other cell and the key, handed over in a file; the key goes to the sink and only its suffix to state
    sim.store.setRoleLevels(roleId, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', editLevel: 'My' }]);
    const memberId = state1.resources['member:bg']!.psaId!;
    const key = sim.store.createApiKey(memberId, 'prod');
    const keysIn = join(dir, 'in.env');
    const { writeFileAtomic } = await import('../state/atomic-write.js');
    await writeFileAtomic(keysIn, `bg=${key.publicKey}:${key.privateKey}\n`, { mode: 0o600 });
    const keysOut = join(dir, 'out.env');
    const third = await applyPlan(await options(plan, { keys: await openKeyIntake({ env: {}, file: keysIn }), keySink: createKeySink({ keysOut }) }));
    expect(third.pending).toBe(0);
    const state3 = (await readStateFile(dir))!;
    expect(state3.resources['member:bg/apiKey:prod']).toMatchObject({ kind: 'apiKey', publicKeySuffix: key.publicKey.slice(-4), verifiedBy: 'api' });
    expect(state3.resources['role:BG/setting:Service Desk / Service Tickets']).toMatchObject({ kind: 'setting', verifiedBy: 'api' });
    expect(JSON.stringify(state3)).not.toContain(key.privateKey);
    expect(await readFile(keysOut, 'utf8')).toContain(`bg=${key.publicKey}:${key.privateKey}`);
    expect((await stat(keysOut)).mode & 0o777).toBe(0o600);

    expect(count('securityRoles', (r) => r.name === 'BG')).toBe(1);
    expect(count('members', (r) => r.identifier === 'bg')).toBe(1);
    expect(count('managedDevicesIntegrations', (r) => r.name === 'RMM')).toBe(1);
  });

  it('groups state writes that complete together, and still records every operation', async () => {
    const names = ['G1', 'G2', 'G3', 'G4', 'G5', 'G6'];
    const plan = createRolesPlan(names);
    const out = await applyPlan(await options(plan, { concurrency: 6 }));
    expect(out.completed.map((c) => c.outcome.result)).toEqual(names.map(() => 'created'));
    const state = (await readStateFile(dir))!;
    for (const name of names) expect(state.resources[`role:${name}`]!.psaId).toBeGreaterThan(0);
    // One write per record would be 6 intents + 6 creates + the final record = 13; the six intents, queued in
    // one tick, share a write.
    expect(state.serial).toBeLessThan(13);
  });

  it('writes state once per record when a crash test kills it after N writes', async () => {
    const plan = createRolesPlan(['K1', 'K2']);
    // One write per record (what the crash tests ask for): every record had its own write.
    await applyPlan(await options(plan, { concurrency: 2, writeEach: true }));
    expect((await readStateFile(dir))!.serial).toBe(5);
  });

  it('rejects a key that belongs to another member, and keeps the step pending', async () => {
    const plan = integrationPlan();
    await applyPlan(await options(plan));
    const admin = sim.store.memberByIdentifier(sim.admin.memberIdentifier)!;
    const wrong = sim.store.createApiKey(admin.id as number, 'not bg');
    const outcome = await applyPlan(await options(plan, { keys: await openKeyIntake({ env: { CWCTL_NEW_KEY_BG: `${wrong.publicKey}:${wrong.privateKey}` } }) }));
    const keyStep = outcome.guided.find((g) => g.step.address === 'member:bg/apiKey:prod')!;
    expect(keyStep.done).toBe(false);
    expect(keyStep.note).toMatch(/belongs to member .*not to bg/);
  });

  it('rejects a key whose member holds another role than the desired one', async () => {
    const plan = integrationPlan();
    await applyPlan(await options(plan));
    const memberId = (await readStateFile(dir))!.resources['member:bg']!.psaId!;
    const key = sim.store.createApiKey(memberId, 'prod');
    const outcome = await applyPlan(await options(plan, {
      keys: await openKeyIntake({ env: { CWCTL_NEW_KEY_BG: `${key.publicKey}:${key.privateKey}` } }),
      roleOfMember: () => 'Reporting',
    }));
    const keyStep = outcome.guided.find((g) => g.step.address === 'member:bg/apiKey:prod')!;
    expect(keyStep.done).toBe(false);
    expect(keyStep.note).toMatch(/member bg has role BG, not Reporting/);
  });

  it('stops at a failing operation with exit 7 naming it, after saving what completed', async () => {
    const plan = planOf([
      { ...base, id: 'createRole:role:Ok', address: 'role:Ok', type: 'createRole', name: 'Ok', summary: 'create role Ok' },
      { ...base, id: 'createRole:role:Long', address: 'role:Long', type: 'createRole', name: 'X'.repeat(40), summary: 'create role Long', dependsOn: ['createRole:role:Ok'] },
      { ...base, id: 'createRole:role:After', address: 'role:After', type: 'createRole', name: 'After', summary: 'create role After', dependsOn: ['createRole:role:Long'] },
    ]);
    const error = (await applyPlan(await options(plan)).catch((e: unknown) => e)) as CwctlError;
    expect(error.exitCode).toBe(7);
    expect(error.message).toContain('create role Long');
    const state = (await readStateFile(dir))!;
    expect(Object.keys(state.resources)).toEqual(['role:Ok']);
    expect(count('securityRoles', (r) => r.name === 'After')).toBe(0);
  });

  it('drops the intent of a create written ahead when the apply stops before its request goes out', async () => {
    // One operation at a time, so the second's intent is written ahead while the first (refused) runs.
    const ops: Operation[] = [
      { ...base, id: 'createRole:role:Long', address: 'role:Long', type: 'createRole', name: 'X'.repeat(40), summary: 'create role Long' },
      ...['A1', 'A2', 'A3'].map((n) => ({ ...base, id: `createRole:role:${n}`, address: `role:${n}`, type: 'createRole' as const, name: n, summary: `create role ${n}` })),
    ];
    const error = (await applyPlan(await options(planOf(ops), { concurrency: 1 })).catch((e: unknown) => e)) as CwctlError;
    expect(error.exitCode).toBe(7);
    const state = await readStateFile(dir);
    expect(Object.keys(state?.resources ?? {})).toEqual([]);
    for (const n of ['A1', 'A2', 'A3']) expect(count('securityRoles', (r) => r.name === n)).toBe(0);
  });

  it('runs independent operations concurrently within the bound', async () => {
    sim.faults.update({ latencyMs: 40 });
    let inFlight = 0;
    let most = 0;
    // Count requests in flight at the client, so the bound is checked exactly rather than by timing.
    const counting = new Proxy(client, {
      get(targetClient, prop, receiver) {
        const value = Reflect.get(targetClient, prop, receiver);
        if (typeof value !== 'function' || !['listSecurityRoles', 'createSecurityRole'].includes(String(prop))) return value;
        return async (...args: unknown[]) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(targetClient, args);
          } finally {
            inFlight -= 1;
          }
        };
      },
    });
    const ops: Operation[] = Array.from({ length: 8 }, (_, i) => ({
      ...base, id: `createRole:role:R${i}`, address: `role:R${i}`, type: 'createRole' as const, name: `R${i}`, summary: `create role R${i}`,
    }));
    const outcome = await applyPlan(await options(planOf(ops), { client: counting, concurrency: 3 }));
    expect(outcome.completed).toHaveLength(8);
    expect(most).toBe(3);
    expect(Object.keys((await readStateFile(dir))!.resources)).toHaveLength(8);
  });

  it('stops on interrupt with state consistent and exit 130', async () => {
    sim.faults.update({ latencyMs: 80 });
    const ops: Operation[] = Array.from({ length: 6 }, (_, i) => ({
      ...base, id: `createRole:role:S${i}`, address: `role:S${i}`, type: 'createRole' as const, name: `S${i}`, summary: `create role S${i}`,
      dependsOn: i === 0 ? [] : [`createRole:role:S${i - 1}`],
    }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('SIGINT')), 400);
    const error = (await applyPlan(await options(planOf(ops), { signal: controller.signal })).catch((e: unknown) => e)) as CwctlError;
    expect(error.exitCode).toBe(130);
    const state = (await readStateFile(dir))!;
    const recorded = Object.entries(state.resources);
    const created = recorded.filter(([, r]) => r.psaId !== undefined).map(([a]) => a);
    expect(created.length).toBeGreaterThan(0);
    expect(created.length).toBeLessThan(6);
    // everything recorded as created exists once in the PSA
    for (const address of created) expect(count('securityRoles', (r) => `role:${r.name as string}` === address)).toBe(1);
    // at most the create in flight is recorded as an intent (no id yet): its outcome is unknown, so it is owned
    const intents = recorded.filter(([, r]) => r.psaId === undefined).map(([a]) => a);
    expect(intents.length).toBeLessThanOrEqual(1);
    for (const address of intents) expect(count('securityRoles', (r) => `role:${r.name as string}` === address)).toBeLessThanOrEqual(1);
  });
});

describe('guided verification', () => {
  it('--wait ticks lines off as the PSA comes to match, re-reading only what is pending', async () => {
    const plan = integrationPlan();
    plan.operations = plan.operations.filter((o) => o.type !== 'createApiKey');
    plan.guided = buildGuidedSteps(plan.operations);
    const rounds: number[] = [];
    const started = Date.now();
    // The person sets the levels after cwctl's first look (a timer raced a slow first round on a loaded machine).
    const personSetsLevels = (): void => {
      const role = sim.store.rows('securityRoles').find((r) => r.name === 'BG')!;
      sim.store.setRoleLevels(role.id as number, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All', editLevel: 'My' }]);
    };
    const outcome = await applyPlan(await options(plan, {
      wait: { timeoutMs: 10_000, initialPollMs: 50, maxPollMs: 100 },
      reporter: {
        guidedRound: (states) => {
          rounds.push(states.filter((g) => g.done).length);
          if (rounds.length === 2) personSetsLevels();
        },
      },
    }));
    expect(outcome.pending).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(rounds[0]).toBe(0);
    expect(rounds.at(-1)).toBe(2);
    expect(rounds.length).toBeGreaterThan(2);
  });

  it('--wait gives up at the timeout with the steps still pending, and stops re-reading what is done', async () => {
    const plan = integrationPlan();
    const started = Date.now();
    let rounds = 0;
    let settingsReadsWhenDone = -1;
    const settingsReads = () => Object.entries(sim.stats.snapshot().requests).filter(([k]) => /GET .*securityRoles\/\{parentId\}\/settings$/.test(k)).reduce((n, [, v]) => n + v, 0);
    setTimeout(() => {
      const role = sim.store.rows('securityRoles').find((r) => r.name === 'BG')!;
      sim.store.setRoleLevels(role.id as number, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All', editLevel: 'My' }]);
    }, 200);
    const outcome = await applyPlan(await options(plan, {
      wait: { timeoutMs: 900, initialPollMs: 50, maxPollMs: 100 },
      reporter: {
        guidedRound: (states) => {
          rounds += 1;
          if (settingsReadsWhenDone < 0 && states.filter((g) => g.done).length === 2) settingsReadsWhenDone = settingsReads();
        },
      },
    }));
    expect(outcome.pending).toBe(1); // the key was never handed over
    expect(Date.now() - started).toBeGreaterThanOrEqual(880);
    expect(settingsReadsWhenDone).toBeGreaterThan(0);
    expect(rounds).toBeGreaterThan(3);
    // after the levels were verified, later rounds asked only about the key
    expect(settingsReads()).toBe(settingsReadsWhenDone);
  });

  it('takes the plan\'s fresh read as the first round\'s for roles that existed (no request), never as done; a stale one is read again', async () => {
    const settingsReads = () => Object.entries(sim.stats.snapshot().requests).filter(([k]) => /GET .*securityRoles\/\{parentId\}\/settings$/.test(k)).reduce((n, [, v]) => n + v, 0);
    const role = sim.store.rows('securityRoles')[0]!;
    const roleId = role.id as number;
    const name = role.name as string;
    const levelsPlan = (): Plan => planOf([{
      ...base, executor: 'guided', id: `setRoleLevels:role:${name}`, address: `role:${name}`, type: 'setRoleLevels', role: name, roleId,
      summary: `set levels of ${name}`, cells: [{ module: 'Service Desk', function: 'Service Tickets', kind: 'inquire', from: 'None', to: 'All' }],
    }]);
    // A person did the step after the plan's read: the PSA shows it done already.
    sim.store.setRoleLevels(roleId, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All' }]);

    sim.stats.reset();
    const fresh = await applyPlan(await options(levelsPlan(), { planReadAt: Date.now() }));
    expect(settingsReads()).toBe(0);
    expect(fresh.pending).toBe(1); // left pending, not taken as done

    sim.stats.reset();
    const rounds: number[] = [];
    const waited = await applyPlan(await options(levelsPlan(), {
      planReadAt: Date.now(),
      wait: { timeoutMs: 5000, initialPollMs: 20, maxPollMs: 50 },
      reporter: { guidedRound: (states) => rounds.push(states.filter((g) => g.done).length) },
    }));
    expect(rounds).toEqual([0, 1]); // the second round reads
    expect(settingsReads()).toBe(1);
    expect(waited.pending).toBe(0);

    sim.stats.reset();
    const stale = await applyPlan(await options(levelsPlan(), { planReadAt: Date.now() - PLAN_READ_FRESH_MS - 1 }));
    expect(settingsReads()).toBe(1);
    expect(stale.pending).toBe(0);
  });

  it('tells the snapshot the plan\'s read stands only while fresh and when this apply wrote and verified nothing', async () => {
    const settled = { kind: 'mapping' as const, psaId: 1, digest: 'sha256:x', appliedAt: '2026-01-01T00:00:00Z' };
    const seen: boolean[] = [];
    const snapshot: ApplyPlanOptions['snapshot'] = (_addresses, context) => (seen.push(context.planReadStands), Promise.resolve({}));
    const withSettled = async (plan: Plan, planReadAt: number): Promise<ApplyPlanOptions> => {
      const o = await options(plan, { snapshot, planReadAt });
      o.state.resources['mapping:managedDevices/Old'] = settled;
      return o;
    };
    await applyPlan(await withSettled(planOf([]), Date.now()));
    await applyPlan(await withSettled(planOf([]), Date.now() - PLAN_READ_FRESH_MS - 1));
    await applyPlan(await withSettled(createRolesPlan(['Written']), Date.now()));
    expect(seen).toEqual([true, false, false]);
  });

  it('verifies a Table Setup list with the member\'s own keys, or records who confirmed it', async () => {
    const levelId = sim.store.rows('structureLevels')[0]!.id as number;
    const ops: Operation[] = [
      { ...base, id: 'createRole:role:TS', address: 'role:TS', type: 'createRole', name: 'TS', summary: 'create role TS' },
      {
        ...base, id: 'createMember:member:ts', address: 'member:ts', type: 'createMember', identifier: 'ts', dependsOn: ['createRole:role:TS'],
        summary: 'create member ts', body: { identifier: 'ts', name: 'TS', securityRole: { id: { ref: 'role:TS' } }, structureLevel: { id: levelId } },
      },
      {
        ...base, executor: 'guided', id: 'setCustomizeItems:role:TS/tableSetup', address: 'role:TS/tableSetup', type: 'setCustomizeItems', role: 'TS',
        roleId: { ref: 'role:TS' }, list: 'SystemTableSetup', add: ['Company / Company Status'], remove: [], verifyAs: 'ts', dependsOn: ['createRole:role:TS'], summary: 'table setup',
      },
    ];
    const plan = planOf(ops);
    const first = await applyPlan(await options(plan));
    expect(first.pending).toBe(1);
    expect(first.guided[0]!.note).toMatch(/only with ts's own keys/);
    const state = (await readStateFile(dir))!;
    sim.store.setRoleCustomize(state.resources['role:TS']!.psaId!, 'SystemTableSetup', ['Company / Company Status']);
    const key = sim.store.createApiKey(state.resources['member:ts']!.psaId!, 'verify');
    const viaKeys = await applyPlan(await options(plan, { keys: await openKeyIntake({ env: { CWCTL_NEW_KEY_TS: `${key.publicKey}:${key.privateKey}` } }) }));
    expect(viaKeys.pending).toBe(0);
    expect((await readStateFile(dir))!.resources['role:TS/tableSetup']).toMatchObject({ kind: 'customize', verifiedBy: 'member-keys' });

    // Without keys, a person's --confirm is recorded with who and when.
    const confirmed = await applyPlan(await options(plan, { confirmations: ['role:TS/tableSetup'], who: 'carol' }));
    expect(confirmed.pending).toBe(0);
    const record = (await readStateFile(dir))!.resources['role:TS/tableSetup']!;
    expect(record).toMatchObject({ verifiedBy: 'person', confirmedBy: { who: 'carol' } });
    expect(Date.parse(record.confirmedBy!.at)).not.toBeNaN();
  });
});

describe('runApply', () => {
  it('refuses a stale saved plan (exit 5), a changed one (checksum), an edited one (tampered), and fails fast when locked', async () => {
    const plan = integrationPlan();
    await runApply({
      client, stateDir: dir, who: 't', keys: await openKeyIntake({ env: {} }), target,
      lockTimeoutMs: 0, buildPlan: () => Promise.resolve(plan), allowDeletes: false, allowEscalation: false,
    });
    const state = (await readStateFile(dir))!;
    const sealed = (p: Plan): Plan => ({ ...p, checksum: planChecksumOf(p) });
    const stale = sealed({ ...plan, stateLineage: state.lineage, stateSerial: state.serial - 1 });
    const common = {
      client, stateDir: dir, who: 't', keys: await openKeyIntake({ env: {} }), target,
      lockTimeoutMs: 0, allowDeletes: false, allowEscalation: false,
    };
    await expect(runApply({ ...common, savedPlan: stale, buildPlan: () => Promise.resolve(stale) })).rejects.toMatchObject({ exitCode: 5, code: 'stale-plan' });
    const current = sealed({ ...plan, stateLineage: state.lineage, stateSerial: state.serial });
    await expect(runApply({ ...common, savedPlan: current, buildPlan: () => Promise.resolve(sealed({ ...current, operations: [] })) }))
      .rejects.toMatchObject({ exitCode: 5, code: 'plan-checksum' });
    // Edited after saving (the checksum left alone): refused before the fresh plan is even built.
    let built = 0;
    const edited = { ...current, adopt: [{ address: 'role:Admin', kind: 'role' as const, psaId: 1, digest: 'sha256:0' }] };
    await expect(runApply({ ...common, savedPlan: edited, buildPlan: () => { built += 1; return Promise.resolve(current); } }))
      .rejects.toMatchObject({ exitCode: 5, code: 'plan-tampered' });
    expect(built).toBe(0);
    const lock = await acquireLock({ stateDir: dir, operation: 'apply', who: 'holder' });
    await expect(runApply({ ...common, buildPlan: () => Promise.resolve(plan) })).rejects.toMatchObject({ exitCode: 5, code: 'state-locked' });
    await lock.release();
  });

  it('refuses safety findings without their allow flag (exit 6), and always when no flag allows them', () => {
    const plan = { ...planOf([]), safety: [{ address: 'role:X', kind: 'escalation' as const, message: 'raises Inquire to All', allowFlag: '--allow-escalation' as const }] };
    expect(() => assertSafe(plan, false, false)).toThrow(expect.objectContaining({ exitCode: 6 }));
    expect(() => assertSafe(plan, true, false)).not.toThrow();
    const lockout = { ...plan, safety: [{ address: 'member:me', kind: 'self-lockout' as const, message: 'would lock you out', allowFlag: null }] };
    expect(() => assertSafe(lockout, true, true)).toThrow(/refusing to apply 1 unsafe change: would lock you out/);
  });
});
