// Seeded fault campaigns shared by test/reliability/faults.test.ts (a few runs, in CI) and bench/apply.ts (20):
// each run converges one example on a simulator injecting 500s, 429s with Retry-After, dropped connections
// and jitter, and the same example on a clean simulator of the same seed; the two end states must match.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convergeExample, exampleFile } from './converge.js';
import type { ConvergeResult } from './converge.js';
import { fingerprint, startTarget } from './sim-target.js';
import type { Fingerprint } from './sim-target.js';

/** 20% of requests faulted: 10% 500, 5% 429 (Retry-After 1 s), 5% dropped; 0-200 ms jitter on every request. */
export const FAULT_MIX = { errorRate: 0.1, throttleRate: 0.05, dropRate: 0.05, jitterMs: 200, retryAfterSeconds: 1 } as const;

export interface CampaignRun {
  example: string;
  seed: number;
  faulted: boolean;
  converge: ConvergeResult;
  fingerprint: Fingerprint;
  requests: number;
  /** Faults the simulator injected, each answered by a client retry (or a step re-run). */
  faults: { errors: number; throttles: number; drops: number };
  writes: number;
}

export async function runCampaignOnce(example: string, seed: number, faulted: boolean): Promise<CampaignRun> {
  const target = await startTarget({ seed });
  if (faulted) target.sim.faults.update(FAULT_MIX);
  const cwd = await mkdtemp(join(tmpdir(), `cwctl-faults-${example}-${seed}-`));
  try {
    const converge = await convergeExample(exampleFile(example), cwd, target.env);
    const stats = target.sim.stats.snapshot();
    return { example, seed, faulted, converge, fingerprint: fingerprint(target.sim), requests: stats.total, faults: { ...stats.faults }, writes: stats.writes };
  } finally {
    await target.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

/** Runs tasks with at most `limit` in flight (the CLI runs are mostly waiting on injected latency). */
export async function runPool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
