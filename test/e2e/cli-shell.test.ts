// The CLI shell as a newcomer meets it: the README's first command on an empty directory (the embedded sandbox,
// no PSA, no credentials), --help with the exit-code table, usage errors as exit 3 without a stack trace, and
// --no-color beating FORCE_COLOR.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
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

  it('--version is cwctl\'s own, whatever package.json the folder it runs in holds', async () => {
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'someones-project', version: '9.9.9' }));
    try {
      const run = await runCli(['--version'], { cwd: dir });
      const own = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(own);
    } finally {
      await rm(join(dir, 'package.json'));
    }
  });

  it('--help lists the commands and the exit-code table', async () => {
    const run = await runCli(['--help'], { cwd: dir });
    expect(run.code).toBe(0);
    for (const command of ['validate', 'plan', 'apply', 'drift', 'import', 'check', 'profiles', 'state', 'sim']) expect(run.stdout).toContain(`cwctl ${command}`);
    expect(run.stdout).toMatch(/8 +apply is waiting on guided steps/);
  });

  // Only the named command's module is loaded (app.ts): its own --help must still show its own options.
  it.each([
    ['validate', 'check every *.yaml of a directory'], ['plan', '--detailed-exitcode'], ['apply', '--auto-approve'],
    ['drift', 'since the last apply'], ['import', '--mappings'], ['state', 'force-unlock'], ['profiles', 'show <name>'],
    ['check', '--member'], ['init', '--profile'], ['sim', 'operator'],
  ])('%s --help shows its own options', async (command, words) => {
    const run = await runCli([command, '--help'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(words);
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

  it('--request-timeout bounds a PSA that never answers: exit 4 naming the request, no stack even with --debug', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const started = Date.now();
      const run = await runCli(['plan', '-f', join(ROOT, 'examples', 'brightgauge'), '--request-timeout', '200ms', '--debug'], {
        cwd: dir,
        env: { CWCTL_SITE: `http://127.0.0.1:${port}`, CWCTL_COMPANY: 'acme', CWCTL_PUBLIC_KEY: 'pub', CWCTL_PRIVATE_KEY: 'private-key-x', CWCTL_CLIENT_ID: 'c' },
      });
      expect(run.code, run.stderr).toBe(4);
      expect(run.stderr).toMatch(/GET \/login\/companyinfo\/acme/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stderr).not.toContain('private-key-x');
      // Far below the 30 s default per attempt: the flag reached the client.
      expect(Date.now() - started).toBeLessThan(25_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });

  it('a bad --request-timeout is exit 3 naming the flag', async () => {
    const run = await runCli(['validate', '-f', join(ROOT, 'examples', 'brightgauge'), '--request-timeout', 'soon'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--request-timeout "soon" is not a duration');
  });

  it('--no-color wins over FORCE_COLOR, --color forces colour through a pipe', async () => {
    const file = join(ROOT, 'examples', 'brightgauge');
    const plain = await runCli(['plan', '-f', file, '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(plain.stdout).not.toContain('\u001b[');
    const coloured = await runCli(['plan', '-f', file, '--color'], { cwd: dir, env: { NO_COLOR: '' } });
    expect(coloured.stdout).toContain('\u001b[');
  });
});
