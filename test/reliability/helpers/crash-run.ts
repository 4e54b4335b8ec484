// One crash scenario, shared by test/reliability/crashes.test.ts (a few, in CI) and bench/apply.ts (50): apply
// SIGKILLed at a chosen time or right after the Nth recorded operation, the stale lock cleared as cwctl's
// message says (`state force-unlock ID`), then converged. Returns what the caller asserts: serials, stray
// files, the lock refusal, exit codes and the end state's fingerprint. No assertions here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateFile } from '../../../src/model/state.js';
import type { SimulatorOptions } from '../../../src/sim/start-simulator.js';
import { convergeExample, exampleFile } from './converge.js';
import { runCli } from './run-cli.js';
import { createRng as seededRandom } from '../../../src/sim/random.js';
import { fingerprint, startTarget } from './sim-target.js';

export interface CrashPoint {
  i: number;
  byOps: boolean;
  killOps: number;
  killMs: number;
}

export interface CrashRun {
  i: number;
  how: string;
  killed: boolean;
  /** State serial right after the kill (null: no state yet) and at the end. */
  serials: [number | null, number | null];
  /** Temp files in the state dir right after the kill (a kill mid-write may leave one) and at the end. */
  stray: string[];
  /** Temp files still there after convergence: the next locked run must have cleared them (must be empty). */
  strayAtEnd: string[];
  lockLeft: boolean;
  /** Applies after the kill refused as escalations (exit 6) of what the killed run created (must be 0). */
  escalationRefusals: number;
  /** When a lock was left: the blocked run's exit and whether it named the lock id; force-unlock's exit. */
  blocked?: { code: number; namesId: boolean; unlockCode: number };
  exits: string;
  text: string;
  digest: string;
  duplicates: string[];
  finalPlan: number;
  ms: number;
}

function readSerial(stateDir: string): { serial: number | null; stray: string[] } {
  const file = join(stateDir, 'state.json');
  const stray = existsSync(stateDir) ? readdirSync(stateDir).filter((n) => /\.tmp|~$|\.partial/.test(n)) : [];
  if (!existsSync(file)) return { serial: null, stray };
  const state = JSON.parse(readFileSync(file, 'utf8')) as StateFile; // throws when torn: the run fails loudly
  return { serial: state.serial, stray };
}

export async function runCrash(example: string, sim: SimulatorOptions, p: CrashPoint): Promise<CrashRun> {
  const started = performance.now();
  const target = await startTarget(sim);
  const cwd = await mkdtemp(join(tmpdir(), `cwctl-crash-${p.i}-`));
  const stateDir = join(cwd, '.cwctl');
  const file = exampleFile(example);
  try {
    const env = p.byOps ? { ...target.env, CWCTL_TEST_KILL_AFTER_OPS: String(p.killOps) } : target.env;
    const killed = await runCli(['-f', file, '--state-dir', stateDir, 'apply', '--auto-approve'], {
      cwd, env, limitMs: 120_000, ...(p.byOps ? {} : { killAfterMs: p.killMs }),
    });
    const afterKill = readSerial(stateDir);
    const lockFile = join(stateDir, 'state.lock');
    const lockLeft = existsSync(lockFile);
    let blocked: CrashRun['blocked'];
    if (lockLeft) {
      // A SIGKILLed run cannot release its lock; cwctl calls it stale and asks for force-unlock with its id
      // (Terraform's contract). Do what the message says, as a person would.
      const { id } = JSON.parse(readFileSync(lockFile, 'utf8')) as { id: string };
      const b = await runCli(['-f', file, '--state-dir', stateDir, 'apply', '--auto-approve'], { cwd, env: target.env });
      const u = await runCli(['--state-dir', stateDir, 'state', 'force-unlock', id], { cwd, env: target.env });
      blocked = { code: b.code, namesId: b.stderr.includes(id), unlockCode: u.code };
    }
    // Resumed exactly as a user would, without --allow-escalation: a refusal (exit 6) of what the killed run
    // created and approved is a failure to resume, counted and left to fail the run (no fallback flag).
    const converge = await convergeExample(file, cwd, target.env);
    const end = readSerial(stateDir);
    const fp = fingerprint(target.sim);
    return {
      i: p.i, how: p.byOps ? `after op ${p.killOps}` : `at ${p.killMs} ms`, killed: killed.signal === 'SIGKILL',
      serials: [afterKill.serial, end.serial], stray: afterKill.stray, strayAtEnd: end.stray, lockLeft,
      escalationRefusals: converge.runs.filter((r) => r.code === 6).length,
      ...(blocked ? { blocked } : {}),
      exits: [`${killed.signal ?? String(killed.code)}${blocked ? ` ${blocked.code} unlock` : ''}`, ...converge.runs.map((r) => String(r.code))].join(' '),
      text: fp.text, digest: fp.digest, duplicates: fp.duplicates, finalPlan: converge.finalPlanCode, ms: Math.round(performance.now() - started),
    };
  } finally {
    await target.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

/** The clean reference for a crash campaign, and how long its first apply took (the window kill times come from). */
export async function runCleanReference(example: string, sim: SimulatorOptions): Promise<{ text: string; digest: string; firstApplyMs: number; finalPlan: number }> {
  const ref = await startTarget(sim);
  const cwd = await mkdtemp(join(tmpdir(), 'cwctl-crash-ref-'));
  try {
    const c = await convergeExample(exampleFile(example), cwd, ref.env);
    const fp = fingerprint(ref.sim);
    return { text: fp.text, digest: fp.digest, firstApplyMs: c.runs[0]?.ms ?? 3000, finalPlan: c.finalPlanCode };
  } finally {
    await ref.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

/** Seeded kill points: odd runs right after op 1..12 is recorded, even runs at a time inside the first apply's window. */
export function crashPoints(count: number, seed: number, windowMs: number): CrashPoint[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    i, byOps: i % 2 === 1, killOps: 1 + Math.floor(rand() * 12), killMs: Math.round(300 + rand() * Math.max(500, windowMs - 300)),
  }));
}
