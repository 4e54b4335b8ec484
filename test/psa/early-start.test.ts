// The plan's first requests (discovery, role list, caller) start while the YAML is still loading when the target
// comes from CWCTL_SITE: they are used, not sent twice; a file that names its own psa: site gets no request sent
// to CWCTL_SITE; an invalid file still ends in exit 3 with its diagnostics.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeCrash, runCli } from '../reliability/helpers/run-cli.js';
import { startTarget } from '../reliability/helpers/sim-target.js';
import type { SimTarget } from '../reliability/helpers/sim-target.js';

let envTarget: SimTarget;
let fileTarget: SimTarget;
let dir: string;
beforeAll(async () => {
  envTarget = await startTarget({ seed: 1 });
  fileTarget = await startTarget({ seed: 1 });
  dir = await mkdtemp(join(tmpdir(), 'cwctl-early-start-'));
});
afterAll(async () => {
  await envTarget?.close();
  await fileTarget?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ROLE = 'version: 1\nroles:\n  - name: Early Role\n    permissions:\n      Service Desk / Service Tickets: { inquire: All }\n';
const count = (t: SimTarget, pattern: RegExp): number =>
  Object.entries(t.sim.stats.snapshot().requests).filter(([k]) => pattern.test(k)).reduce((n, [, v]) => n + v, 0);

describe('plan with the target from CWCTL_SITE', () => {
  it('uses the role list and caller read while the YAML loaded (each once)', async () => {
    const file = join(dir, 'env.yaml');
    await writeFile(file, ROLE);
    envTarget.sim.stats.reset();
    const r = await runCli(['-f', file, '--state-dir', join(dir, '.cwctl-env'), 'plan'], { cwd: dir, env: envTarget.env, limitMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Early Role');
    expect(count(envTarget, /^GET .*\/system\/securityroles$/i)).toBe(1);
    expect(count(envTarget, /^GET .*\/system\/mySecurity$/i)).toBe(1);
  });

  it("reads each declared role's settings once, started while the file was checked", async () => {
    const live = envTarget.sim.store.data.tables.securityRoles.map((r) => r.name as string).filter((n) => n !== 'Admin').slice(0, 3);
    expect(live).toHaveLength(3);
    const file = join(dir, 'settings.yaml');
    // The second role is written in other case: plan matches it to the live role, so the read ahead must too.
    const names = [live[0]!, live[1]!.toUpperCase(), live[2]!];
    await writeFile(file, `version: 1\nroles:\n${names.map((n) => `  - name: ${JSON.stringify(n)}\n    unlisted: ignore\n`).join('')}`);
    envTarget.sim.stats.reset();
    const r = await runCli(['-f', file, '--state-dir', join(dir, '.cwctl-settings'), 'plan'], { cwd: dir, env: envTarget.env, limitMs: 60_000 });
    expect(r.code === 0 || r.code === 2, r.stderr).toBe(true);
    expect(count(envTarget, /^GET .*\/system\/securityroles\/\{parentId\}\/settings$/i)).toBe(3);
  });

  it('sends nothing to CWCTL_SITE when the file names its own psa: site', async () => {
    const file = join(dir, 'own.yaml');
    await writeFile(file, `${ROLE}psa:\n  site: ${fileTarget.sim.url}\n  company: ${fileTarget.sim.company}\n`);
    envTarget.sim.stats.reset();
    fileTarget.sim.stats.reset();
    const r = await runCli(['-f', file, '--state-dir', join(dir, '.cwctl-own'), 'plan'], { cwd: dir, env: envTarget.env, limitMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(envTarget.sim.stats.snapshot().total).toBe(0);
    expect(fileTarget.sim.stats.snapshot().total).toBeGreaterThan(2);
  });

  it('an invalid file is still exit 3 with its diagnostics, no crash', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'version: 1\nroles:\n  - name: Bad\n    permissions:\n      Service Desk / No Such Function: { inquire: All }\n');
    const r = await runCli(['-f', file, '--state-dir', join(dir, '.cwctl-bad'), 'plan'], { cwd: dir, env: envTarget.env, limitMs: 60_000 });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: error/);
    expect(looksLikeCrash(r.stderr)).toBe(false);
  });
});
