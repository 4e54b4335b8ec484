// Members' own keys (CWCTL_NEW_KEY_<MEMBER>) at plan and apply: plan reads Table Setup with them as apply does,
// so a plan saved with the keys applies with them (not stale); a pair the PSA refuses is exit 3 naming the
// variable, after the rest of the apply was done, never an abort blaming the run's own credentials.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { readStateFile } from '../../src/state/state-file.js';
import { runCwctl, startSim, uiSetting } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const YAML = `version: 1
roles:
  - name: Keys API
    unlisted: ignore
    permissions: { Service Desk / Service Tickets: { inquire: All }, System / Table Setup: { inquire: All } }
    tableSetup: [Company / Company Status]
members:
  - { identifier: keysm, name: Keys, role: Keys API, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }
`;

let h: SimHandle;
let dir: string;
const cwctl = (env: NodeJS.ProcessEnv, ...args: string[]) => runCwctl(args, { cwd: dir, env: { ...h.env, ...env } });

beforeAll(async () => {
  h = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-member-keys-'));
  await writeFile(join(dir, 'cwctl.yaml'), YAML);
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe("members' own keys", () => {
  let good = '';
  it('first apply creates the role and member; the person sets levels and Table Setup and makes a key', async () => {
    const first = await cwctl({}, 'apply', '--auto-approve');
    expect(first.code, first.stderr).toBe(8);
    const state = (await readStateFile(join(dir, '.cwctl')))!;
    const roleId = state.resources['role:Keys API']!.psaId!;
    await h.ui('PUT', `/securityRoles/${roleId}/settings`, [
      uiSetting('Service Desk / Service Tickets', { inquire: 'All' }),
      uiSetting('System / Table Setup', { inquire: 'All' }),
    ]);
    await h.ui('PUT', `/securityRoles/${roleId}/tableSetup`, ['Company / Company Status']);
    const key = await h.ui<{ publicKey: string; privateKey: string }>('POST', `/apiMembers/${state.resources['member:keysm']!.psaId!}/apiKeys`, { description: 'reader' });
    good = `${key.publicKey}:${key.privateKey}`;
  });

  it('a refused pair: exit 3 naming the variable, the rest of the apply done, no blame on the run\'s keys', async () => {
    const before = (await readStateFile(join(dir, '.cwctl')))!.serial;
    const run = await cwctl({ CWCTL_NEW_KEY_KEYSM: 'wrongpublic:wrongprivate' }, 'apply', '--auto-approve');
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('CWCTL_NEW_KEY_KEYSM');
    expect(run.stderr).not.toMatch(/CWCTL_PUBLIC_KEY|internal error/);
    expect(run.stderr).not.toContain('wrongprivate');
    // The apply went on to its end: it re-read what it owns and recorded it (a new serial, the member's snapshot).
    const state = (await readStateFile(join(dir, '.cwctl')))!;
    expect(state.serial).toBeGreaterThan(before);
    expect(state.resources['member:keysm']).toMatchObject({ applied: { identifier: 'keysm', role: 'Keys API' } });
  });

  it('plan reads Table Setup with the pair, and the plan it saves applies with it (not stale)', async () => {
    const planned = await cwctl({ CWCTL_NEW_KEY_KEYSM: good }, 'plan', '--out', 'plan.json', '--format', 'json');
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as Plan;
    // Read with the member's keys, the list is known to match: no guided Table Setup step is left.
    expect(plan.operations.filter((o) => o.type === 'setCustomizeItems')).toEqual([]);
    const applied = await cwctl({ CWCTL_NEW_KEY_KEYSM: good }, 'apply', 'plan.json');
    expect(applied.code, applied.stderr).toBe(0);
    expect((await readStateFile(join(dir, '.cwctl')))!.resources['role:Keys API/tableSetup']).toBeDefined();
  });
});
