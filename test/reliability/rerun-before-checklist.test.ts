// Re-running apply before the person has done the checklist is what exit 8 tells a user to do ("do the
// checklist, then apply again") and what every crash or fault recovery does. It must not be refused as a
// privilege escalation: the raised levels belong to a role cwctl itself created in the previous run, approved
// then. Also: a third run in a row changes nothing and keeps waiting (exit 8).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
