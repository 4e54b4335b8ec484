// moved: end to end with the built CLI against the simulator: a role and an API member renamed in the YAML
// with moved: entries plan as renames (no delete, no create), keep their PSA ids and state records, the member
// is renamed through the API, the role by a person at the screens (verified by reading the same id back), and
// the next plan is empty. A rename a person made before the apply only moves state.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import type { StateFile } from '../../src/model/state.js';
import { runCli } from './helpers/cli.js';
import { runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const yaml = (role: string, member: string, moved = ''): string => `version: 1
roles:
  - { name: ${role}, unlisted: ignore, permissions: { Service Desk / Service Tickets: { inquire: All } } }
members:
  - { identifier: ${member}, name: Renamed Member, role: ${role}, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }
${moved}`;

let h: SimHandle;
let dir: string;
const cwctl = (...args: string[]) => runCwctl(args, { cwd: dir, env: h.env });
const rows = (table: string) => h.sim.store.rows(table as never) as Record<string, unknown>[];
const readState = async (): Promise<StateFile> => JSON.parse(await readFile(join(dir, '.cwctl', 'state.json'), 'utf8')) as StateFile;
let roleId: number;
let memberId: number;

beforeAll(async () => {
  h = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-moved-'));
  await writeFile(join(dir, 'cwctl.yaml'), yaml('Old API', 'oldid'));
  const first = await cwctl('apply', '--auto-approve', '--format', 'json');
  expect(first.code, first.stderr).toBe(8);
  for (const op of (JSON.parse(first.stdout) as { plan: Plan }).plan.operations) {
    if (op.type !== 'setRoleLevels') continue;
    const id = rows('securityRoles').find((r) => r.name === op.role)!.id as number;
    h.sim.store.setRoleLevels(id, op.cells.map((c) => ({ moduleName: c.module, moduleFunctionName: c.function, [`${c.kind}Level`]: c.to })));
  }
  const second = await cwctl('apply', '--auto-approve');
  expect(second.code, second.stderr).toBe(0);
  roleId = rows('securityRoles').find((r) => r.name === 'Old API')!.id as number;
  memberId = rows('members').find((m) => m.identifier === 'oldid')!.id as number;
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe('moved:', () => {
  it('plans a rename of the role and of the member, not a delete and a create', async () => {
    await writeFile(join(dir, 'cwctl.yaml'), yaml('New API', 'newid', 'moved:\n  - { from: role:Old API, to: role:New API }\n  - { from: member:oldid, to: member:newid }\n'));
    const run = await cwctl('plan', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as Plan;
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([['role:New API', 'rename'], ['member:newid', 'rename']]);
    expect(plan.operations.map((o) => [o.type, o.executor])).toEqual([['renameRole', 'guided'], ['renameMember', 'api']]);
    expect(plan.summary).toMatchObject({ create: 0, delete: 0, update: 2 });
    const text = await cwctl('plan');
    expect(text.stdout).toContain('name: Old API -> New API');
    expect(text.stdout).toContain('identifier: oldid -> newid');
    expect(text.stdout).toContain('rename role Old API to New API');
    expect(plan.guided.map((g) => g.clickPath)).toEqual(['System > Security Roles > Old API']);
    const markdown = await cwctl('plan', '--format', 'markdown');
    expect(markdown.stdout).toMatch(/role \*\*New API\*\* \| rename from Old API/);
    expect(text.stdout).toContain('Plan: 0 to create, 2 to change, 0 to destroy');
  });

  it('renames the member through the API and waits for the person to rename the role', async () => {
    const run = await cwctl('apply', '--auto-approve');
    expect(run.code, run.stderr).toBe(8);
    expect(rows('members').find((m) => m.id === memberId)!.identifier).toBe('newid');
    expect(rows('securityRoles').filter((r) => /API$/.test(String(r.name))).map((r) => r.name)).toEqual(['Old API']);
    const state = await readState();
    expect(state.resources['member:newid']?.psaId).toBe(memberId);
    expect(state.resources['member:oldid']).toBeUndefined();
    expect(state.resources['role:Old API']?.psaId).toBe(roleId); // not renamed yet: state stays with the PSA
  });

  it('verifies the rename at the screens by the same id, moves the state record, and then plans no changes', async () => {
    h.sim.store.updateRoleFromUi(roleId, { name: 'New API' });
    const run = await cwctl('apply', '--auto-approve');
    expect(run.code, run.stderr).toBe(0);
    const state = await readState();
    expect(state.resources['role:New API']?.psaId).toBe(roleId);
    expect(Object.keys(state.resources).filter((a) => a.includes('Old API'))).toEqual([]);
    // Its levels came along: recorded as they were, and no level step was ever planned for the rename.
    expect(JSON.stringify(state.resources['role:New API']?.applied)).toContain('"inquire":"All"');
    expect(rows('securityRoles').filter((r) => r.name === 'New API')).toHaveLength(1);
    const again = await cwctl('plan', '--detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');
    // The moves are done: the entries may stay in the file, and say so.
    expect(again.stderr).toContain('already done or not needed');
  });

  it('only moves state when a person renamed the role in the PSA before the apply', async () => {
    h.sim.store.updateRoleFromUi(roleId, { name: 'Newer API' });
    await writeFile(join(dir, 'cwctl.yaml'), yaml('Newer API', 'newid', 'moved:\n  - { from: role:New API, to: role:Newer API }\n'));
    const plan = JSON.parse((await cwctl('plan', '--format', 'json')).stdout) as Plan;
    expect(plan.changes).toEqual([]);
    expect(plan.moved).toEqual([{ from: 'role:New API', to: 'role:Newer API', psaId: roleId }]);
    const run = await cwctl('apply', '--auto-approve');
    expect(run.code, run.stderr).toBe(0);
    const state = await readState();
    expect(state.resources['role:Newer API']?.psaId).toBe(roleId);
    expect(state.resources['role:New API']).toBeUndefined();
    expect((await cwctl('plan', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('moved: on the embedded sandbox', () => {
  it('renames a role (played by sim operator) and an API member (API): same ids in state, then no changes', async () => {
    const box = await mkdtemp(join(tmpdir(), 'cwctl-moved-sandbox-'));
    try {
      const run = (...args: string[]) => runCli(args, { cwd: box });
      const file = (role: string, id: string, moved = ''): string => `version: 1
roles:
  - { name: ${role}, unlisted: ignore, permissions: { Companies / Contacts: { inquire: All } } }
members:
  - { identifier: ${id}, name: Sandbox Member, role: ${role}, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }
${moved}`;
      const stateOf = async (): Promise<StateFile> => JSON.parse(await readFile(join(box, '.cwctl', 'state.json'), 'utf8')) as StateFile;
      // Apply, the person's part played by `cwctl sim operator`, apply again.
      const settle = async (): Promise<void> => {
        expect((await run('plan', '--out', 'p.json')).code).toBe(0);
        const first = await run('apply', '--auto-approve');
        expect(first.code, first.stderr).toBe(8);
        const played = await run('sim', 'operator', '--plan', 'p.json');
        expect(played.code, played.stderr).toBe(0);
        const second = await run('apply', '--auto-approve');
        expect(second.code, second.stderr).toBe(0);
      };
      await writeFile(join(box, 'cwctl.yaml'), file('SB Old', 'sbold'));
      await settle();
      const before = await stateOf();
      const ids = [before.resources['role:SB Old']?.psaId, before.resources['member:sbold']?.psaId];
      expect(ids.every((id) => typeof id === 'number')).toBe(true);

      await writeFile(join(box, 'cwctl.yaml'), file('SB New', 'sbnew', 'moved:\n  - { from: role:SB Old, to: role:SB New }\n  - { from: member:sbold, to: member:sbnew }\n'));
      const plan = JSON.parse((await run('plan', '--format', 'json')).stdout) as Plan;
      expect(plan.changes.map((c) => c.action)).toEqual(['rename', 'rename']);
      await settle();
      const after = await stateOf();
      expect([after.resources['role:SB New']?.psaId, after.resources['member:sbnew']?.psaId]).toEqual(ids);
      expect(Object.keys(after.resources).filter((a) => a.includes('SB Old') || a.includes('sbold'))).toEqual([]);
      const again = await run('plan', '--detailed-exitcode');
      expect(again.code, again.stdout + again.stderr).toBe(0);
    } finally {
      await rm(box, { recursive: true, force: true });
    }
  }, 240_000); // eleven CLI runs on a shared 2-core machine
});
