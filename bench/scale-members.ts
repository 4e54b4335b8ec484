// Benchmark at member scale: the built CLI's plan (and validate) against (1) a PSA of 5,000 members planning
// the whole-MSP example and (2) a desired state of 5,000 API members, timing each run and sampling the
// process's peak RSS (VmHWM from /proc, Linux) against the 200 MB target. The simulator runs in this process,
// so its memory is not counted. Usage: node dist/bench/scale-members.js [--members 5000]. Exit 1 over target.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exampleFile } from '../test/reliability/helpers/converge.js';
import { printFigures } from '../test/reliability/helpers/print-figures.js';
import { CLI } from '../test/reliability/helpers/run-cli.js';
import { startTarget } from '../test/reliability/helpers/sim-target.js';

const { values } = parseArgs({ options: { members: { type: 'string' } } });
const MEMBERS = Number(values.members ?? 5000);
const TARGET_MB = 200;

/** Peak RSS of a child (VmHWM), polled every 20 ms while it runs; undefined off Linux. */
function runMeasured(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; ms: number; peakMb: number | undefined; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    let peakKb: number | undefined;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
      } catch {
        // gone, or not Linux
      }
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code: code ?? -1, ms: performance.now() - started, peakMb: peakKb === undefined ? undefined : peakKb / 1024, stderr });
    });
  });
}

let over = 0;
const rows: Record<string, string | number>[] = [];
const record = (scenario: string, command: string, r: { code: number; ms: number; peakMb: number | undefined; stderr: string }, expected: number[]): void => {
  const ok = expected.includes(r.code) && (r.peakMb === undefined || r.peakMb < TARGET_MB);
  if (!ok) over++;
  rows.push({ scenario, command, exit: r.code, 's': (r.ms / 1000).toFixed(2), 'peak RSS MB': r.peakMb === undefined ? 'n/a' : r.peakMb.toFixed(0), [`< ${TARGET_MB} MB`]: ok ? 'yes' : 'NO' });
  if (!expected.includes(r.code)) console.log(`${scenario} ${command}: exit ${r.code}\n${r.stderr.slice(-1500)}`);
};

const dir = await mkdtemp(join(tmpdir(), 'cwctl-bench-members-'));
try {
  // (1) A big tenant: every member read for role assignments, plan of the whole MSP.
  const big = await startTarget({ seed: 1, members: MEMBERS });
  try {
    const args = ['-f', exampleFile('msp'), '--state-dir', join(dir, 'big'), 'plan', '--detailed-exitcode'];
    record(`PSA with ${MEMBERS} members`, 'plan examples/msp', await runMeasured(args, dir, big.env), [2]);
    record(`PSA with ${MEMBERS} members`, 'plan again (warm disk)', await runMeasured(args, dir, big.env), [2]);
  } finally {
    await big.close();
  }

  // (2) A big desired state: 5,000 API members on one role.
  const file = join(dir, 'members.yaml');
  const members = Array.from({ length: MEMBERS }, (_, i) => {
    const id = `bench${String(i).padStart(5, '0')}`;
    return `  - { identifier: ${id}, name: Bench member ${i}, role: BenchRole, level: Corporate (Level 1), location: Tampa, businessUnit: Admin }`;
  });
  await writeFile(file, `version: 1\nroles:\n  - name: BenchRole\n    profiles: [brightgauge]\nmembers:\n${members.join('\n')}\n`);
  const small = await startTarget({ seed: 1 });
  try {
    record(`desired state of ${MEMBERS} API members`, 'validate', await runMeasured(['-f', file, 'validate'], dir, small.env), [0]);
    record(`desired state of ${MEMBERS} API members`, 'plan', await runMeasured(['-f', file, '--state-dir', join(dir, 'many'), 'plan', '--detailed-exitcode'], dir, small.env), [2]);
  } finally {
    await small.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
printFigures(`scale: ${MEMBERS} members (plan time and peak RSS of the CLI process; target < ${TARGET_MB} MB)`, rows);
process.exitCode = over === 0 ? 0 : 1;
