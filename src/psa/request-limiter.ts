// RequestLimiter: at most N PSA requests in flight for one client family, FIFO, plus a shared pause so a
// 429's Retry-After holds back every request of the family, not just the one that was refused.
// It never times requests itself and never drops a waiter: an aborted waiter leaves the queue at once.
import { readAbortReason } from './retry.js';

export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class RequestLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];
  /** Epoch ms before which no new request may start (set from 429 Retry-After). */
  private pausedUntil = 0;

  constructor(
    readonly limit: number,
    private readonly sleep: SleepFn,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  inFlight(): number {
    return this.active;
  }

  /** Holds back every request that starts from now until now + ms (never shortens an existing pause). */
  pauseFor(ms: number): number {
    const until = this.now() + ms;
    if (until > this.pausedUntil) this.pausedUntil = until;
    return this.pausedUntil;
  }

  /**
   * Waits for a slot, then for the shared pause. `pauseWaitedUntil` is the pause deadline the caller has
   * already slept through itself, so a retrying request does not wait twice (also with an injected sleep
   * that does not advance the clock).
   */
  async acquire(signal?: AbortSignal, pauseWaitedUntil = 0): Promise<() => void> {
    if (signal?.aborted) throw readAbortReason(signal);
    if (this.active < this.limit && this.queue.length === 0) {
      this.active++;
    } else {
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const at = this.queue.indexOf(waiter);
            if (at >= 0) this.queue.splice(at, 1);
            reject(readAbortReason(signal as AbortSignal));
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        this.queue.push(waiter);
      });
    }
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.handOver();
    };
    if (this.pausedUntil > pauseWaitedUntil) {
      const wait = this.pausedUntil - this.now();
      if (wait > 0) {
        try {
          await this.sleep(wait, signal);
        } catch (error) {
          release();
          throw error;
        }
      }
    }
    return release;
  }

  private handOver(): void {
    const next = this.queue.shift();
    if (next) {
      // The slot passes straight to the next waiter: `active` stays the same.
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve();
    } else {
      this.active--;
    }
  }
}
