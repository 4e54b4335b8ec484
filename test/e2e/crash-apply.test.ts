// Interrupted applies: the CLI is SIGKILLed after each completed operation (test-only hook
// CWCTL_TEST_KILL_AFTER_OPS=N: kill itself right after the N-th state write) and in the middle of a request
// (simulator latency keeps one in flight). Every time: the state file is valid, a re-run (after clearing the
// stale lock) reaches the same end state once the person has done the levels, and nothing exists twice.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readStateFile } from '../../src/state/state-file.js';
import { CLI, runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

// CLI runs on a loaded 2-core machine (files run in parallel) can be slow: a generous bound, not a target.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const YAML = `version: 1
roles:
  - name: Alpha API
    unlisted: ignore
    permissions:
      Service Desk / Service Tickets: { inquire: All }
  - name: Beta API
    unlisted: ignore
    permissions:
      Companies / Contacts: { inquire: All }
members:
  - { identifier: alpha, name: Alpha, role: Alpha API, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }
  - { identifier: beta, name: Beta, role: Beta API, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }
mappings:
  managedDevices:
    - name: Crash RMM
      solution: Datto RMM
      crossReferences:
        - { vendorType: Desktop, configurationType: Managed Workstation, agreementType: Managed Services, product: RMM-WS }
        - { vendorType: Server, configurationType: Managed Server, agreementType: Managed Services, product: RMM-SRV }
`;
/** create 2 roles, 2 members, 1 mapping, 2 cross references. */
const API_OPERATIONS = 7;

interface Killed {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function applyUntilKilled(h: SimHandle, dir: string, env: Record<string, string>, killAfterMs?: number, killWhen?: () => Promise<boolean>): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'apply', '--auto-approve'], { cwd: dir, env: { ...h.env, ...env }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
    if (killWhen) {
      const poll = async (): Promise<void> => {
        if (child.exitCode !== null) return;
        if (await killWhen()) setTimeout(() => child.kill('SIGKILL'), killAfterMs ?? 0);
        else setTimeout(() => void poll(), 10);
      };
      void poll();
    }
  });
}

/** The person at the screens sets the levels of whichever of the two roles exist by now. */
function playLevels(h: SimHandle): number {
  const roles = (h.sim.store.rows('securityRoles') as Record<string, unknown>[]).filter((r) => ['Alpha API', 'Beta API'].includes(r.name as string));
  for (const role of roles) {
    h.sim.store.setRoleLevels(role.id as number, [
      role.name === 'Alpha API'
        ? { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All' }
        : { moduleName: 'Companies', moduleFunctionName: 'Contacts', inquireLevel: 'All' },
    ]);
  }
  return roles.length;
}

/**
 * Resumes after the crash: the person does the levels, apply runs again (once more if a role it needed for the
 * levels did not exist yet) and completes (exit 0). Then the PSA holds every desired object exactly once and
 * state names each with its id: the same end state as a run never interrupted.
 */
async function resumeAndExpectConverged(h: SimHandle, dir: string): Promise<void> {
  playLevels(h);
  // The roles may exist already, so raising their levels counts as an escalation: the resumed run allows it.
  let rerun = await runCwctl(['apply', '--auto-approve', '--allow-escalation'], { cwd: dir, env: h.env });
  if (rerun.code === 8) {
    playLevels(h);
    rerun = await runCwctl(['apply', '--auto-approve', '--allow-escalation'], { cwd: dir, env: h.env });
  }
  expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);

  const rows = (table: string) => h.sim.store.rows(table as never) as Record<string, unknown>[];
  const roles = rows('securityRoles').filter((r) => ['Alpha API', 'Beta API'].includes(r.name as string));
  const members = rows('members').filter((m) => ['alpha', 'beta'].includes(m.identifier as string));
  const mappings = rows('managedDevicesIntegrations').filter((m) => m.name === 'Crash RMM');
  expect(roles).toHaveLength(2);
  expect(members).toHaveLength(2);
  expect(mappings).toHaveLength(1);
  const mappingId = mappings[0]!.id as number;
  const xrefs = await h.api<{ id: number; vendorType: string }[]>('GET', `/company/managedDevicesIntegrations/${mappingId}/crossReferences?pageSize=1000`);
  expect(xrefs.map((x) => x.vendorType).sort()).toEqual(['Desktop', 'Server']);

  const state = (await readStateFile(join(dir, '.cwctl')))!;
  const id = (rowsOf: Record<string, unknown>[], key: string, value: string) => rowsOf.find((r) => r[key] === value)!.id;
  expect(state.resources['role:Alpha API']?.psaId).toBe(id(roles, 'name', 'Alpha API'));
  expect(state.resources['role:Beta API']?.psaId).toBe(id(roles, 'name', 'Beta API'));
  expect(state.resources['member:alpha']?.psaId).toBe(id(members, 'identifier', 'alpha'));
  expect(state.resources['member:beta']?.psaId).toBe(id(members, 'identifier', 'beta'));
  expect(state.resources['mapping:managedDevices/Crash RMM']?.psaId).toBe(mappingId);
  expect(state.resources['mapping:managedDevices/Crash RMM/xref:Server']?.psaId).toBe(xrefs.find((x) => x.vendorType === 'Server')!.id);
  expect(state.resources['mapping:managedDevices/Crash RMM/xref:Desktop']?.psaId).toBe(xrefs.find((x) => x.vendorType === 'Desktop')!.id);
}

async function freshWorkspace(): Promise<{ h: SimHandle; dir: string }> {
  const h = await startSim();
  const dir = await mkdtemp(join(tmpdir(), 'cwctl-crash-'));
  await writeFile(join(dir, 'cwctl.yaml'), YAML);
  return { h, dir };
}

describe.concurrent('apply killed with SIGKILL', () => {
  it.each(Array.from({ length: API_OPERATIONS }, (_, i) => i + 1))('after operation %i: valid state, the re-run converges without duplicates', async (n) => {
    const { h, dir } = await freshWorkspace();
    try {
      const killed = await applyUntilKilled(h, dir, { CWCTL_TEST_KILL_AFTER_OPS: String(n) });
      expect(killed.signal).toBe('SIGKILL');
      const state = await readStateFile(join(dir, '.cwctl'));
      expect(state?.serial).toBe(n);
      expect(Object.keys(state!.resources).length).toBeLessThanOrEqual(n);

      if (n === 1) {
        // The dead run's lock is reported as stale, with the exact command that clears it.
        const blocked = await runCwctl(['apply', '--auto-approve'], { cwd: dir, env: h.env });
        expect(blocked.code).toBe(5);
        const command = /cwctl state force-unlock (\S+)/.exec(blocked.stderr);
        expect(blocked.stderr).toContain('stale lock');
        expect(command).not.toBeNull();
        const unlocked = await runCwctl(['state', 'force-unlock', command![1]!], { cwd: dir, env: h.env });
        expect(unlocked.code).toBe(0);
      } else {
        await unlink(join(dir, '.cwctl', 'state.lock'));
      }
      await resumeAndExpectConverged(h, dir);
    } finally {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([60, 180])('in the middle of a request (%i ms into it): the re-run converges without duplicates', async (offset) => {
    const { h, dir } = await freshWorkspace();
    try {
      h.sim.faults.update({ latencyMs: 250 });
      // Kill once the first operation is recorded, while later requests are on the wire.
      const killed = await applyUntilKilled(h, dir, {}, offset, async () => (await readStateFile(join(dir, '.cwctl')).catch(() => null)) !== null);
      expect(killed.signal).toBe('SIGKILL');
      const state = await readStateFile(join(dir, '.cwctl'));
      expect(state).not.toBeNull();
      expect(Object.keys(state!.resources).length).toBeLessThan(API_OPERATIONS); // it died part-way
      h.sim.faults.update({ latencyMs: 0 });
      await unlink(join(dir, '.cwctl', 'state.lock'));
      await resumeAndExpectConverged(h, dir);
    } finally {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
