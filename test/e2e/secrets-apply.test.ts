// Secrets stay where they belong: the README walk on the sandbox (plan --out, apply the saved plan (exit 8),
// `cwctl sim operator` plays the checklist and hands over new keys, apply --new-keys --keys-out (exit 0), plan
// (no changes)), with --debug. Then the whole workspace, the state, the plan, the checklist, every stdout and
// stderr are searched for the new private keys and their Basic auth headers: only the key sink holds them.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readNewKeysFile } from '../../src/apply/key-intake.js';
import { CLI, ROOT } from '../inspect/sim-helpers.js';

// CLI runs on a loaded 2-core machine (files run in parallel) can be slow: a generous bound, not a target.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let workspace: string;
let handover: string;
const outputs: Run[] = [];

function cwctl(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // No CWCTL_SITE: the embedded sandbox, as a newcomer meets it.
    const child = spawn(process.execPath, [CLI, '-f', join(ROOT, 'examples', 'wise-sync', 'cwctl.yaml'), ...args], {
      cwd: workspace,
      env: { PATH: process.env.PATH, NO_COLOR: '1', USER: 'newcomer' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const run = { code: code ?? 1, stdout, stderr };
      outputs.push(run);
      resolve(run);
    });
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'cwctl-secrets-ws-'));
  // The operator's hand-over file lives outside the workspace (as a password manager export would).
  handover = await mkdtemp(join(tmpdir(), 'cwctl-secrets-handover-'));
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
  await rm(handover, { recursive: true, force: true });
});

describe('the README walk on the sandbox, and where secrets end up', () => {
  it('plan -> apply (8) -> sim operator -> apply (0) -> plan (no changes); private keys only in the sink', async () => {
    const plan = await cwctl('plan', '--out', 'plan.json');
    expect(plan.code, plan.stderr).toBe(0);
    const first = await cwctl('apply', 'plan.json', '--checklist-out', 'checklist.md');
    expect(first.code, first.stderr).toBe(8);
    expect(first.stdout).toContain('Guided steps:');

    const newKeys = join(handover, 'new-keys.env');
    const operator = await cwctl('sim', 'operator', '--plan', 'plan.json', '--keys-out', newKeys);
    expect(operator.code, operator.stderr).toBe(0);
    expect((await stat(newKeys)).mode & 0o777).toBe(0o600);
    const pairs = await readNewKeysFile(newKeys);
    expect(pairs.length).toBeGreaterThan(0);

    const second = await cwctl('apply', '--auto-approve', '--debug', '--new-keys', newKeys, '--keys-out', 'secrets.env');
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Apply complete/);
    const again = await cwctl('plan', '--detailed-exitcode');
    expect(again.code, again.stdout).toBe(0);
    const shown = await cwctl('state', 'show', 'member:wisesync/apiKey:Wise-Sync production', '--format', 'json');
    expect(JSON.parse(shown.stdout)).toMatchObject({ kind: 'apiKey', publicKeySuffix: pairs[0]![1].publicKey.slice(-4) });

    const state = JSON.parse(await readFile(join(workspace, '.cwctl', 'state.json'), 'utf8'));
    const needles = pairs.flatMap(([, p]) => [
      p.privateKey,
      Buffer.from(`sandbox+${p.publicKey}:${p.privateKey}`).toString('base64'),
      Buffer.from(`${state.target.company}+${p.publicKey}:${p.privateKey}`).toString('base64'),
    ]);
    const sink = join(workspace, 'secrets.env');
    const holders: string[] = [];
    for (const file of await filesUnder(workspace)) {
      const text = await readFile(file, 'latin1');
      if (needles.some((n) => text.includes(n))) holders.push(file);
    }
    expect(holders).toEqual([sink]);
    expect((await stat(sink)).mode & 0o777).toBe(0o600);
    for (const p of pairs) expect(await readFile(sink, 'utf8')).toContain(`${p[1].publicKey}:${p[1].privateKey}`);
    for (const run of outputs) for (const n of needles) {
      expect(run.stdout).not.toContain(n);
      expect(run.stderr).not.toContain(n);
    }
    // --debug did log requests, so the absence above means something
    expect(second.stderr).toMatch(/GET .*securityroles/i);
  });
});
