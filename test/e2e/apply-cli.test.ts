// The apply command line: no prompt without a terminal (exit 3 with the hint), a saved plan that went stale
// (exit 5), a state that belongs to another PSA (exit 5), and --wait ticking the checklist off as a person
// works at the screens until the apply completes (exit 0).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StateFile } from '../../src/model/state.js';
import { CLI, runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

// CLI runs on a loaded 2-core machine (files run in parallel) can be slow: a generous bound, not a target.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const YAML = `version: 1
roles:
  - { name: Wait API, unlisted: ignore, permissions: { Service Desk / Service Tickets: { inquire: All, edit: My } } }
members:
  - { identifier: waiter, name: Waiter, role: Wait API, level: Corporate (Level 1), location: Tampa, businessUnit: Admin, apiKeys: [{ description: wait key }] }
`;

let h: SimHandle;
let dir: string;
const cwctl = (...args: string[]) => runCwctl(args, { cwd: dir, env: h.env });

beforeAll(async () => {
  h = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-apply-cli-'));
  await writeFile(join(dir, 'cwctl.yaml'), YAML);
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe('cwctl apply', () => {
  it('asks nothing without a terminal: exit 3 with the hint, and nothing written', async () => {
    h.sim.stats.reset();
    const run = await cwctl('apply');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--auto-approve');
    expect(h.sim.stats.snapshot().writes).toBe(0);
  });

  it('refuses a saved plan once the state moved on (exit 5)', async () => {
    expect((await cwctl('plan', '--out', 'plan.json')).code).toBe(0);
    expect((await cwctl('apply', 'plan.json')).code).toBe(8);
    const again = await cwctl('apply', 'plan.json');
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/stale/);
  });

  it('a repeated apply before the checklist is done waits on it (exit 8), not refused as an escalation (exit 6)', async () => {
    // The plan applied above approved Inquire All / Edit My on the new role; asking again is not a new escalation.
    const again = await cwctl('apply', '--auto-approve');
    expect(again.code, again.stderr).toBe(8);
    expect(again.stdout).toContain('Inquire Level: None -> All');
    // A raise beyond what was approved still is one.
    const raised = join(dir, 'raised');
    const { mkdir, cp } = await import('node:fs/promises');
    await mkdir(raised);
    await cp(join(dir, '.cwctl'), join(raised, '.cwctl'), { recursive: true });
    await writeFile(join(raised, 'cwctl.yaml'), YAML.replace('edit: My', 'edit: All'));
    const refused = await runCwctl(['apply', '--auto-approve'], { cwd: raised, env: h.env });
    expect(refused.code, refused.stderr).toBe(6);
    expect(refused.stderr + refused.stdout).toMatch(/--allow-escalation/);
  });

  it('refuses a state that belongs to another PSA (exit 5)', async () => {
    const other = await mkdtemp(join(tmpdir(), 'cwctl-other-'));
    try {
      const state = JSON.parse(await readFile(join(dir, '.cwctl', 'state.json'), 'utf8')) as StateFile;
      await writeFile(join(other, 'cwctl.yaml'), YAML);
      const { mkdir } = await import('node:fs/promises');
      await mkdir(join(other, '.cwctl'));
      await writeFile(join(other, '.cwctl', 'state.json'), JSON.stringify({ ...state, target: { site: 'api-eu.myconnectwise.net', company: 'elsewhere' } }));
      const run = await runCwctl(['apply', '--auto-approve'], { cwd: other, env: h.env });
      expect(run.code).toBe(5);
      expect(run.stderr).toContain('belongs to company "elsewhere"');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('--wait keeps the checklist open and completes once the person is done', async () => {
    const roleId = h.sim.store.rows('securityRoles').find((r) => r.name === 'Wait API')!.id as number;
    const memberId = h.sim.store.rows('members').find((m) => m.identifier === 'waiter')!.id as number;
    const key = h.sim.store.createApiKey(memberId, 'wait key');
    const started = Date.now();
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'apply', '--auto-approve', '--allow-escalation', '--wait', '--timeout', '60s'], {
        cwd: dir,
        env: { ...h.env, CWCTL_WAIT_POLL_MS: '100', CWCTL_NEW_KEY_WAITER: `${key.publicKey}:${key.privateKey}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        // The person starts once cwctl has verified what it could (the key) and waits on the levels.
        if (/guided steps verified: 1 of 3/.test(stderr) && !stderr.includes('#played')) {
          stderr += '#played';
          h.sim.store.setRoleLevels(roleId, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All', editLevel: 'My' }]);
        }
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toMatch(/guided steps verified: 3 of 3/);
    expect(result.stdout).toMatch(/Apply complete/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('sim operator plays a markdown checklist on a running simulator, and refuses a real PSA', async () => {
    // A new key of the same description is asked for again once state forgets the old one.
    expect((await cwctl('state', 'rm', 'member:waiter/apiKey:wait key')).code).toBe(0);
    const roleId = h.sim.store.rows('securityRoles').find((r) => r.name === 'Wait API')!.id as number;
    h.sim.store.setRoleLevels(roleId, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'None', editLevel: 'None' }]);
    const open = await cwctl('apply', '--auto-approve', '--allow-escalation', '--checklist-out', 'cl.md');
    expect(open.code, open.stderr).toBe(8);
    const refused = await runCwctl(['sim', 'operator', '--checklist', 'cl.md'], { cwd: dir, env: { ...h.env, CWCTL_SITE: 'api-na.myconnectwise.net' } });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('not on loopback');
    const played = await cwctl('sim', 'operator', '--checklist', 'cl.md', '--keys-out', 'k.env');
    expect(played.code, played.stderr).toBe(0);
    expect(played.stdout).toContain('API key "wait key" for waiter');
    const done = await cwctl('apply', '--auto-approve', '--allow-escalation', '--new-keys', 'k.env');
    expect(done.code, done.stdout + done.stderr).toBe(0);
  });
});
