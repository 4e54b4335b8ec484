// Test helpers for the GitOps e2e tests: a simulator with a small PSA API caller that plays the integrator
// (roles, API members) and the person at the screens (/__sim/ui), and a runner of the built CLI.
// Test code only: binds 127.0.0.1 port 0, no other network.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startSimulator } from '../../src/sim/start-simulator.js';
import type { RunningSimulator } from '../../src/sim/start-simulator.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

export interface SimHandle {
  sim: RunningSimulator;
  /** The env a CLI run needs to reach this simulator as its admin. */
  env: NodeJS.ProcessEnv;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
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
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function startSim(): Promise<SimHandle> {
  const sim = await startSimulator({ port: 0 });
  const auth = `Basic ${Buffer.from(`${sim.company}+${sim.admin.publicKey}:${sim.admin.privateKey}`).toString('base64')}`;
  const headers = { authorization: auth, clientId: sim.clientId };
  return {
    sim,
    env: {
      PATH: process.env.PATH,
      CWCTL_SITE: sim.url,
      CWCTL_COMPANY: sim.company,
      CWCTL_PUBLIC_KEY: sim.admin.publicKey,
      CWCTL_PRIVATE_KEY: sim.admin.privateKey,
      CWCTL_CLIENT_ID: sim.clientId,
      NO_COLOR: '1',
    },
    api: (method, path, body) => send(`${sim.url}/v4_6_release/apis/3.0${path}`, method, headers, body),
    ui: (method, path, body) => send(`${sim.url}/__sim/ui${path}`, method, {}, body),
    close: () => sim.close(),
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCwctl(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** "Module / Function" -> the /__sim/ui settings row that sets those levels. */
export function uiSetting(key: string, levels: Partial<Record<'add' | 'edit' | 'delete' | 'inquire', string>>): Record<string, string> {
  const at = key.indexOf(' / ');
  const row: Record<string, string> = { moduleName: key.slice(0, at), moduleFunctionName: key.slice(at + 3) };
  for (const [kind, level] of Object.entries(levels)) row[`${kind}Level`] = level;
  return row;
}

export async function lookupId(handle: SimHandle, path: string, name: string): Promise<number> {
  const rows = await handle.api<{ id: number; name: string }[]>('GET', `${path}?pageSize=1000`);
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`no ${name} in ${path}: ${rows.map((r) => r.name).join(', ')}`);
  return row.id;
}
