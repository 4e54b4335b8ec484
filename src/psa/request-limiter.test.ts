import { describe, expect, it } from 'vitest';
import { RequestLimiter } from './request-limiter.js';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('RequestLimiter', () => {
  it('keeps at most N in flight and serves waiters in order', async () => {
    const limiter = new RequestLimiter(2, () => Promise.resolve());
    let inFlight = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 7 }, async (_, i) => {
      const release = await limiter.acquire();
      order.push(i);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight--;
      release();
    }));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(limiter.inFlight()).toBe(0);
  });

  it('an aborted waiter leaves the queue and the slot count stays right', async () => {
    const limiter = new RequestLimiter(1, () => Promise.resolve());
    const first = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    first();
    const again = await limiter.acquire();
    expect(limiter.inFlight()).toBe(1);
    again();
    again(); // a second release is ignored
    expect(limiter.inFlight()).toBe(0);
  });

  it('a pause holds back every new request once, but not the one that already waited it out', async () => {
    let now = 1_000;
    const slept: number[] = [];
    const limiter = new RequestLimiter(4, (ms) => {
      slept.push(ms);
      return Promise.resolve();
    }, () => now);
    const until = limiter.pauseFor(5_000);
    expect(until).toBe(6_000);
    limiter.pauseFor(1_000); // never shortens
    now = 2_000;
    (await limiter.acquire())();
    (await limiter.acquire(undefined, until))();
    expect(slept).toEqual([4_000]);
  });

  it('halves the bound on a 429 (never below 1) and grows it back by one after a run of successes', async () => {
    const limiter = new RequestLimiter(8, () => Promise.resolve());
    await tick();
    limiter.onRateLimited();
    expect(limiter.concurrency()).toBe(4);
    limiter.onRateLimited();
    limiter.onRateLimited();
    limiter.onRateLimited();
    expect(limiter.concurrency()).toBe(1);
    limiter.onSuccess();
    expect(limiter.concurrency()).toBe(2);
    limiter.onSuccess();
    expect(limiter.concurrency()).toBe(2);
    limiter.onSuccess();
    expect(limiter.concurrency()).toBe(3);
    for (let i = 0; i < 100; i++) limiter.onSuccess();
    expect(limiter.concurrency()).toBe(8);
  });

  it('a lowered bound holds waiters back until releases bring the in-flight count under it', async () => {
    const limiter = new RequestLimiter(4, () => Promise.resolve());
    const held = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    limiter.onRateLimited(); // bound 2 with 4 in flight
    let started = 0;
    const waiting = [limiter.acquire(), limiter.acquire()].map((p) => p.then((release) => { started++; return release; }));
    held[0]?.();
    held[1]?.();
    await tick();
    expect(started).toBe(0); // 2 still in flight = the bound
    held[2]?.();
    await tick();
    expect(started).toBe(1);
    held[3]?.();
    for (const release of await Promise.all(waiting)) release();
    expect(limiter.inFlight()).toBe(0);
  });

  it('paces starts to 90% of a declared limit over a sliding minute', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new RequestLimiter(8, (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    }, { rateLimitPerMinute: 10, now: () => now });
    expect(limiter.pacing()).toBe(9);
    const starts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const release = await limiter.acquire();
      starts.push(now);
      now += 100;
      release();
    }
    // No sliding minute holds more than 9 starts.
    for (const t of starts) expect(starts.filter((s) => s > t - 60_000 && s <= t).length).toBeLessThanOrEqual(9);
    expect(starts[9]).toBeGreaterThanOrEqual(60_000);
  });

  it('learns a limit from a 429 only at a real rate (100+ starts in the minute), not from capacity throttling', async () => {
    let now = 0;
    const limiter = new RequestLimiter(8, () => Promise.resolve(), { now: () => now });
    for (let i = 0; i < 20; i++) (await limiter.acquire())();
    limiter.onRateLimited();
    expect(limiter.pacing()).toBeUndefined();
    for (let i = 0; i < 200; i++) {
      now += 10;
      (await limiter.acquire())();
    }
    limiter.onRateLimited();
    expect(limiter.pacing()).toBe(Math.floor(220 * 0.9));
  });

  it('429s of requests sent before the last halving do not halve again', async () => {
    let now = 1_000;
    const limiter = new RequestLimiter(8, () => Promise.resolve(), { now: () => now });
    await tick();
    const sentTogether = now;
    now = 1_050;
    limiter.onRateLimited(sentTogether);
    limiter.onRateLimited(sentTogether);
    limiter.onRateLimited(sentTogether);
    expect(limiter.concurrency()).toBe(4);
    now = 1_100;
    limiter.onRateLimited(1_060); // sent after the halving, at the new rate
    expect(limiter.concurrency()).toBe(2);
  });
});
