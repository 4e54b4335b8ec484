// Runs the built cwctl CLI (dist/) as a child process for the reliability suite: captures stdout/stderr,
// measures wall time, can kill it (SIGKILL at a chosen moment) and refuses to hang past a hard limit.
// Test code only: talks to nothing but what the caller's env points at (loopback simulators).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest package.json named cwctl above this file (from test/ or compiled dist/test/). */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cwctl') return dir;
    if (dirname(dir) === dir) throw new Error(`no cwctl package.json above ${start}`);
  }
}

export const ROOT = findRoot(import.meta.dirname);
export const CLI = process.env.CWCTL_BENCH_CLI ?? join(ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  /** Exit code, or -1 when the process ended by a signal. */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** true when the hard limit killed it (a hang). */
  hung: boolean;
}

export interface RunCliOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Hard limit: SIGKILL after this many ms and report `hung` (default 60 s). */
  limitMs?: number;
  /** SIGKILL after this many ms on purpose (a crash), not reported as a hang. */
  killAfterMs?: number;
  /** Called once for every chunk of stdout (e.g. to kill on a marker). */
  onStdout?: (chunk: string, kill: () => void) => void;
  /** Another build's main.js (a benchmark's A/B comparison); default CLI. */
  cli?: string;
}

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build before npm run test:reliability`);
}

export function runCli(args: readonly string[], options: RunCliOptions): Promise<CliResult> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [options.cli ?? CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hung = false;
    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const limit = setTimeout(() => {
      hung = true;
      kill();
    }, options.limitMs ?? 60_000);
    const crash = options.killAfterMs === undefined ? undefined : setTimeout(kill, options.killAfterMs);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      options.onStdout?.(c, kill);
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      if (crash) clearTimeout(crash);
      resolve({ code: code ?? -1, signal, stdout, stderr, ms: performance.now() - started, hung });
    });
  });
}

/** What a clean failure must never look like: a stack trace or an internal error. */
export function looksLikeCrash(text: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(text) || /^\s+at .+:\d+:\d+$/m.test(text) || /internal error/i.test(text);
}
