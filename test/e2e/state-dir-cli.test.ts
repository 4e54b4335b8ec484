// The state folder from the shell: `cwctl state list | head -1` (the reader leaves early) ends quietly with exit
// 0, and --state-dir naming a file is invalid input (exit 3) naming the flag, for every command, never exit 1.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newStateFile } from '../../src/state/state-file.js';
import { CLI, ROOT, runCli } from './helpers/cli.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-state-dir-'));
  const state = newStateFile({ site: 'sandbox', company: 'sandbox' });
  state.serial = 1;
  // Far more output than a pipe buffers, so writes go on after the reader has gone.
  for (let i = 0; i < 20_000; i += 1) state.resources[`role:Role ${i}`] = { kind: 'role', psaId: i + 1, digest: 'sha256:0', appliedAt: '2026-01-01T00:00:00Z' };
  await mkdir(join(dir, 'big'));
  await writeFile(join(dir, 'big', 'state.json'), JSON.stringify(state));
  await writeFile(join(dir, 'a-file'), 'not a folder\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI and closes its stdout after the first chunk, as `| head -1` does. */
function runAndCloseEarly(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; firstChunk: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let firstChunk = '';
    child.stdout.once('data', (chunk: Buffer) => {
      firstChunk = chunk.toString('utf8');
      child.stdout.destroy();
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, firstChunk }));
  });
}

describe('the state folder from the shell', () => {
  it.each([['text'], ['json']])('state list --format %s whose reader leaves early: exit 0, no error', async (format) => {
    const run = await runAndCloseEarly(['state', 'list', '--state-dir', 'big', '--format', format]);
    expect(run.firstChunk.length).toBeGreaterThan(0);
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
  });

  it.each([
    ['state', 'list'],
    ['plan', '-f', join(ROOT, 'examples', 'brightgauge', 'cwctl.yaml')],
    ['apply', '--auto-approve', '-f', join(ROOT, 'examples', 'brightgauge', 'cwctl.yaml')],
  ])('%s with --state-dir naming a file: exit 3 naming the flag', async (...args) => {
    for (const stateDir of ['a-file', join('a-file', 'below')]) {
      const run = await runCli([...args, '--state-dir', stateDir], { cwd: dir, env: {} });
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain(`--state-dir ${stateDir} cannot be used as the state folder`);
      expect(run.stderr).not.toMatch(/internal error/);
    }
  });
});
