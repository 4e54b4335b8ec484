// `cwctl apply plan.json` without -f: the saved plan records the files it was made from (path and digest), apply
// reloads exactly those, checks each digest, replans against the PSA and requires the same plan. An edited,
// removed or added file makes the plan stale (exit 5, naming the file); a plan naming a path outside the working
// directory is refused even when its checksum was recomputed to match (exit 3), and never read as YAML.
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planChecksumOf } from '../../src/plan/plan-checksum.js';
import { runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';

// CLI runs on a loaded 2-core machine (files run in parallel) can be slow: a generous bound, not a target.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const ROLES = `version: 1
roles:
  - { name: Saved API, unlisted: ignore, permissions: { Service Desk / Service Tickets: { inquire: All } } }
`;
const MAPPINGS = `version: 1
mappings:
  managedDevices:
    - { name: Saved RMM, solution: Datto RMM }
`;

let h: SimHandle;
let dir: string;
const cwctl = (...args: string[]) => runCwctl(['--state-dir', join(dir, '.cwctl'), ...args], { cwd: dir, env: h.env });

beforeEach(async () => {
  h = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-saved-plan-'));
  await mkdir(join(dir, 'config'));
  await writeFile(join(dir, 'config', 'roles.yaml'), ROLES);
  await writeFile(join(dir, 'config', 'mappings.yaml'), MAPPINGS);
});
afterEach(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

interface SavedPlan { checksum: string; createdAt: string; requestCount: number; sources: { file: string; files: { path: string; digest: string }[] } }
const readPlan = async (): Promise<SavedPlan> => JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as SavedPlan;
/** What a hostile author would do: change the plan, then recompute its checksum (sha256 needs no secret). */
async function writeResealed(plan: SavedPlan): Promise<void> {
  await writeFile(join(dir, 'plan.json'), JSON.stringify({ ...plan, checksum: planChecksumOf(plan) }));
}

describe('cwctl apply plan.json without -f', () => {
  it('applies from the files the plan records, and refuses it once one of them changed, naming the file', async () => {
    const planned = await cwctl('plan', '-f', 'config', '--out', 'plan.json');
    expect(planned.code, planned.stderr).toBe(0);
    const saved = await readPlan();
    expect(saved.sources.file).toBe('config');
    expect(saved.sources.files.map((f) => f.path)).toEqual(['config/mappings.yaml', 'config/roles.yaml']);

    const applied = await cwctl('apply', 'plan.json');
    expect(applied.code, applied.stderr).toBe(8); // the levels wait on a person
    expect(h.sim.store.rows('securityRoles').some((r) => (r as { name: string }).name === 'Saved API')).toBe(true);

    expect((await cwctl('plan', '-f', 'config', '--out', 'plan.json')).code).toBe(0);
    await writeFile(join(dir, 'config', 'roles.yaml'), ROLES.replace('inquire: All', 'inquire: Mine'));
    const edited = await cwctl('apply', 'plan.json');
    expect(edited.code).toBe(5);
    expect(edited.stderr).toContain('config/roles.yaml changed');
    expect(edited.stderr).toContain('cwctl plan --out plan.json');
  });

  it('refuses it when a recorded file is gone or a new one was added', async () => {
    expect((await cwctl('plan', '-f', 'config', '--out', 'plan.json')).code).toBe(0);
    await writeFile(join(dir, 'config', 'extra.yaml'), 'version: 1\n');
    const added = await cwctl('apply', 'plan.json');
    expect(added.code).toBe(5);
    expect(added.stderr).toContain('config/extra.yaml was added');
    await unlink(join(dir, 'config', 'extra.yaml'));
    await unlink(join(dir, 'config', 'mappings.yaml'));
    const gone = await cwctl('apply', 'plan.json');
    expect(gone.code).toBe(5);
    expect(gone.stderr).toContain('config/mappings.yaml is gone');
    expect(h.sim.stats.snapshot().writes).toBe(0);
  });

  it.each(['../../etc/passwd', '/etc/passwd', 'config/../../x.yaml'])('refuses a resealed plan naming %s (exit 3), and an unsealed edit (exit 5)', async (hostile) => {
    expect((await cwctl('plan', '-f', 'config', '--out', 'plan.json')).code).toBe(0);
    const saved = await readPlan();
    await writeFile(join(dir, 'plan.json'), JSON.stringify({ ...saved, sources: { ...saved.sources, file: hostile } }));
    const tampered = await cwctl('apply', 'plan.json');
    expect(tampered.code).toBe(5);
    expect(tampered.stderr).toContain('changed after it was saved');

    await writeResealed({ ...saved, sources: { ...saved.sources, files: [{ path: hostile, digest: saved.sources.files[0]!.digest }] } });
    const byFile = await cwctl('apply', 'plan.json');
    expect(byFile.code).toBe(3);
    expect(byFile.stderr).toContain('outside the working directory');
    await writeResealed({ ...saved, sources: { ...saved.sources, file: hostile } });
    const byRoot = await cwctl('apply', 'plan.json');
    expect(byRoot.code).toBe(3);
    expect(byRoot.stderr).toContain(JSON.stringify(hostile));
    expect(h.sim.stats.snapshot().writes).toBe(0);
  });

  it('with -f, applies as before (the fresh plan from that YAML must match)', async () => {
    expect((await cwctl('plan', '-f', 'config', '--out', 'plan.json')).code).toBe(0);
    const applied = await cwctl('apply', '-f', 'config', 'plan.json');
    expect(applied.code, applied.stderr).toBe(8);
  });
});
