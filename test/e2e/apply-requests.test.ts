// How many requests an apply of N new roles sends, counted by the in-process simulator: one POST and one settings
// read (guided verification) per role, plus a fixed few for the plan and one shared role listing. The name check
// before each create was a role-list read per role (3 requests a role); issue #14 asks for about 2.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const N = 30;
/** Requests of the plan and the apply that do not grow with N (company info, listings, the sample settings read). */
const FIXED = 8;

let h: SimHandle;
let dir: string;

beforeAll(async () => {
  h = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-apply-requests-'));
  const roles = Array.from({ length: N }, (_, i) => [
    `  - name: Count Role ${String(i + 1).padStart(2, '0')}`,
    '    permissions:',
    '      Service Desk / Service Tickets: { inquire: All }',
  ].join('\n'));
  await writeFile(join(dir, 'cwctl.yaml'), `version: 1\nroles:\n${roles.join('\n')}\n`);
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe(`apply of ${N} new roles`, () => {
  it('sends at most 2 requests a role plus a fixed few, and reads the role list once for all the creates', async () => {
    h.sim.stats.reset();
    const run = await runCwctl(['apply', '--auto-approve', '--format', 'json'], { cwd: dir, env: h.env });
    // 8: the roles exist, their levels wait on a person (guided steps).
    expect(run.code, run.stderr).toBe(8);
    const stats = h.sim.stats.snapshot();
    const requests = stats.requests;
    expect(requests['POST /system/securityroles']).toBe(N);
    // The plan's listing and one shared listing for every create; never one per role.
    expect(requests['GET /system/securityroles'] ?? 0).toBeLessThanOrEqual(2);
    // Each new role's settings are read once (verification), not again for a snapshot.
    expect(requests['GET /system/securityRoles/{parentId}/settings'] ?? 0).toBeLessThanOrEqual(N + 1);
    expect(stats.total, JSON.stringify(requests)).toBeLessThanOrEqual(2 * N + FIXED);
  });

  it('a second apply creates nothing, does not read the role list per role, and reads each role\'s settings once', async () => {
    h.sim.stats.reset();
    const run = await runCwctl(['apply', '--auto-approve', '--format', 'json'], { cwd: dir, env: h.env });
    expect(run.code, run.stderr).toBe(8);
    const stats = h.sim.stats.snapshot();
    expect(stats.writes).toBe(0);
    expect(stats.requests['GET /system/securityroles'] ?? 0).toBeLessThanOrEqual(2);
    // The plan's read of each role stands for the first verification round's (issue #14): once a role, not twice.
    expect(stats.requests['GET /system/securityRoles/{parentId}/settings'] ?? 0).toBeLessThanOrEqual(N);
    expect(stats.total, JSON.stringify(stats.requests)).toBeLessThanOrEqual(N + FIXED);
    // Still every level step pending: skipping the second read never ticks a step off.
    expect((JSON.parse(run.stdout) as { pending: number }).pending).toBe(N);
  });

  it('once a person did every step, the apply that records them reads each role once (its snapshot is the plan\'s read), and what it records is live', async () => {
    for (const role of h.sim.store.rows('securityRoles').filter((r) => (r.name as string).startsWith('Count Role'))) {
      h.sim.store.setRoleLevels(role.id as number, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All' }]);
    }
    h.sim.stats.reset();
    const run = await runCwctl(['apply', '--auto-approve', '--format', 'json'], { cwd: dir, env: h.env });
    expect(run.code, run.stderr).toBe(0);
    const stats = h.sim.stats.snapshot();
    expect(stats.writes).toBe(0);
    // Before issue #14's change the end-of-apply snapshot read every role a second time (2N).
    expect(stats.requests['GET /system/securityRoles/{parentId}/settings'] ?? 0).toBeLessThanOrEqual(N);
    // The digests recorded equal what is live: a fresh plan finds neither changes nor drift.
    const plan = await runCwctl(['plan', '--format', 'json'], { cwd: dir, env: h.env });
    const planned = JSON.parse(plan.stdout) as { operations: unknown[]; drift: unknown[] };
    expect(planned.operations).toEqual([]);
    expect(planned.drift).toEqual([]);
  });
});
