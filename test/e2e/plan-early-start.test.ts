// The early start of `cwctl plan` (src/cli/early-start.ts) end to end: the built CLI against a simulator whose
// roles the file declares, the file large enough that its parse runs on a worker thread (parse-off-thread.ts).
// What was read ahead is taken over, never read twice, and the plan is the very plan of a run without the early
// start (--debug takes the normal path).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFF_THREAD_MIN_CHARS } from '../../src/config/parse-off-thread.js';
import type { TestSimulator } from './helpers/cli.js';
import { ensureBuilt, runCli, startTestSimulator } from './helpers/cli.js';

let work: string;
let t: TestSimulator;
let roleNames: string[];
beforeAll(async () => {
  ensureBuilt();
  work = await mkdtemp(join(tmpdir(), 'cwctl-early-e2e-'));
  t = await startTestSimulator({ roles: 12 });
  roleNames = t.sim.store.data.tables.securityRoles.map((r) => r.name as string).filter((n) => n !== 'Admin');
  // Every live role declared (one quoted, one written key-first), then a comment long enough for the worker path.
  const roles = roleNames.map((name, i) => (i === 1 ? `  - unlisted: ignore\n    name: "${name}"\n` : `  - name: ${name}\n    unlisted: ignore\n`));
  const padding = '# padding\n'.repeat(Math.ceil(OFF_THREAD_MIN_CHARS / 10) + 10);
  await writeFile(join(work, 'cwctl.yaml'), `version: 1\nroles:\n${roles.join('')}${padding}`);
  // A state folder, as a project has after its first apply: the codebase cache is kept only in one that exists.
  await mkdir(join(work, '.cwctl'));
}, 120_000);
afterAll(async () => {
  await t?.close();
  await rm(work, { recursive: true, force: true });
});

describe('plan: the early start', () => {
  it('reads each declared role once and plans exactly what the normal path plans', async () => {
    expect(roleNames.length).toBeGreaterThan(10);
    t.sim.stats.reset();
    const early = await runCli(['plan', '--format', 'json'], { cwd: work, env: t.env });
    const stats = t.sim.stats.snapshot();
    expect(early.stderr).toBe('');
    expect(early.code).toBe(0);
    expect(stats.requests['GET /system/securityroles']).toBe(1);
    expect(stats.requests['GET /system/mySecurity']).toBe(1);
    expect(stats.requests['GET /login/companyinfo/{company}']).toBe(1);
    expect(stats.requests['GET /system/securityRoles/{parentId}/settings']).toBe(roleNames.length);

    const normal = await runCli(['plan', '--format', 'json', '--debug'], { cwd: work, env: t.env });
    expect(normal.code).toBe(0);
    const planOf = (stdout: string): unknown => {
      const plan = JSON.parse(stdout) as Record<string, unknown>;
      delete plan.createdAt;
      return plan;
    };
    expect(planOf(early.stdout)).toEqual(planOf(normal.stdout));
  }, 120_000);

  it('keeps the codebase discovery found; a stale one costs a read, never the plan, and is replaced', async () => {
    const cache = join(work, '.cwctl', 'cache', 'codebases.json');
    await rm(join(work, '.cwctl', 'cache'), { recursive: true, force: true });
    const planOf = (stdout: string): unknown => ({ ...(JSON.parse(stdout) as Record<string, unknown>), createdAt: undefined, requestCount: undefined });
    const first = await runCli(['plan', '--format', 'json'], { cwd: work, env: t.env });
    expect(first.code, first.stderr).toBe(0);
    // Written by that run, in a folder git leaves alone.
    expect(JSON.parse(await readFile(cache, 'utf8'))).toEqual({ version: 1, codebases: { [`${t.sim.url} ${t.sim.company.toLowerCase()}`]: 'v2025_8/' } });
    expect(await readFile(join(work, '.cwctl', 'cache', '.gitignore'), 'utf8')).toMatch(/^\*$/m);

    t.sim.stats.reset();
    const hinted = await runCli(['plan', '--format', 'json', '--debug'], { cwd: work, env: t.env });
    expect(hinted.code, hinted.stderr).toBe(0);
    // Right guess: the reads started on it, and not one request more than without it.
    expect(hinted.stderr).toContain('codebase v2025_8/ from the last run: reads start on it while discovery confirms it');
    expect(hinted.stderr).not.toContain('codebase changed');
    expect(t.sim.stats.snapshot().requests['GET /system/securityroles']).toBe(1);
    expect(planOf(hinted.stdout)).toEqual(planOf(first.stdout));

    // A PSA upgraded since (the simulator serves any vYYYY_N path): the reads made on it are dropped and made again.
    await writeFile(cache, JSON.stringify({ version: 1, codebases: { [`${t.sim.url} ${t.sim.company.toLowerCase()}`]: 'v2024_1/' } }));
    t.sim.stats.reset();
    const stale = await runCli(['plan', '--format', 'json'], { cwd: work, env: t.env });
    expect(stale.code, stale.stderr).toBe(0);
    expect(t.sim.stats.snapshot().requests['GET /system/securityroles']).toBe(2);
    expect(planOf(stale.stdout)).toEqual(planOf(hinted.stdout));
    expect(JSON.parse(await readFile(cache, 'utf8'))).toMatchObject({ codebases: { [`${t.sim.url} ${t.sim.company.toLowerCase()}`]: 'v2025_8/' } });
  }, 120_000);
});
