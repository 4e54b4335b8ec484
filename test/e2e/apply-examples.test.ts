// Every example end to end on a fresh simulator of each world (the built-in catalogue and the independent world of
// test/worlds, see helpers/worlds.ts), the way a newcomer meets cwctl: apply (exit 8, the checklist
// printed) -> a person plays the checklist in the PSA screens (this test, through /__sim/ui, from the JSON
// plan) -> apply again with the new keys (exit 0, every step verified) -> plan (exit 0, no changes) ->
// apply once more: not one request that writes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import type { StateFile } from '../../src/model/state.js';
import { ROOT, runCwctl, startSim } from '../inspect/sim-helpers.js';
import type { SimHandle } from '../inspect/sim-helpers.js';
import { playChecklist } from './helpers/play-checklist.js';
import { WORLDS } from './helpers/worlds.js';
import type { TestWorld } from './helpers/worlds.js';

const EXAMPLES = ['brightgauge', 'datto-rmm', 'kaseya-quote-manager', 'scalepad-lifecycle-manager', 'wise-sync', 'msp'];
const CASES = WORLDS.flatMap((world) => EXAMPLES.map((example) => ({ example, world, label: world.label })));

describe.concurrent.each(CASES)('example $example on the $label world', ({ example, world }) => {
  it('apply (exit 8, checklist) -> play it -> apply (exit 0, verified) -> plan (no changes) -> apply (no writes)', async () => {
    const h = await startSim(world);
    const dir = await mkdtemp(join(tmpdir(), `cwctl-e2e-${example}-`));
    try {
      await walk(example, world, h, dir);
    } finally {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000); // five CLI runs, twelve cases at once (six examples x two worlds) on a loaded 2-core machine
});

async function walk(example: string, world: TestWorld, h: SimHandle, dir: string): Promise<void> {
  const file = join(ROOT, 'examples', example, ...(example === 'msp' ? [] : ['cwctl.yaml']));
  const run = (...args: string[]) => runCwctl(['-f', file, ...args], { cwd: dir, env: h.env });

  // The whole MSP in text, as a person sees it; the single integrations as JSON (what a pipeline reads).
  let plan: Plan;
  if (example === 'msp') {
    const first = await run('apply', '--auto-approve', '--checklist-out', 'checklist.md');
    expect(first.stderr).not.toMatch(/internal error/);
    expect(first.code).toBe(8);
    expect(first.stdout).toMatch(/Guided steps: \d+ of \d+ to do in the PSA/);
    expect(first.stdout).toContain('[ ]');
    // The plan as JSON drives the person. The levels were approved by the first apply: no --allow-escalation needed.
    const pending = await run('apply', '--auto-approve', '--format', 'json');
    expect(pending.code).toBe(8);
    const report = JSON.parse(pending.stdout) as { plan: Plan; applied: { result: string }[] };
    // nothing was created twice: the second run's API operations (if any) found what the first made
    expect(report.applied.every((a) => a.result !== 'created')).toBe(true);
    plan = report.plan;
  } else {
    const first = await run('apply', '--auto-approve', '--format', 'json', '--checklist-out', 'checklist.md');
    expect(first.stderr).not.toMatch(/internal error/);
    expect(first.code).toBe(8);
    const report = JSON.parse(first.stdout) as { plan: Plan; pending: number; guided: { done: boolean }[] };
    expect(report.pending).toBeGreaterThan(0);
    expect(report.guided.every((g) => !g.done)).toBe(true);
    plan = report.plan;
  }
  const markdown = await readFile(join(dir, 'checklist.md'), 'utf8');
  expect(markdown).toMatch(/^- \[ \] \*\*System > /m);
  const keysFile = await playChecklist(h, world, plan, dir);

  const person = plan.guided.filter((s) => s.verify === 'person').map((s) => s.address);
  const confirms = [...new Set(person)].flatMap((a) => ['--confirm', a]);
  const second = await run('apply', '--auto-approve', '--new-keys', keysFile, '--keys-out', 'secrets.env', ...confirms);
  expect(second.stderr).not.toMatch(/internal error/);
  expect(second.code, second.stdout + second.stderr).toBe(0);
  expect(second.stdout).toMatch(/Apply complete/);

  const state = JSON.parse(await readFile(join(dir, '.cwctl', 'state.json'), 'utf8')) as StateFile;
  const keyRecords = Object.entries(state.resources).filter(([, r]) => r.kind === 'apiKey');
  expect(keyRecords.length).toBe(plan.operations.filter((o) => o.type === 'createApiKey').length);
  for (const [, r] of keyRecords) expect(r.publicKeySuffix).toMatch(/^.{4}$/);

  const again = await run('plan', '--detailed-exitcode');
  expect(again.code, again.stdout + again.stderr).toBe(0);

  h.sim.stats.reset();
  const third = await run('apply', '--auto-approve');
  expect(third.code, third.stdout + third.stderr).toBe(0);
  expect(third.stdout).toMatch(/No changes/);
  expect(h.sim.stats.snapshot().writes).toBe(0);
}
