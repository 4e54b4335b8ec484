// RequestLimiter: PSA requests in flight for one client family, FIFO, adaptive: at most `limit` at once, halved
// on a 429 and grown back by one after a run of successes (AIMD, as TCP does), plus a shared pause so a 429's
// Retry-After holds back every request of the family, not just the one that was refused. Once a rate limit is
// known (declared, or learned from the starts of the last minute when a 429 came) new requests are paced to 90%
// of it over a sliding minute, the window the PSA counts in. It never times requests itself and never drops a
// waiter: an aborted waiter leaves the queue at once.
import { readAbortReason } from './retry.js';

export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

const WINDOW_MS = 60_000;
/** Pace to this share of a known limit: the PSA's own count and ours never line up exactly. */
const PACE_SHARE = 0.9;
/** The fewest starts in a minute that a 429 is read as a rate limit from (the PSA documents about 1,000). */
const MIN_LEARNED_RATE = 100;

export interface RequestLimiterOptions {
  /** A limit the PSA is known to enforce (requests per minute per key pair); learned from 429s when absent. */
  rateLimitPerMinute?: number | undefined;
  now?: () => number;
}

export class RequestLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];
  /** Epoch ms before which no new request may start (set from 429 Retry-After). */
  private pausedUntil = 0;
  /** The bound in force now: `limit` at first, lower after 429s. */
  private current: number;
  private successes = 0;
  /** When the bound was last halved (epoch ms). */
  private lastDecrease = Number.NEGATIVE_INFINITY;
  /** Start times (epoch ms) of the last minute, oldest first from `head`. */
  private starts: number[] = [];
  private head = 0;
  /** Starts allowed per sliding minute; Infinity until a limit is known. */
  private perWindow = Number.POSITIVE_INFINITY;
  private readonly now: () => number;

  constructor(
    readonly limit: number,
    private readonly sleep: SleepFn,
    options: RequestLimiterOptions | (() => number) = {},
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
    const opts = typeof options === 'function' ? { now: options } : options;
    this.now = opts.now ?? Date.now;
    this.current = limit;
    if (opts.rateLimitPerMinute !== undefined) this.knowLimit(opts.rateLimitPerMinute);
  }

  inFlight(): number {
    return this.active;
  }

  /** The bound in force now (lower than `limit` after 429s). */
  concurrency(): number {
    return this.current;
  }

  /** Starts allowed in any sliding minute; undefined while no limit is known. */
  pacing(): number | undefined {
    return Number.isFinite(this.perWindow) ? this.perWindow : undefined;
  }

  /** Holds back every request that starts from now until now + ms (never shortens an existing pause). */
  pauseFor(ms: number): number {
    const until = this.now() + ms;
    if (until > this.pausedUntil) this.pausedUntil = until;
    return this.pausedUntil;
  }

  /**
   * A 429: fewer at once (halved, at least 1), and the rate we were going at is the PSA's limit (what the last
   * minute held when it said no), so from now on requests are paced below it.
   */
  onRateLimited(startedAt?: number): void {
    const now = this.now();
    // Requests sent before the last halving were sent at the old rate: their 429s do not halve again (as TCP
    // lowers its window once per round trip, not once per lost packet).
    if (startedAt === undefined || startedAt >= this.lastDecrease) {
      this.current = Math.max(1, Math.floor(this.current / 2));
      this.lastDecrease = now;
    }
    this.successes = 0;
    this.trim(now);
    const seen = this.starts.length - this.head;
    // Under MIN_LEARNED_RATE a 429 is the PSA's capacity throttling (or another client on the key), not a rate
    // we went past: pacing to it would crawl. The concurrency halving and Retry-After handle it.
    if (seen >= MIN_LEARNED_RATE) this.knowLimit(seen);
  }

  /** An answer that was not a 429: after as many successes in a row as the bound, one more in flight. */
  onSuccess(): void {
    if (this.current >= this.limit) return;
    this.successes++;
    if (this.successes < this.current) return;
    this.successes = 0;
    this.current++;
    this.drain();
  }

  /**
   * Waits for a slot, then for the shared pause, then for room in the paced minute. `pauseWaitedUntil` is the
   * pause deadline the caller has already slept through itself, so a retrying request does not wait twice (also
   * with an injected sleep that does not advance the clock).
   */
  async acquire(signal?: AbortSignal, pauseWaitedUntil = 0): Promise<() => void> {
    if (signal?.aborted) throw readAbortReason(signal);
    if (this.active < this.current && this.queue.length === 0) {
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
    try {
      if (this.pausedUntil > pauseWaitedUntil) {
        const wait = this.pausedUntil - this.now();
        if (wait > 0) await this.sleep(wait, signal);
      }
      await this.waitForWindow(signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  private knowLimit(perMinute: number): void {
    const allowed = Math.max(1, Math.floor(perMinute * PACE_SHARE));
    if (allowed < this.perWindow) this.perWindow = allowed;
  }

  /** Drops starts older than the window (compacting now and then so the array does not grow without end). */
  private trim(now: number): void {
    while (this.head < this.starts.length && (this.starts[this.head] as number) <= now - WINDOW_MS) this.head++;
    if (this.head > 1024 && this.head * 2 > this.starts.length) {
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * Takes the earliest start time that keeps every sliding minute within the known limit (reserved at once, so
   * requests waiting together do not all take the same moment) and sleeps until then.
   */
  private async waitForWindow(signal: AbortSignal | undefined): Promise<void> {
    const now = this.now();
    this.trim(now);
    let at = now;
    const count = this.starts.length - this.head;
    if (count >= this.perWindow) at = (this.starts[this.starts.length - this.perWindow] as number) + WINDOW_MS;
    const last = this.starts[this.starts.length - 1];
    if (last !== undefined && last > at) at = last;
    this.starts.push(at);
    if (at > now) await this.sleep(at - now, signal);
  }

  private handOver(): void {
    if (this.active <= this.current && this.queue.length > 0) {
      // The slot passes straight to the next waiter: `active` stays the same.
      this.wake();
    } else {
      this.active--;
    }
  }

  /** After the bound grew: start waiters while there is room. */
  private drain(): void {
    while (this.active < this.current && this.queue.length > 0) {
      this.active++;
      this.wake();
    }
  }

  private wake(): void {
    const next = this.queue.shift() as Waiter;
    next.signal?.removeEventListener('abort', next.onAbort);
    next.resolve();
  }
}
