// Re-running apply before the person has done the checklist is what exit 8 tells a user to do ("do the
// checklist, then apply again") and what every crash or fault recovery does. It must not be refused as a
// privilege escalation: the raised levels belong to a role cwctl itself created in the previous run, approved
// then. The same after a run was SIGKILLed part-way (CWCTL_TEST_KILL_AFTER_OPS) and its lock cleared.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { exampleFile } from './helpers/converge.js';
import { printFigures } from './helpers/print-figures.js';
import { looksLikeCrash, runCli } from './helpers/run-cli.js';
import { startTarget } from './helpers/sim-target.js';
import type { SimTarget } from './helpers/sim-target.js';

let target: SimTarget | undefined;
let dir: string | undefined;
afterEach(async () => {
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('apply, then apply again while guided steps wait: exit 8 both times, no escalation refusal, no writes the second time', async () => {
  target = await startTarget({ seed: 1 });
  dir = await mkdtemp(join(tmpdir(), 'cwctl-rerun-'));
  const args = ['-f', exampleFile('brightgauge'), '--state-dir', join(dir, '.cwctl'), 'apply', '--auto-approve'];
  const first = await runCli(args, { cwd: dir, env: target.env });
  expect(first.code, first.stderr).toBe(8);
  const writesBefore = target.sim.stats.snapshot().writes;
  const second = await runCli(args, { cwd: dir, env: target.env });
  printFigures('apply re-run before the checklist is done', [
    { run: 'first', exit: first.code, ms: Math.round(first.ms) },
    { run: 'second', exit: second.code, ms: Math.round(second.ms), note: (second.stderr.split('\n')[0] ?? '').slice(0, 100) },
  ]);
  expect(looksLikeCrash(second.stderr), second.stderr).toBe(false);
  expect(second.code, second.stderr).toBe(8);
  expect(target.sim.stats.snapshot().writes).toBe(writesBefore);
});

it('apply SIGKILLed after its 5th recorded operation (msp), lock cleared: the next apply waits on the checklist (8), not refused (6)', async () => {
  target = await startTarget({ seed: 1 });
  dir = await mkdtemp(join(tmpdir(), 'cwctl-rerun-kill-'));
  const stateDir = join(dir, '.cwctl');
  const args = ['-f', exampleFile('msp'), '--state-dir', stateDir, 'apply', '--auto-approve'];
  const killed = await runCli(args, { cwd: dir, env: { ...target.env, CWCTL_TEST_KILL_AFTER_OPS: '5' } });
  expect(killed.signal).toBe('SIGKILL');
  const { id } = JSON.parse(readFileSync(join(stateDir, 'state.lock'), 'utf8')) as { id: string };
  expect((await runCli(['--state-dir', stateDir, 'state', 'force-unlock', id], { cwd: dir, env: target.env })).code).toBe(0);
  const again = await runCli(args, { cwd: dir, env: target.env });
  printFigures('apply re-run after a SIGKILL after op 5', [{ run: 'after the kill', exit: again.code, ms: Math.round(again.ms), note: (again.stderr.split('\n')[0] ?? '').slice(0, 110) }]);
  expect(looksLikeCrash(again.stderr), again.stderr).toBe(false);
  expect(again.code, again.stderr).toBe(8);
});
