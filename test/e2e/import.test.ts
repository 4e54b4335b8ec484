// `cwctl import` end to end, on each world (helpers/worlds.ts): a simulator seeded by hand (roles made through the
// API, levels and Table Setup at the screens, API members through the API), imported with the built CLI, then plan
// and drift find nothing to do.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findProfile } from '../../src/catalogue/profiles/index.js';
import { lookupId, runCwctl, startSim, uiSetting } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';
import { WORLDS } from './helpers/worlds.js';

const brightgauge = findProfile('brightgauge')!;
const REPORTING_TABLES = ['Company / Company Status', 'Service / Service Board'];

describe.each(WORLDS)('cwctl import on the $label world', (world) => {
  // Cells every world offers (My only where both do), plus, where the world has one, a function the catalogue has
  // never heard of: import keeps it and the next plan is still empty.
  const reportingPermissions: Record<string, Partial<Record<'add' | 'edit' | 'delete' | 'inquire', string>>> = {
    'Companies / Contacts': { add: 'All', inquire: 'All' },
    'Service Desk / Service Tickets': { edit: 'My', inquire: 'All' },
    'System / Table Setup': { inquire: 'All' },
    ...(world.unknownFunction ? { [world.unknownFunction]: { inquire: 'All' } } : {}),
  };
  const corporate = world.level('Corporate (Level 1)');

  let handle: SimHandle;
  let cwd: string;
  let reporterKey: { publicKey: string; privateKey: string };

  beforeAll(async () => {
    handle = await startSim(world);
    cwd = await mkdtemp(join(tmpdir(), 'cwctl-import-'));
    const level = await lookupId(handle, '/system/myCompany/corporateStructureLevels', corporate);
    const tampa = await lookupId(handle, '/system/locations', 'Tampa');
    const bg = (await handle.api<{ id: number }>('POST', '/system/securityroles', { name: 'BrightGauge API' })).id;
    await handle.ui('PUT', `/securityRoles/${bg}/settings`, Object.entries(brightgauge.permissions).map(([k, l]) => uiSetting(k, l, world)));
    const reporting = (await handle.api<{ id: number }>('POST', '/system/securityroles', { name: 'Reporting' })).id;
    await handle.ui('PUT', `/securityRoles/${reporting}/settings`, Object.entries(reportingPermissions).map(([k, l]) => uiSetting(k, l, world)));
    await handle.ui('PUT', `/securityRoles/${reporting}/tableSetup`, REPORTING_TABLES);
    await handle.api('POST', '/system/apiMembers', { identifier: 'bg', name: 'BrightGauge', securityRole: { id: bg }, structureLevel: { id: level }, defaultLocation: { id: tampa } });
    const reporter = await handle.api<{ id: number }>('POST', '/system/apiMembers', { identifier: 'reporter', name: 'Reports', securityRole: { id: reporting }, structureLevel: { id: level } });
    reporterKey = await handle.ui('POST', `/apiMembers/${reporter.id}/apiKeys`, { description: 'import test' });
  });
  afterAll(async () => handle.close());

  {
    it('writes the smallest YAML, adopts it, and the next plan and drift are empty', async () => {
      const env = { ...handle.env, CWCTL_NEW_KEY_REPORTER: `${reporterKey.publicKey}:${reporterKey.privateKey}` };
      const run = await runCwctl(['import', '--roles', 'BrightGauge*,reporting', '--members', 'bg', '--members', 'rep*'], { cwd, env });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('2 roles (1 as a profile), 2 API members');
      expect(run.stdout).toContain('cwctl plan shows no changes'); // import's own check, the way plan reads
      // bg has no keys here: its role's Table Setup list cannot be read, and import says so; reporter's was read.
      expect(run.stderr).toContain('Table Setup access of 1 role (BrightGauge API)');

      const text = await readFile(join(cwd, 'cwctl.yaml'), 'utf8');
      const file = parse(text);
      expect(file.psa).toEqual({ site: handle.sim.url, company: handle.sim.company });
      expect(file.roles).toEqual([
        { name: 'BrightGauge API', profiles: ['brightgauge'], unlisted: 'none' },
        {
          name: 'Reporting',
          permissions: reportingPermissions,
          tableSetup: REPORTING_TABLES,
          unlisted: 'none',
        },
      ]);
      expect(file.members).toEqual([
        { identifier: 'bg', name: 'BrightGauge', role: 'BrightGauge API', level: corporate, location: 'Tampa' },
        { identifier: 'reporter', name: 'Reports', role: 'Reporting', level: corporate },
      ]);
      expect(text).toContain('Service Desk / Service Tickets: { edit: My, inquire: All }');

      const state = await readFile(join(cwd, '.cwctl', 'state.json'), 'utf8');
      for (const secret of [reporterKey.privateKey, handle.sim.admin.privateKey]) {
        expect(text).not.toContain(secret);
        expect(state).not.toContain(secret);
      }
      expect(JSON.parse(state).resources['role:Reporting/tableSetup']).toMatchObject({ verifiedBy: 'member-keys', applied: { items: REPORTING_TABLES } });

      const plan = await runCwctl(['plan', '--detailed-exitcode'], { cwd, env: handle.env });
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(0);
      const drift = await runCwctl(['drift', '--format', 'json'], { cwd, env: handle.env });
      expect(JSON.parse(drift.stdout)).toMatchObject({ inSync: true, drift: [], pending: [] });
      expect(drift.code).toBe(0);
    });

    it('refuses to overwrite the file without --force (exit 3), and overwrites with it', async () => {
      const before = await readFile(join(cwd, 'cwctl.yaml'), 'utf8');
      const refused = await runCwctl(['import', '--roles', 'Reporting', '--members', 'reporter'], { cwd, env: handle.env });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('cwctl.yaml exists: import does not overwrite it');
      expect(await readFile(join(cwd, 'cwctl.yaml'), 'utf8')).toBe(before);

      // Without the member's keys the list cannot be read: written empty, with a comment, confirmed in state.
      const other = await mkdtemp(join(tmpdir(), 'cwctl-import2-'));
      await writeFile(join(other, 'cwctl.yaml'), 'old');
      const forced = await runCwctl(['import', '--roles', 'Reporting', '--members', 'bg', '--force'], { cwd: other, env: handle.env });
      expect(forced.stderr).not.toContain('error');
      expect(forced.code).toBe(0);
      expect(forced.stderr).toContain('cannot be read through the API');
      const text = await readFile(join(other, 'cwctl.yaml'), 'utf8');
      const file = parse(text);
      expect(file.roles.map((r: { name: string }) => r.name)).toEqual(['Reporting', 'BrightGauge API']);
      expect(file.roles[0].tableSetup).toEqual([]);
      expect(file.roles[1]).toEqual({ name: 'BrightGauge API', external: true });
      expect(text).toContain('# Table Setup access cannot be read through the API for this role');
      const state = JSON.parse(await readFile(join(other, '.cwctl', 'state.json'), 'utf8'));
      expect(state.resources['role:Reporting/tableSetup']).toMatchObject({ verifiedBy: 'person', applied: { items: [] } });
      expect(state.resources['role:BrightGauge API']).toBeUndefined(); // external: never owned
      const plan = await runCwctl(['plan', '--detailed-exitcode'], { cwd: other, env: handle.env });
      expect(plan.code).toBe(0);
    });

    it("refuses (exit 5) a state dir that belongs to another PSA, before writing the file", async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cwctl-import3-'));
      await mkdir(join(dir, '.cwctl'));
      const other = { formatVersion: 1, lineage: '00000000-0000-4000-8000-000000000000', serial: 4, target: { site: 'psa.example.com', company: 'other' }, resources: {} };
      await writeFile(join(dir, '.cwctl', 'state.json'), JSON.stringify(other));
      const run = await runCwctl(['import', '--roles', 'Reporting', '--members', 'none'], { cwd: dir, env: handle.env });
      expect(run.code).toBe(5);
      expect(run.stderr).toContain('belongs to company "other" at psa.example.com');
      await expect(readFile(join(dir, 'cwctl.yaml'), 'utf8')).rejects.toThrow(/ENOENT/);
      expect(JSON.parse(await readFile(join(dir, '.cwctl', 'state.json'), 'utf8'))).toEqual(other);
    });
  }
});
