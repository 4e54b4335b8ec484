// Faults: every example converged (apply, the checklist played by `cwctl sim operator`, apply with the new
// keys, plan) on a simulator answering 20% of requests with 500s, 429s (Retry-After) and dropped connections,
// with 0-200 ms jitter; each must reach the same end state as a clean run of the same seed, with no object
// made twice and an empty plan after. CI runs one seeded run per example (CWCTL_RELIABILITY_FAULT_RUNS to
// change); bench/apply.ts runs 20. Figures: runs, requests, retries, re-runs, time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, convergeExample, exampleFile } from './helpers/converge.js';
import { FAULT_MIX, runCampaignOnce, runPool } from './helpers/fault-campaign.js';
import type { CampaignRun } from './helpers/fault-campaign.js';
import { printFigures } from './helpers/print-figures.js';
import { startLoseAnswerProxy } from './helpers/lose-answer-proxy.js';
import { diffFingerprints, fingerprint, startTarget } from './helpers/sim-target.js';

const RUNS = Number(process.env.CWCTL_RELIABILITY_FAULT_RUNS ?? EXAMPLES.length);
const BASE_SEED = Number(process.env.CWCTL_RELIABILITY_SEED ?? 20261123) % 1000;

describe('apply under injected faults', () => {
  it(`${RUNS} seeded runs (${(FAULT_MIX.errorRate * 100).toFixed(0)}% 500, ${(FAULT_MIX.throttleRate * 100).toFixed(0)}% 429, ${(FAULT_MIX.dropRate * 100).toFixed(0)}% drops, 0-${FAULT_MIX.jitterMs} ms jitter) converge to the clean end state`, async () => {
    const plan = Array.from({ length: RUNS }, (_, i) => ({ example: EXAMPLES[i % EXAMPLES.length] as string, seed: BASE_SEED + i }));
    const tasks = plan.flatMap((p) => [() => runCampaignOnce(p.example, p.seed, false), () => runCampaignOnce(p.example, p.seed, true)]);
    const results = await runPool(tasks, 3);
    const rows = [];
    const problems: string[] = [];
    for (let i = 0; i < plan.length; i++) {
      const clean = results[2 * i] as CampaignRun;
      const faulted = results[2 * i + 1] as CampaignRun;
      const retries = faulted.faults.errors + faulted.faults.throttles + faulted.faults.drops;
      rows.push({
        example: faulted.example, seed: faulted.seed,
        'cli runs': faulted.converge.runs.length, 're-runs': faulted.converge.reruns,
        requests: faulted.requests, 'clean requests': clean.requests,
        '500/429/drop': `${faulted.faults.errors}/${faulted.faults.throttles}/${faulted.faults.drops}`, retries,
        's faulted': (faulted.converge.ms / 1000).toFixed(1), 's clean': (clean.converge.ms / 1000).toFixed(1),
        'same end state': faulted.fingerprint.digest === clean.fingerprint.digest, duplicates: faulted.fingerprint.duplicates.length,
        'final plan exit': faulted.converge.finalPlanCode,
      });
      const tag = `${faulted.example} seed ${faulted.seed}`;
      if (faulted.fingerprint.text !== clean.fingerprint.text) problems.push(`${tag}: end state differs from the clean run: ${diffFingerprints(clean.fingerprint.text, faulted.fingerprint.text).join(' | ')}`);
      if (faulted.fingerprint.duplicates.length > 0) problems.push(`${tag}: duplicates ${faulted.fingerprint.duplicates.join(', ')}`);
      if (clean.fingerprint.duplicates.length > 0) problems.push(`${tag} (clean): duplicates ${clean.fingerprint.duplicates.join(', ')}`);
      if (faulted.converge.finalPlanCode !== 0) problems.push(`${tag}: plan after convergence exited ${faulted.converge.finalPlanCode}`);
      if (clean.converge.finalPlanCode !== 0) problems.push(`${tag} (clean): plan after convergence exited ${clean.converge.finalPlanCode}`);
      if (clean.converge.reruns !== 0) problems.push(`${tag} (clean): needed ${clean.converge.reruns} re-runs without faults`);
    }
    const total = rows.reduce((n, r) => n + r.retries, 0);
    printFigures(`faults: ${RUNS} seeded runs, ${total} injected faults retried`, rows);
    expect(problems).toEqual([]);
    // The faults were real: every faulted run saw some.
    for (const r of rows) expect(r.retries, `${r.example}`).toBeGreaterThan(0);
  });
});

describe('apply when the PSA commits a write and the answer is lost', () => {
  it('msp through a proxy that cuts 30% of write answers after the commit: no object twice, the clean end state', async () => {
    const seed = BASE_SEED;
    const clean = await runCampaignOnce('msp', seed, false);
    const target = await startTarget({ seed });
    const proxy = await startLoseAnswerProxy({ upstream: target.sim.url, rate: 0.3, seed, maxLost: 12 });
    const cwd = await mkdtemp(join(tmpdir(), 'cwctl-lost-answers-'));
    try {
      const converge = await convergeExample(exampleFile('msp'), cwd, { ...target.env, CWCTL_SITE: proxy.url });
      const fp = fingerprint(target.sim);
      printFigures('faults: write answers lost after the commit (msp)', [{
        writes: proxy.writes, 'answers lost': proxy.lost.length, 'creates among them': proxy.lost.filter((l) => l.startsWith('POST')).length,
        'cli runs': converge.runs.length, 're-runs': converge.reruns, duplicates: fp.duplicates.length, 'final plan exit': converge.finalPlanCode,
      }]);
      // The case happened, creates included: otherwise this test proves nothing.
      expect(proxy.lost.filter((l) => l.startsWith('POST')).length, proxy.lost.join('\n')).toBeGreaterThan(0);
      expect(fp.duplicates).toEqual([]);
      expect(diffFingerprints(clean.fingerprint.text, fp.text)).toEqual([]);
      expect(converge.finalPlanCode).toBe(0);
    } finally {
      await proxy.close();
      await target.close();
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
