// The one plain wait of cwctl: a timer that wakes early, without error, when the signal aborts, so a loop that
// waits (the lock's backoff, apply's --wait poll, the simulator's latency) checks the signal itself and stops.
// psa/retry.ts's sleepWithSignal is the other kind: it rejects on abort, for a request that must fail.

/** Resolves after `ms` (at once when negative), or as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
