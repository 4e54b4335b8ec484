// `cwctl apply --refresh-only` end to end: drift made at the PSA screens and through the API is recorded in state
// (never written back to the PSA), after which drift is empty and plan shows the YAML's difference as pending;
// without a terminal or --auto-approve it asks for approval (exit 3) and changes nothing.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/inspect/drift-report.js';
import type { StateFile } from '../../src/model/state.js';
import { lookupId, runCwctl, startSim, uiSetting } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

describe('cwctl apply --refresh-only', () => {
  let handle: SimHandle;
  let cwd: string;
  let roleId: number;
  let memberId: number;
  const cwctl = (...args: string[]) => runCwctl(args, { cwd, env: handle.env });
  const state = async (): Promise<StateFile> => JSON.parse(await readFile(join(cwd, '.cwctl', 'state.json'), 'utf8')) as StateFile;

  beforeAll(async () => {
    handle = await startSim();
    cwd = await mkdtemp(join(tmpdir(), 'cwctl-refresh-'));
    const level = await lookupId(handle, '/system/myCompany/corporateStructureLevels', 'Corporate (Level 1)');
    roleId = (await handle.api<{ id: number }>('POST', '/system/securityroles', { name: 'Ops' })).id;
    await handle.ui('PUT', `/securityRoles/${roleId}/settings`, [uiSetting('Service Desk / Service Tickets', { inquire: 'All', edit: 'My' })]);
    memberId = (await handle.api<{ id: number }>('POST', '/system/apiMembers', { identifier: 'ops', name: 'Ops Sync', securityRole: { id: roleId }, structureLevel: { id: level } })).id;
    expect((await cwctl('import', '--roles', 'Ops', '--members', 'ops')).code).toBe(0);
  });
  afterAll(async () => handle.close());

  it('says there is no drift and leaves state alone when the PSA matches state', async () => {
    const serial = (await state()).serial;
    const run = await cwctl('apply', '--refresh-only', '--auto-approve');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('No drift');
    expect((await state()).serial).toBe(serial);
  });

  it('records drift in state only after approval, writes nothing to the PSA, and leaves the YAML difference pending', async () => {
    await handle.ui('PUT', `/securityRoles/${roleId}/settings`, [uiSetting('Service Desk / Service Tickets', { inquire: 'None' })]);
    await handle.api('PATCH', `/system/apiMembers/${memberId}`, [{ op: 'replace', path: 'name', value: 'Ops Sync (renamed)' }]);
    const before = await state();

    // No terminal and no --auto-approve: refused, state untouched.
    const refused = await cwctl('apply', '--refresh-only');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('approval');
    expect((await state()).serial).toBe(before.serial);

    const writes = handle.sim.stats.snapshot().writes;
    const run = await cwctl('apply', '--refresh-only', '--auto-approve', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { refreshed: string[]; kept: string[]; state: { serial: number } };
    expect(out.refreshed.sort()).toEqual(['member:ops', 'role:Ops']);
    expect(out.kept).toEqual([]);
    expect(handle.sim.stats.snapshot().writes).toBe(writes); // nothing written to the PSA

    const after = await state();
    expect(after.serial).toBe(before.serial + 1);
    expect(after.resources['member:ops']?.applied).toMatchObject({ name: 'Ops Sync (renamed)' });

    // Drift is gone; the YAML (still the imported values) now differs from state and PSA: pending, not drift.
    const drift = JSON.parse((await cwctl('drift', '--format', 'json')).stdout) as DriftReport;
    expect(drift.drift).toEqual([]);
    expect(drift.pending.map((c) => c.address).sort()).toEqual(['member:ops', 'role:Ops/setting:Service Desk / Service Tickets']);
  });

  it('refuses a saved plan with --refresh-only (exit 3)', async () => {
    const run = await cwctl('apply', 'plan.json', '--refresh-only');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--refresh-only takes no saved plan');
  });
});
