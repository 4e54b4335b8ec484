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
});
