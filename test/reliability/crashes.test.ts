// Crashes: apply of the whole-MSP example SIGKILLed at seeded random points (half at a random time, half right
// after the Nth operation is recorded, via CWCTL_TEST_KILL_AFTER_OPS), then converged (apply, checklist, apply,
// plan). After every kill the state file parses (never torn), its serial only grows across the runs, a lock
// left by the dead run is refused (exit 5, its id named) until `state force-unlock ID`, and the end state
// equals a clean run's with no object made twice. The resume runs without --allow-escalation and must not be
// refused (exit 6); a temp file a kill leaves mid-write is allowed right after the kill, but the next locked run
// must clear it (none left at the end).
// CWCTL_RELIABILITY_CRASHES sets the count (CI default 8; bench/apply.ts runs 50).
import { describe, expect, it } from 'vitest';
import { crashPoints, runCleanReference, runCrash } from './helpers/crash-run.js';
import { runPool } from './helpers/fault-campaign.js';
import { printFigures } from './helpers/print-figures.js';
import { diffFingerprints } from './helpers/sim-target.js';

const CRASHES = Number(process.env.CWCTL_RELIABILITY_CRASHES ?? 8);
const ONLY = process.env.CWCTL_RELIABILITY_CRASH_ONLY === undefined ? undefined : Number(process.env.CWCTL_RELIABILITY_CRASH_ONLY);
const SEED = Number(process.env.CWCTL_RELIABILITY_SEED ?? 20261123);
const EXAMPLE = 'msp';
/** Every request a little slow, so a random kill time lands inside the apply rather than after it. */
const SIM = { seed: 1, latencyMs: 10, jitterMs: 20 };

describe('crashes', () => {
  it(`${CRASHES} applies SIGKILLed at seeded random points recover to the clean end state`, async () => {
    const clean = await runCleanReference(EXAMPLE, SIM);
    expect(clean.finalPlan).toBe(0);
    const points = crashPoints(CRASHES, SEED, clean.firstApplyMs).filter((p) => ONLY === undefined || p.i === ONLY);
    const runs = await runPool(points.map((p) => () => runCrash(EXAMPLE, SIM, p)), 2);
    printFigures(`crashes: ${CRASHES} SIGKILLs (seed ${SEED}); clean first apply ${clean.firstApplyMs} ms; exits = kill [5 unlock], then apply/operator/apply/plan`, runs.map((r) => ({
      run: r.i, kill: r.how, 'killed mid-apply': r.killed, 'serial after kill': r.serials[0] ?? 'none', 'serial at end': r.serials[1] ?? 'none',
      'lock left': r.lockLeft, 'refused as escalation': r.escalationRefusals, exits: r.exits, 'same end state': r.digest === clean.digest, duplicates: r.duplicates.length, 'final plan': r.finalPlan, 'temp files after kill': r.stray.length, 'temp files at end': r.strayAtEnd.length, s: (r.ms / 1000).toFixed(1),
    })));
    for (const r of runs) {
      expect(diffFingerprints(clean.text, r.text), `run ${r.i} (${r.how}): end state differs from the clean run`).toEqual([]);
      expect(r.duplicates, `run ${r.i}`).toEqual([]);
      expect(r.finalPlan, `run ${r.i}`).toBe(0);
      expect(r.escalationRefusals, `run ${r.i}: resuming was refused as an escalation (exit 6)`).toBe(0);
      expect(r.strayAtEnd, `run ${r.i}: temp files left in the state dir`).toEqual([]);
      if (r.serials[0] !== null) expect(r.serials[1]!, `run ${r.i}: serial went back`).toBeGreaterThanOrEqual(r.serials[0]);
      if (r.blocked) {
        expect(r.blocked.code, `run ${r.i}: a dead run's lock`).toBe(5);
        expect(r.blocked.namesId, `run ${r.i}: the refusal names the lock id`).toBe(true);
        expect(r.blocked.unlockCode).toBe(0);
      }
    }
    // The kills were real: most runs died mid-apply.
    expect(runs.filter((r) => r.killed).length).toBeGreaterThanOrEqual(Math.ceil(points.length / 2));
  });
});
