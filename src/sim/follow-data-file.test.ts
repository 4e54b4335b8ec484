// A simulator told to follow its data file serves what another process wrote there (the sandbox of an
// `apply --wait` while `cwctl sim operator` plays the checklist), keeps its own unwritten changes over
// another's, and ignores another sandbox's file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSimData, saveSimData } from './persist.js';
import type { RunningSimulator } from './start-simulator.js';
import { startSimulator } from './start-simulator.js';

const started: RunningSimulator[] = [];
let dir = '';
afterEach(async () => {
  for (const sim of started.splice(0)) await sim.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function pair(): Promise<{ apply: RunningSimulator; operator: RunningSimulator; file: string; roleId: number }> {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-follow-'));
  const file = join(dir, 'sandbox.json');
  const apply = await startSimulator({ dataFile: file, company: 'sandbox', followDataFile: true, roles: 2, members: 2 });
  started.push(apply);
  const operator = await startSimulator({ dataFile: file, company: 'sandbox' });
  started.push(operator);
  return { apply, operator, file, roleId: apply.store.rows('securityRoles')[0]!.id as number };
}

const inquireOf = async (sim: RunningSimulator, roleId: number): Promise<unknown> => {
  const rows = (await (await fetch(`${sim.url}/__sim/ui/securityRoles/${roleId}/settings`)).json()) as { moduleName: string; moduleFunctionName: string; inquireLevel: string }[];
  return rows.find((r) => r.moduleName === 'Service Desk' && r.moduleFunctionName === 'Service Tickets')?.inquireLevel;
};

describe('followDataFile', () => {
  it('serves what another process wrote to the data file', async () => {
    const { apply, operator, file, roleId } = await pair();
    const before = await inquireOf(apply, roleId);
    const next = before === 'All' ? 'None' : 'All';
    operator.store.setRoleLevels(roleId, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: next }]);
    operator.flush();
    expect(await inquireOf(apply, roleId)).toBe(next);
    // ... and does not write its old copy back over it when it closes.
    await apply.close();
    expect(JSON.stringify(loadSimData(file)!.roleLevels[String(roleId)])).toContain(`"inquire":"${next}"`);
  });

  it('ignores the file of another sandbox (other company)', async () => {
    const { apply, file, roleId } = await pair();
    const before = await inquireOf(apply, roleId);
    const other = loadSimData(file)!;
    saveSimData(file, { ...other, company: 'elsewhere', roleLevels: {} });
    expect(await inquireOf(apply, roleId)).toBe(before);
  });
});
