// Shared e2e helpers: build the CLI once (dist/ is what users run), run it as a child process with a clean
// environment, and start a fresh simulator on 127.0.0.1:0 with the env a CLI run needs to reach it.
// Test code only: no network beyond loopback; never prints keys.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../../src/sim/start-simulator.js';
import type { RunningSimulator, SimulatorOptions } from '../../../src/sim/start-simulator.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let built = false;
/**
 * Builds dist/ when it is missing or older than src/ (once per process; a directory lock keeps parallel
 * test files from running tsc over each other).
 */
export function ensureBuilt(): void {
  if (built) return;
  const stale = (): boolean => !existsSync(CLI) || statSync(CLI).mtimeMs < newestSourceMtime(join(ROOT, 'src'));
  if (stale()) {
    const lock = join(tmpdir(), 'cwctl-e2e-build.lock');
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`another build holds ${lock}; remove it if no build is running`);
        spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 500)']);
      }
    }
    try {
      if (stale()) {
        const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
      }
    } finally {
      rmdirSync(lock);
    }
  }
  built = true;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; only PATH and what `env` gives reach it (no CWCTL_* leaks in from the outer shell). */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

export interface TestSimulator {
  sim: RunningSimulator;
  /** CWCTL_SITE/COMPANY and the admin's keys: what a CLI run needs to reach this simulator. */
  env: NodeJS.ProcessEnv;
  /** A PSA API call as the admin (`path` below apis/3.0). */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** What a person does at the PSA screens (`path` below /__sim/ui). */
  ui<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

async function send<T>(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url.replace(/\?.*/, '')}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const sim = await startSimulator({ port: 0, ...options });
  const auth = `Basic ${Buffer.from(`${sim.company}+${sim.admin.publicKey}:${sim.admin.privateKey}`).toString('base64')}`;
  const headers = { authorization: auth, clientId: sim.clientId };
  return {
    sim,
    env: {
      CWCTL_SITE: sim.url,
      CWCTL_COMPANY: sim.company,
      CWCTL_PUBLIC_KEY: sim.admin.publicKey,
      CWCTL_PRIVATE_KEY: sim.admin.privateKey,
      CWCTL_CLIENT_ID: sim.clientId,
    },
    api: (method, path, body) => send(`${sim.url}/v4_6_release/apis/3.0${path}`, method, headers, body),
    ui: (method, path, body) => send(`${sim.url}/__sim/ui${path}`, method, {}, body),
    close: () => sim.close(),
  };
}
