// The CLI shell as a newcomer meets it: the README's first command on an empty directory (the embedded sandbox,
// no PSA, no credentials), --help with the exit-code table, usage errors as exit 3 without a stack trace, and
// --no-color beating FORCE_COLOR.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, runCli } from './helpers/cli.js';

let dir: string;
beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-shell-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cwctl shell', () => {
  it('plans the msp example on the sandbox with no configuration at all', async () => {
    const run = await runCli(['plan', '-f', join(ROOT, 'examples', 'msp'), '--detailed-exitcode'], { cwd: dir });
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('cwctl plan for the sandbox');
    expect(run.stdout).toMatch(/\+ role BrightGaugeAPI/);
    expect(run.stdout).toMatch(/^Plan: \d+ to create, 0 to change, 0 to destroy; \d+ guided steps/m);
  });

  it('--help lists the commands and the exit-code table', async () => {
    const run = await runCli(['--help'], { cwd: dir });
    expect(run.code).toBe(0);
    for (const command of ['validate', 'plan', 'apply', 'drift', 'import', 'check', 'profiles', 'state', 'sim']) expect(run.stdout).toContain(`cwctl ${command}`);
    expect(run.stdout).toMatch(/8 +apply is waiting on guided steps/);
  });

  it.each([
    [['plna'], /Did you mean plan|Unknown argument/i],
    [['plan', '--no-such-flag'], /Unknown argument/i],
    [['plan', '--format', 'yaml'], /Invalid values/i],
  ])('usage error %j: exit 3, a hint, no stack trace', async (args, message) => {
    const run = await runCli(args, { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('hint:');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--no-color wins over FORCE_COLOR, --color forces colour through a pipe', async () => {
    const file = join(ROOT, 'examples', 'brightgauge');
    const plain = await runCli(['plan', '-f', file, '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(plain.stdout).not.toContain('\u001b[');
    const coloured = await runCli(['plan', '-f', file, '--color'], { cwd: dir, env: { NO_COLOR: '' } });
    expect(coloured.stdout).toContain('\u001b[');
  });
});
