// `cwctl drift` end to end, on each world (helpers/worlds.ts): state adopted by import, then a change at the PSA screens (/__sim/ui) and one through
// the API are drift (function, level, who, when), a YAML edit is pending, and undoing both is in sync again.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/inspect/drift-report.js';
import { UI_OPERATOR } from '../../src/sim/store.js';
import { lookupId, runCwctl, startSim, uiSetting } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';
import { WORLDS } from './helpers/worlds.js';

describe.each(WORLDS)('cwctl drift on the $label world', (world) => {
  let handle: SimHandle;
  let cwd: string;
  let roleId: number;
  let memberId: number;
  let imported: string;

  const drift = async (...args: string[]) => runCwctl(['drift', ...args], { cwd, env: handle.env });

  beforeAll(async () => {
    handle = await startSim(world);
    cwd = await mkdtemp(join(tmpdir(), 'cwctl-drift-'));
    const level = await lookupId(handle, '/system/myCompany/corporateStructureLevels', world.level('Corporate (Level 1)'));
    roleId = (await handle.api<{ id: number }>('POST', '/system/securityroles', { name: 'Ops' })).id;
    await handle.ui('PUT', `/securityRoles/${roleId}/settings`, [uiSetting('Service Desk / Service Tickets', { inquire: 'All', edit: 'My' }, world)]);
    memberId = (await handle.api<{ id: number }>('POST', '/system/apiMembers', { identifier: 'ops', name: 'Ops Sync', securityRole: { id: roleId }, structureLevel: { id: level } })).id;
    const run = await runCwctl(['import', '--roles', 'Ops', '--members', 'ops'], { cwd, env: handle.env });
    expect(run.code).toBe(0);
    imported = await readFile(join(cwd, 'cwctl.yaml'), 'utf8');
  });
  afterAll(async () => handle.close());

  {
    it('is in sync (exit 0) right after import', async () => {
      const run = await drift();
      expect(run.stdout).toContain('in sync');
      expect(run.code).toBe(0);
    });

    it('reports a change made at the PSA screens as drift: function, level, who and when (exit 2)', async () => {
      await handle.ui('PUT', `/securityRoles/${roleId}/settings`, [uiSetting('Service Desk / Service Tickets', { inquire: 'None' }, world)]);
      await handle.api('PATCH', `/system/apiMembers/${memberId}`, [{ op: 'replace', path: 'name', value: 'Ops Sync (renamed)' }]);
      const run = await drift('--format', 'json');
      expect(run.code).toBe(2);
      const report = JSON.parse(run.stdout) as DriftReport;
      expect(report.pending).toEqual([]);
      const cell = report.drift.find((d) => d.address === 'role:Ops/setting:Service Desk / Service Tickets');
      expect(cell).toMatchObject({ before: { inquire: 'All', edit: 'My' }, after: { inquire: 'None', edit: 'My' }, updatedBy: UI_OPERATOR });
      expect(Date.parse(cell!.lastUpdated!)).toBeGreaterThan(Date.parse('2026-01-01'));
      const member = report.drift.find((d) => d.address === 'member:ops');
      expect(member).toMatchObject({ before: { name: 'Ops Sync' }, after: { name: 'Ops Sync (renamed)' }, updatedBy: handle.sim.admin.memberIdentifier });
      // The changes an apply would make only undo the drift: not pending.
      expect(report.restores.map((c) => c.address).sort()).toEqual(['member:ops', 'role:Ops/setting:Service Desk / Service Tickets']);

      const text = await drift();
      expect(text.stdout).toContain(`~ role:Ops/setting:Service Desk / Service Tickets: inquire All -> None  (by ${UI_OPERATOR} at `);
    });

    it('reports a YAML edit as pending, apart from the drift, in issue-ready markdown', async () => {
      await writeFile(join(cwd, 'cwctl.yaml'), imported.replace('Service Desk / Service Tickets: { edit: My, inquire: All }', 'Service Desk / Service Tickets: { edit: My, inquire: All }\n      Finance / Invoicing: { inquire: All }'));
      const json = JSON.parse((await drift('--format', 'json')).stdout) as DriftReport;
      expect(json.pending.map((c) => c.address)).toEqual(['role:Ops/setting:Finance / Invoicing']);
      expect(json.drift.length).toBe(2);
      const md = await drift('--format', 'markdown');
      expect(md.code).toBe(2);
      const lines = md.stdout.split('\n');
      expect(lines[0]).toBe('<!-- cwctl-drift:cwctl.yaml -->');
      expect(lines[1]).toBe('## cwctl drift: 2 drifted, 1 pending');
      expect(md.stdout).toContain(`| \`role:Ops/setting:Service Desk / Service Tickets\` | inquire All -> None | ${UI_OPERATOR} |`);
      expect(md.stdout).toContain('| `role:Ops/setting:Finance / Invoicing` | update | inquire None -> All |');
    });

    it('is in sync again once the PSA and the YAML are put back', async () => {
      await writeFile(join(cwd, 'cwctl.yaml'), imported);
      await handle.ui('PUT', `/securityRoles/${roleId}/settings`, [uiSetting('Service Desk / Service Tickets', { inquire: 'All' }, world)]);
      await handle.api('PATCH', `/system/apiMembers/${memberId}`, [{ op: 'replace', path: 'name', value: 'Ops Sync' }]);
      const run = await drift('--format', 'json');
      expect(JSON.parse(run.stdout)).toMatchObject({ inSync: true, drift: [], pending: [], restores: [] });
      expect(run.code).toBe(0);
    });
  }
});
