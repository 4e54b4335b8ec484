// Retry policy of the PSA client: which failures are worth another attempt, how long to wait (exponential
// backoff with full jitter, or the server's Retry-After), and an abortable sleep. Pure decisions only:
// the request loop lives in http-client.ts. Never retries a 4xx other than 429.

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ retries: 5, baseDelayMs: 200, maxDelayMs: 20_000 });

/** Statuses that mean "try again later": rate limit and transient server/proxy failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Network error codes where the server may come back (or the request may not have been processed). */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'ERR_STREAM_PREMATURE_CLOSE',
]);

/**
 * ECONNREFUSED and DNS failures are not retried: nothing answered, and a person should fix the site
 * rather than wait through backoff. Neither are undici's own errors other than the socket and timeout ones
 * above (UND_ERR_INVALID_ARG, UND_ERR_NOT_SUPPORTED, a mock that matched nothing, ...): another attempt would
 * fail the same way. Other unknown codes (or none) on a failed request are treated as transient.
 */
export function isRetryableNetworkCode(code: string | undefined): boolean {
  if (code === undefined) return true;
  if (RETRYABLE_NETWORK_CODES.has(code)) return true;
  return !/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ERR_INVALID_URL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO|ERR_TLS|UND_)/.test(code);
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP-date. Undefined when absent or unreadable.
 * Capped at `maxMs` so a hostile or broken value cannot park cwctl for hours.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number, maxMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Math.round(Number(text) * 1000), maxMs);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), maxMs);
}

/** "Full jitter" backoff: uniform in [0, min(max, base * 2^attempt)]; attempt counts from 0. */
export function computeBackoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** The error a cancelled wait or request rejects with: the signal's own reason when it is an Error. */
export function readAbortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return Object.assign(new Error(typeof reason === 'string' ? reason : 'the operation was aborted'), { name: 'AbortError' });
}

/** setTimeout as a promise that rejects at once when the signal aborts (it keeps the process alive: a CLI run waits on it). */
export function sleepWithSignal(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(readAbortReason(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(readAbortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
