// `cwctl import` (the built CLI) reads each role once: the role list once, every role's settings once, the API
// member list once, and proves the empty plan from what it read plus the lookups its file names (no second read).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../reliability/helpers/run-cli.js';
import { startTarget } from '../reliability/helpers/sim-target.js';
import type { SimTarget } from '../reliability/helpers/sim-target.js';

let target: SimTarget;
let dir: string;
beforeAll(async () => {
  target = await startTarget({ seed: 1, roles: 40 });
  dir = await mkdtemp(join(tmpdir(), 'cwctl-import-once-'));
});
afterAll(async () => {
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('cwctl import', () => {
  it('reads every role once and still proves the next plan empty', async () => {
    target.sim.stats.reset();
    const r = await runCli(['--state-dir', join(dir, '.cwctl'), 'import', '--out', join(dir, 'cwctl.yaml'), '--format', 'json'], { cwd: dir, env: target.env, limitMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { planEmpty: boolean; roles: number; requests: number };
    expect(summary.planEmpty).toBe(true);
    const stats = target.sim.stats.snapshot();
    const count = (pattern: RegExp): number => Object.entries(stats.requests).filter(([k]) => pattern.test(k)).reduce((n, [, v]) => n + v, 0);
    const roles = target.sim.store.data.tables.securityRoles.length;
    expect(count(/^GET .*\/securityRoles\/[^/]+\/settings$/i)).toBe(roles);
    expect(count(/^GET .*\/system\/securityroles$/i)).toBe(1);
    expect(count(/^GET .*\/system\/apiMembers$/i)).toBe(1);
    // Settings of every role, plus a handful: discovery, role and member lists, the caller, its customize list, lookups.
    expect(summary.requests).toBe(stats.total);
    expect(stats.total).toBeLessThanOrEqual(roles + 12);
  });
});
