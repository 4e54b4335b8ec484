// Crashes: apply of the whole-MSP example SIGKILLed at seeded random points (half at a random time, half right
// after the Nth operation is recorded, via CWCTL_TEST_KILL_AFTER_OPS), then converged (apply, checklist, apply,
// plan). After every kill the state file parses (never torn), its serial only grows across the runs, a lock
// left by the dead run is refused (exit 5, its id named) until `state force-unlock ID`, and the end state equals a clean run's with no object made twice.
// CWCTL_RELIABILITY_CRASHES sets the count (CI default 8; bench/apply.ts runs 50).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StateFile } from '../../src/model/state.js';
import { convergeExample, exampleFile } from './helpers/converge.js';
import { runPool } from './helpers/fault-campaign.js';
import { printFigures } from './helpers/print-figures.js';
import { runCli } from './helpers/run-cli.js';
import { seededRandom } from './helpers/seeded-random.js';
import { diffFingerprints, fingerprint, startTarget } from './helpers/sim-target.js';

const CRASHES = Number(process.env.CWCTL_RELIABILITY_CRASHES ?? 8);
const ONLY = process.env.CWCTL_RELIABILITY_CRASH_ONLY === undefined ? undefined : Number(process.env.CWCTL_RELIABILITY_CRASH_ONLY);
const SEED = Number(process.env.CWCTL_RELIABILITY_SEED ?? 20261123);
const EXAMPLE = 'msp';
/** Every request a little slow, so a random kill time lands inside the apply rather than after it. */
const SIM = { seed: 1, latencyMs: 10, jitterMs: 20 };

function readSerial(stateDir: string): { serial: number | null; stray: string[] } {
  const file = join(stateDir, 'state.json');
  const stray = existsSync(stateDir) ? readdirSync(stateDir).filter((n) => /\.tmp|~$|\.partial/.test(n)) : [];
  if (!existsSync(file)) return { serial: null, stray };
  const state = JSON.parse(readFileSync(file, 'utf8')) as StateFile; // throws (fails the run) when torn
  return { serial: state.serial, stray };
}

interface CrashRun {
  i: number;
  how: string;
  killed: boolean;
  serials: (number | null)[];
  stray: string[];
  lockLeft: boolean;
  exits: string;
  digest: string;
  duplicates: string[];
  finalPlan: number;
}

async function crashOnce(i: number, killOps: number, killMs: number, byOps: boolean): Promise<CrashRun & { text: string }> {
  const target = await startTarget(SIM);
  const cwd = await mkdtemp(join(tmpdir(), `cwctl-crash-${i}-`));
  const stateDir = join(cwd, '.cwctl');
  try {
    const env = byOps ? { ...target.env, CWCTL_TEST_KILL_AFTER_OPS: String(killOps) } : target.env;
    const killed = await runCli(['-f', exampleFile(EXAMPLE), '--state-dir', stateDir, 'apply', '--auto-approve'], {
      cwd, env, limitMs: 120_000, ...(byOps ? {} : { killAfterMs: killMs }),
    });
    const afterKill = readSerial(stateDir);
    const lockFile = join(stateDir, 'state.lock');
    const lockLeft = existsSync(lockFile);
    let unlock = '';
    if (lockLeft) {
      // A SIGKILLed run cannot release its lock; cwctl names it stale and asks for force-unlock with its id
      // (Terraform's contract). Do what the message says, as a person would.
      const { id } = JSON.parse(readFileSync(lockFile, 'utf8')) as { id: string };
      const blocked = await runCli(['-f', exampleFile(EXAMPLE), '--state-dir', stateDir, 'apply', '--auto-approve'], { cwd, env: target.env });
      expect(blocked.code, blocked.stderr).toBe(5);
      expect(blocked.stderr).toContain(id);
      const r = await runCli(['--state-dir', stateDir, 'state', 'force-unlock', id], { cwd, env: target.env });
      expect(r.code, r.stderr).toBe(0);
      unlock = ' 5 unlock';
    }
    const converge = await convergeExample(exampleFile(EXAMPLE), cwd, target.env, [], ['--allow-escalation']);
    const end = readSerial(stateDir);
    const fp = fingerprint(target.sim);
    return {
      i, how: byOps ? `after op ${killOps}` : `at ${killMs} ms`, killed: killed.signal === 'SIGKILL',
      serials: [afterKill.serial, end.serial], stray: [...afterKill.stray, ...end.stray], lockLeft,
      exits: [`${killed.signal ?? String(killed.code)}${unlock}`, ...converge.runs.map((r) => String(r.code))].join(' '),
      digest: fp.digest, duplicates: fp.duplicates, finalPlan: converge.finalPlanCode, text: fp.text,
    };
  } finally {
    await target.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

describe('crashes', () => {
  it(`${CRASHES} applies SIGKILLed at seeded random points recover to the clean end state`, async () => {
    // The clean reference, and how long a first apply takes here (the window kill times are drawn from).
    const ref = await startTarget(SIM);
    const refDir = await mkdtemp(join(tmpdir(), 'cwctl-crash-ref-'));
    let clean: { text: string; digest: string; firstApplyMs: number };
    try {
      const c = await convergeExample(exampleFile(EXAMPLE), refDir, ref.env);
      expect(c.finalPlanCode).toBe(0);
      const fp = fingerprint(ref.sim);
      clean = { text: fp.text, digest: fp.digest, firstApplyMs: c.runs[0]?.ms ?? 3000 };
    } finally {
      await ref.close();
      await rm(refDir, { recursive: true, force: true });
    }
    const rand = seededRandom(SEED);
    const points = Array.from({ length: CRASHES }, (_, i) => ({
      i, byOps: i % 2 === 1, killOps: 1 + Math.floor(rand() * 12), killMs: Math.round(300 + rand() * Math.max(500, clean.firstApplyMs - 300)),
    }));
    const runs = await runPool(points.filter((p) => ONLY === undefined || p.i === ONLY).map((p) => () => crashOnce(p.i, p.killOps, p.killMs, p.byOps)), 2);
    printFigures(`crashes: ${CRASHES} SIGKILLs (seed ${SEED}); clean first apply ${clean.firstApplyMs} ms; exits = kill, then apply/operator/apply/plan`, runs.map((r) => ({
      run: r.i, kill: r.how, 'killed mid-apply': r.killed, 'serial after kill': r.serials[0] ?? 'none', 'serial at end': r.serials[1] ?? 'none',
      'lock left': r.lockLeft, exits: r.exits, 'same end state': r.digest === clean.digest, duplicates: r.duplicates.length, 'final plan': r.finalPlan,
    })));
    for (const r of runs) {
      expect(diffFingerprints(clean.text, r.text), `run ${r.i} (${r.how}): end state differs from the clean run`).toEqual([]);
      expect(r.duplicates, `run ${r.i}`).toEqual([]);
      expect(r.finalPlan, `run ${r.i}`).toBe(0);
      expect(r.stray, `run ${r.i}: temporary files left`).toEqual([]);
      if (r.serials[0] !== null) expect(r.serials[1]!, `run ${r.i}: serial went back`).toBeGreaterThanOrEqual(r.serials[0]);
    }
    // The kills were real: most runs died mid-apply.
    expect(runs.filter((r) => r.killed).length).toBeGreaterThanOrEqual(Math.ceil(CRASHES / 2));
  });
});
