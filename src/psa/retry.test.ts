import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBackoffDelay, isRetryableNetworkCode, isRetryableStatus, parseRetryAfter, sleepWithSignal } from './retry.js';

const policy = { retries: 5, baseDelayMs: 200, maxDelayMs: 20_000 };

describe('retry policy', () => {
  it('retries 429 and transient 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 405, 409, 415, 501].some(isRetryableStatus)).toBe(false);
  });

  it('retries resets and socket errors, not refused connections or DNS or TLS', () => {
    expect(['ECONNRESET', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'EPIPE', undefined].every(isRetryableNetworkCode)).toBe(true);
    expect(['ECONNREFUSED', 'ENOTFOUND', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID'].some(isRetryableNetworkCode)).toBe(false);
  });

  it("retries undici's socket and timeout errors, not its argument or mock errors (another attempt fails the same way)", () => {
    expect(['UND_ERR_CLOSED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'].every(isRetryableNetworkCode)).toBe(true);
    expect(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED', 'UND_MOCK_ERR_MOCK_NOT_MATCHED'].some(isRetryableNetworkCode)).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP-date, capped', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now, 60_000)).toBe(30_000);
    expect(parseRetryAfter('0.5', now, 60_000)).toBe(500);
    expect(parseRetryAfter('99999', now, 60_000)).toBe(60_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:12 GMT', now, 60_000)).toBe(12_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now, 60_000)).toBe(0);
    expect(parseRetryAfter('soon', now, 60_000)).toBeUndefined();
    expect(parseRetryAfter(null, now, 60_000)).toBeUndefined();
  });

  it('full-jitter backoff stays within [0, min(max, base*2^n)]', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
      const d = computeBackoffDelay(attempt, policy, () => r);
      return d >= 0 && d <= Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) && Number.isInteger(d);
    }));
    expect(computeBackoffDelay(3, policy, () => 0.999)).toBe(1598);
  });

  it('sleepWithSignal rejects at once on abort with the reason', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = sleepWithSignal(10_000, controller.signal);
    controller.abort(new Error('stop now'));
    await expect(pending).rejects.toThrow('stop now');
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(sleepWithSignal(5)).resolves.toBeUndefined();
  });
});
