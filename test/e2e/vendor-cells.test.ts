// Cells a vendor documents and cwctl's catalogue calls impossible (Barracuda: Edit All on Configuration - Display
// Passwords, Add/Edit All on Billing View Time, Financial Dashboard and Finance Reports): offline validate only
// warns; on the independent world, whose PSA offers them, they apply, are verified and plan clean. On the built-in
// world, whose screens do not offer them, plan cannot know (the API shows only myAllFlag, not each column's levels):
// it keeps the warning, and the person at the screen is refused the cell.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { runCwctl, startSim } from '../inspect/sim-helpers.js';
import { playChecklist } from './helpers/play-checklist.js';
import { WORLDS } from './helpers/worlds.js';

const YAML = `version: 1
roles:
  - name: BarracudaMSP
    permissions:
      Companies / Configuration - Display Passwords: { edit: All, inquire: All }
      Finance / Billing View Time: { add: All, edit: All, inquire: All }
      Finance / Financial Dashboard: { add: All, edit: All, inquire: All }
      Finance / Reports: { add: All, edit: All, inquire: All }
`;

const [builtIn, independent] = WORLDS;

describe('vendor-documented cells the catalogue calls impossible', () => {
  it('validate warns (exit 0); the independent world applies, verifies and plans them clean', async () => {
    const h = await startSim(independent);
    const dir = await mkdtemp(join(tmpdir(), 'cwctl-vendor-cells-'));
    try {
      await writeFile(join(dir, 'cwctl.yaml'), YAML);
      const run = (...args: string[]) => runCwctl(args, { cwd: dir, env: h.env });
      const validate = await runCwctl(['validate'], { cwd: dir, env: {} });
      expect(validate.code, validate.stdout + validate.stderr).toBe(0);
      expect(validate.stdout + validate.stderr).toMatch(/warning\[level-not-offered\].*Billing View Time/);

      const first = await run('apply', '--auto-approve', '--format', 'json');
      expect(first.stderr).not.toMatch(/internal error/);
      expect(first.code, first.stderr).toBe(8);
      const plan = (JSON.parse(first.stdout) as { plan: Plan }).plan;
      await playChecklist(h, independent!, plan, dir);
      const second = await run('apply', '--auto-approve');
      expect(second.code, second.stdout + second.stderr).toBe(0);
      const [role] = await h.api<{ id: number }[]>('GET', '/system/securityroles?conditions=name="BarracudaMSP"');
      const settings = await h.api<{ moduleFunctionName: string; addLevel: string; editLevel: string }[]>('GET', `/system/securityRoles/${role!.id}/settings?pageSize=1000`);
      expect(settings.find((s) => s.moduleFunctionName === 'Billing View Time')).toMatchObject({ addLevel: 'All', editLevel: 'All' });
      expect(settings.find((s) => s.moduleFunctionName === 'Configuration – Display Passwords')).toMatchObject({ editLevel: 'All' });
      const again = await run('plan', '--detailed-exitcode');
      expect(again.code, again.stdout + again.stderr).toBe(0);
    } finally {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('the built-in world does not offer them: plan keeps the warning, the screen refuses the cell', async () => {
    const h = await startSim(builtIn);
    const dir = await mkdtemp(join(tmpdir(), 'cwctl-vendor-cells-'));
    try {
      await writeFile(join(dir, 'cwctl.yaml'), YAML);
      const first = await runCwctl(['apply', '--auto-approve', '--format', 'json'], { cwd: dir, env: h.env });
      expect(first.code, first.stderr).toBe(8);
      expect(first.stderr).toMatch(/warning\[level-not-offered\].*Billing View Time has no Add level/);
      const plan = (JSON.parse(first.stdout) as { plan: Plan }).plan;
      await expect(playChecklist(h, builtIn!, plan, dir)).rejects.toThrow(/400 .*is not offered \(choose None/);
    } finally {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
