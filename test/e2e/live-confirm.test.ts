// A Table Setup list is read back with the member's own keys; while none are known, apply --wait says the exact
// `cwctl apply --confirm ADDRESS` command for it (quoted: the role name has a space), and that command, pasted
// into a shell as printed, confirms the step.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readStateFile } from '../../src/state/state-file.js';
import { CLI, ensureBuilt } from './helpers/cli.js';
import { runCwctl, startSim, uiSetting } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });

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
const env = (): NodeJS.ProcessEnv => ({ ...h.env, NO_COLOR: '1', CWCTL_WAIT_POLL_MS: '100' });

beforeAll(async () => {
  ensureBuilt();
  h = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-live-confirm-'));
  await writeFile(join(dir, 'cwctl.yaml'), YAML);
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe('apply --wait: a list only member keys can read', () => {
  it('prints the --confirm command while no keys are known, and that command confirms the step', async () => {
    const first = await runCwctl(['apply', '--auto-approve'], { cwd: dir, env: env() });
    expect(first.code, first.stderr).toBe(8);
    const state = (await readStateFile(join(dir, '.cwctl')))!;
    const roleId = state.resources['role:Keys API']!.psaId!;
    // The person does it all in the screens; the levels read back, the list cannot be (no keysm pair).
    await h.ui('PUT', `/securityRoles/${roleId}/settings`, [uiSetting('Service Desk / Service Tickets', { inquire: 'All' }), uiSetting('System / Table Setup', { inquire: 'All' })]);
    await h.ui('PUT', `/securityRoles/${roleId}/tableSetup`, ['Company / Company Status']);

    const waited = await runCwctl(['apply', '--auto-approve', '--wait', '--timeout', '2s'], { cwd: dir, env: env() });
    expect(waited.code, waited.stderr).toBe(8);
    const command = /cwctl cannot read this back; once done, confirm it when this apply ends: (cwctl apply --confirm .*)$/m.exec(waited.stderr)?.[1];
    expect(command, waited.stderr).toBe("cwctl apply --confirm 'role:Keys API/tableSetup'");

    // Run as printed, by a shell (cwctl is the built CLI here); --auto-approve as there is no terminal.
    const run = await promisify(execFile)('sh', ['-c', `cwctl() { "${process.execPath}" "$CLI" "$@"; }; ${command} --auto-approve`], {
      cwd: dir,
      env: { ...env(), CLI },
    });
    expect(run.stdout).toMatch(/1 of 1 guided step\(s\) verified|Apply complete/);
    const after = (await readStateFile(join(dir, '.cwctl')))!;
    expect(after.resources['role:Keys API/tableSetup']).toBeDefined();
  });
});
