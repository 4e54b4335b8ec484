// After a person finishes the checklist, a plain re-apply has nothing to change but records what they did: the
// role's snapshot with when it was verified, so drift later names a change against it. A further no-op apply
// writes nothing (same serial).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readStateFile } from '../../src/state/state-file.js';
import { runCwctl, startSim, uiSetting } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const YAML = `version: 1
roles:
  - { name: Levels API, unlisted: ignore, permissions: { Service Desk / Service Tickets: { inquire: All } } }
`;

let h: SimHandle;
let dir: string;
const cwctl = (...args: string[]) => runCwctl(args, { cwd: dir, env: h.env });

beforeAll(async () => {
  h = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-reapply-'));
  await writeFile(join(dir, 'cwctl.yaml'), YAML);
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a plain re-apply after the checklist', () => {
  it('records the verified role (snapshot, who, when); another no-op apply writes nothing', async () => {
    expect((await cwctl('apply', '--auto-approve')).code).toBe(8);
    const stateDir = join(dir, '.cwctl');
    const waiting = (await readStateFile(stateDir))!;
    expect(waiting.resources['role:Levels API']!.applied).toBeUndefined();
    await h.ui('PUT', `/securityRoles/${waiting.resources['role:Levels API']!.psaId!}/settings`, [uiSetting('Service Desk / Service Tickets', { inquire: 'All' })]);
    const done = Date.now();

    const again = await cwctl('apply', '--auto-approve');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');
    const recorded = (await readStateFile(stateDir))!;
    const role = recorded.resources['role:Levels API']!;
    expect(role.applied).toBeDefined();
    expect(role.verifiedBy).toBe('api');
    expect(Date.parse(role.appliedAt)).toBeGreaterThanOrEqual(done - 1000);
    expect(recorded.serial).toBeGreaterThan(waiting.serial);

    expect((await cwctl('apply', '--auto-approve')).code).toBe(0);
    expect((await readStateFile(stateDir))!.serial).toBe(recorded.serial);
  });
});
