// Fault decisions: the per-key minute window, Retry-After from the oldest request, seeded determinism, config checks.
import { describe, expect, it } from 'vitest';
import { FaultInjector, checkFaultConfig } from './faults.js';

describe('FaultInjector', () => {
  it('limits each key to N requests in a sliding minute and says when to retry', () => {
    let now = 1_000_000;
    const f = new FaultInjector({ rateLimitPerMinute: 2 }, 1, () => now);
    expect(f.decide('a').kind).toBe('none');
    now += 20_000;
    expect(f.decide('a').kind).toBe('none');
    expect(f.decide('b').kind).toBe('none');
    now += 10_000;
    const d = f.decide('a');
    expect(d).toMatchObject({ kind: 'throttle', reason: 'rateLimit', retryAfter: 30 });
    now += 30_001;
    expect(f.decide('a').kind).toBe('none');
  });

  it('is deterministic for a seed and roughly honours the rates', () => {
    const run = (seed: number): string[] => {
      const f = new FaultInjector({ errorRate: 0.2, throttleRate: 0.1, dropRate: 0.1 }, seed);
      return Array.from({ length: 2000 }, () => f.decide('k').kind);
    };
    const a = run(9);
    expect(run(9)).toEqual(a);
    expect(run(10)).not.toEqual(a);
    const share = (k: string): number => a.filter((x) => x === k).length / a.length;
    expect(share('error')).toBeGreaterThan(0.15);
    expect(share('error')).toBeLessThan(0.25);
    expect(share('throttle')).toBeGreaterThan(0.06);
    expect(share('drop')).toBeGreaterThan(0.06);
  });

  it('adds latency with jitter inside the bounds', () => {
    const f = new FaultInjector({ latencyMs: 10, jitterMs: 5 }, 3);
    for (let i = 0; i < 100; i++) {
      const d = f.decide('k').delayMs;
      expect(d).toBeGreaterThanOrEqual(10);
      expect(d).toBeLessThan(15);
    }
  });

  it('checks configs from /__sim/faults', () => {
    expect(checkFaultConfig({ errorRate: 0.5, latencyMs: 10 })).toEqual({ config: { errorRate: 0.5, latencyMs: 10 } });
    expect(checkFaultConfig({ errorRate: 1.5 })).toEqual({ error: expect.stringMatching(/probability/) });
    expect(checkFaultConfig({ errrorRate: 0.1 })).toEqual({ error: expect.stringMatching(/unknown field 'errrorRate'/) });
    expect(checkFaultConfig({ latencyMs: -1 })).toEqual({ error: expect.stringMatching(/non-negative/) });
    expect(checkFaultConfig([])).toEqual({ error: expect.any(String) });
  });
});
