// `cwctl apply --wait --serve`: the built CLI serves the live checklist of a sandbox in a temp dir on loopback,
// a real headless Chromium shows it, `cwctl sim operator` (another process) plays the steps at the sandbox's
// screens, and the page ticks itself off to "finished" while apply ends with exit 0. And the flag's usage
// errors (exit 3), refused before anything is opened.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI, ensureBuilt, runCli } from './helpers/cli.js';
import { launchChromium } from '../serve/browser.js';

// CLI runs and a browser on a loaded 2-core machine: a generous bound, not a target.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const YAML = `version: 1
roles:
  - { name: Serve API, unlisted: ignore, permissions: { Service Desk / Service Tickets: { inquire: All, edit: My }, Companies / Company Maintenance: { inquire: All } } }
`;

let dir: string;
let browser: Browser | undefined;
// No CWCTL_SITE: the embedded sandbox, its PSA a file under dir/.cwctl.
const cwctl = (...args: string[]) => runCli(args, { cwd: dir, timeoutMs: 120_000 });

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'cwctl-apply-serve-'));
  await writeFile(join(dir, 'cwctl.yaml'), YAML);
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('cwctl apply --serve', () => {
  it('without --wait is a usage error (exit 3), before anything is opened', async () => {
    const run = await cwctl('apply', '--auto-approve', '--serve', '0');
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('--serve shows the live checklist of --wait');
    expect(run.stderr).toContain('hint: run cwctl apply --wait --serve');
    expect(existsSync(join(dir, '.cwctl'))).toBe(false);
  });

  it('a port that is no port is a usage error (exit 3)', async () => {
    const run = await cwctl('apply', '--auto-approve', '--wait', '--serve', 'plan.json');
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('--serve takes a port number (0-65535), not "plan.json"');
    expect(existsSync(join(dir, '.cwctl'))).toBe(false);
  });

  it('a port in use is a clear error (exit 3) before anything is changed', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const run = await cwctl('apply', '--auto-approve', '--wait', '--serve', String(taken));
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain(`--serve: port ${taken} on 127.0.0.1 is already in use`);
      expect(run.stderr).toContain('hint: choose another port, or --serve 0');
      expect(existsSync(join(dir, '.cwctl', 'state.json'))).toBe(false);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('serves the checklist, which ticks itself off as sim operator plays it in another process', async () => {
    expect((await cwctl('plan', '--out', 'plan.json')).code).toBe(0);
    browser = await launchChromium();
    const child: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      [CLI, 'apply', 'plan.json', '--auto-approve', '--allow-escalation', '--wait', '--timeout', '90s', '--serve', '0'],
      { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1', CWCTL_WAIT_POLL_MS: '200' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
        if (found?.[1]) resolve(found[1]);
      });
      child.on('close', (code) => reject(new Error(`apply ended (${code}) before printing the URL:\n${stdout}\n${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    const page = await browser.newPage();
    await page.goto(url);
    // Before the person starts: the role's screen, its lines open.
    await page.getByRole('heading', { name: 'Security role Serve API' }).waitFor({ timeout: 30_000 });
    const status = page.getByRole('status');
    await status.filter({ hasText: /^0 of [1-9]\d* done$/ }).waitFor({ timeout: 30_000 });
    expect(await page.locator('li.pending').count()).toBeGreaterThan(0);
    expect(await page.locator('#banner').isHidden()).toBe(true);

    const played = await cwctl('sim', 'operator', '--plan', 'plan.json');
    expect(played.code, played.stderr).toBe(0);

    await page.locator('#banner.finished').waitFor({ state: 'visible', timeout: 60_000 });
    const total = await page.locator('li').count();
    expect(await status.textContent()).toBe(`${total} of ${total} done`);
    expect(await page.locator('li.pending').count()).toBe(0);
    expect(await page.locator('input[type=checkbox]:not(:checked)').count()).toBe(0);

    expect(await exited, stdout + stderr).toBe(0);
    expect(stdout).toMatch(/Apply complete/);
    // apply closed the server on its way out: the page keeps the final state and says it has ended.
    await page.locator('#connection').filter({ hasText: 'cwctl apply has ended' }).waitFor({ timeout: 10_000 });
    await expect(fetch(url)).rejects.toThrow();
  });
});
