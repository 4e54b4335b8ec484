// Injected misbehaviour for the simulator: latency with jitter, 500s, 429s with Retry-After, dropped
// connections (before or in the middle of a body), and a per-key requests-per-minute limit answering 429.
// Seeded, so a run with the same --seed and request order sees the same faults. No I/O: the server acts on
// the decisions this module returns.

import { createRng } from './random.js';
import type { Rng } from './random.js';

export interface FaultConfig {
  /** Fixed latency added to every faulted request, in ms. */
  latencyMs: number;
  /** Extra uniformly random latency in [0, jitterMs). */
  jitterMs: number;
  /** Probability of a 500. */
  errorRate: number;
  /** Probability of a 429 with Retry-After (capacity throttling, independent of the per-key limit). */
  throttleRate: number;
  /** Probability the connection is destroyed (half of them after part of the body was sent). */
  dropRate: number;
  /** Requests per minute per API key before 429s; 0 = unlimited. */
  rateLimitPerMinute: number;
  /** Retry-After seconds sent with random 429s. */
  retryAfterSeconds: number;
}

export const DEFAULT_FAULTS: FaultConfig = {
  latencyMs: 0, jitterMs: 0, errorRate: 0, throttleRate: 0, dropRate: 0, rateLimitPerMinute: 0, retryAfterSeconds: 1,
};

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'error'; delayMs: number }
  | { kind: 'throttle'; delayMs: number; retryAfter: number; reason: 'random' | 'rateLimit' }
  | { kind: 'drop'; delayMs: number; midBody: boolean };

const RATE_KEYS = Object.keys(DEFAULT_FAULTS) as (keyof FaultConfig)[];

/** Validates a (partial) fault config from JSON; returns a message for the first bad field. */
export function checkFaultConfig(input: unknown): { config: Partial<FaultConfig> } | { error: string } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { error: 'body must be a JSON object' };
  const out: Partial<FaultConfig> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (!RATE_KEYS.includes(k as keyof FaultConfig)) return { error: `unknown field '${k}' (known: ${RATE_KEYS.join(', ')})` };
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return { error: `${k} must be a non-negative number` };
    if (k.endsWith('Rate') && k !== 'rateLimitPerMinute' && v > 1) return { error: `${k} is a probability between 0 and 1` };
    out[k as keyof FaultConfig] = v;
  }
  return { config: out };
}

export class FaultInjector {
  config: FaultConfig;
  private rng: Rng;
  private readonly windows = new Map<string, number[]>();

  constructor(config: Partial<FaultConfig>, seed: number, private readonly now: () => number = () => Date.now()) {
    this.config = { ...DEFAULT_FAULTS, ...config };
    this.rng = createRng(seed ^ 0x5eed);
  }

  update(patch: Partial<FaultConfig>): FaultConfig {
    this.config = { ...this.config, ...patch };
    this.windows.clear();
    return this.config;
  }

  /** One decision per request; `key` is the caller's public key (or the client address when unauthenticated). */
  decide(key: string): FaultDecision {
    const c = this.config;
    const delayMs = c.latencyMs + (c.jitterMs > 0 ? this.rng() * c.jitterMs : 0);
    if (c.rateLimitPerMinute > 0) {
      const t = this.now();
      const w = (this.windows.get(key) ?? []).filter((x) => x > t - 60_000);
      if (w.length >= c.rateLimitPerMinute) {
        this.windows.set(key, w);
        const retryAfter = Math.max(1, Math.ceil(((w[0] as number) + 60_000 - t) / 1000));
        return { kind: 'throttle', delayMs, retryAfter, reason: 'rateLimit' };
      }
      w.push(t);
      this.windows.set(key, w);
    }
    const r = this.rng();
    if (r < c.errorRate) return { kind: 'error', delayMs };
    if (r < c.errorRate + c.throttleRate) return { kind: 'throttle', delayMs, retryAfter: Math.max(1, Math.round(c.retryAfterSeconds)), reason: 'random' };
    if (r < c.errorRate + c.throttleRate + c.dropRate) return { kind: 'drop', delayMs, midBody: this.rng() < 0.5 };
    return { kind: 'none', delayMs };
  }
}
