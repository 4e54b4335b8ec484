import { describe, expect, it, vi } from 'vitest';
import type { Operation } from '../model/operation.js';
import type { Plan } from '../model/plan.js';
import { startApplyProgress, useLiveProgress } from './progress.js';

const op = (i: number): Operation => ({ id: `createRole:role:R${i}`, address: `role:R${i}`, type: 'createRole', name: `R${i}`, dependsOn: [], executor: 'api', summary: `create role R${i}` });
// Only the fields the progress reporter reads.
const partial: Partial<Plan> = { operations: [op(1), op(2), op(3)], guided: [] };
const plan = partial as Plan;

describe('apply progress', () => {
  it('is live only on a terminal outside CI', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    expect(useLiveProgress({}, tty)).toBe(true);
    expect(useLiveProgress({ CI: 'true' }, tty)).toBe(false);
    expect(useLiveProgress({}, { isTTY: false } as NodeJS.WriteStream)).toBe(false);
  });

  it('plain: one line per finished or failed operation, on stderr', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const progress = startApplyProgress(plan, false);
      progress.reporter.operationFinished?.(op(1), { result: 'created', psaId: 7 });
      progress.reporter.operationFailed?.(op(2), new Error('HTTP 500'));
      const lines = write.mock.calls.map((c) => String(c[0]));
      expect(lines.some((l) => /ok\s+create role R1: created \(id 7\)/.test(l))).toBe(true);
      expect(lines.some((l) => /fail create role R2: HTTP 500/.test(l))).toBe(true);
    } finally {
      write.mockRestore();
    }
  });

  it('live: settles before the guided steps even when operations never ran (no hang, a prompt may follow)', async () => {
    const progress = startApplyProgress(plan, true);
    progress.reporter.operationStarted?.(op(1));
    progress.reporter.operationFinished?.(op(1), { result: 'found', psaId: 1 });
    progress.reporter.operationFailed?.(op(2), new Error('boom'));
    // op 3 never ran
    await Promise.race([
      Promise.resolve(progress.reporter.beforeGuided?.([])),
      new Promise((_, reject) => setTimeout(() => reject(new Error('progress did not settle')), 5000)),
    ]);
    await progress.finish(); // twice is harmless
  });
});
