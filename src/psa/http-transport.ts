// The transport: one request to the PSA, with its retries. Bounded concurrency (the family's limiter), a timeout
// per attempt and a budget per request, backoff and Retry-After, a pause of the whole family on 429, POSTs that
// look for their record before sending again, and answers checked against what the caller expects.
// It must never log, throw or keep the Authorization header or a key in anything enumerable, never follow a
// redirect with credentials, and never retry a 4xx other than 429.
import { CwctlError, ExitCode } from '../errors.js';
import { isPsaId } from './check-shape.js';
import {
  buildBadResponseError, buildHttpError, buildNetworkError, buildTimeoutError, looksLikePsaError, readNetworkError, scrubSecrets,
} from './errors.js';
import type { PsaApiError, PsaRequestRef } from './errors.js';
import type { BodyRead } from './http-body.js';
import { ReplyHeaders, describeJson, formatBytes, isRecord, readBody, readCappedText } from './http-body.js';
import type { Family } from './http-family.js';
import { requestOn } from './undici-agent.js';
import { computeBackoffDelay, isRetryableNetworkCode, isRetryableStatus, parseRetryAfter, readAbortReason } from './retry.js';

const ACCEPT = 'application/vnd.connectwise.com+json; version=2025.8';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** What a 2xx must carry: `json` is any JSON (discovery checks it itself). */
export type Expect = 'array' | 'record' | 'object' | 'json' | 'none';

export interface RequestSpec {
  method: Method;
  url: string;
  /** For messages and errors: below apis/3.0, no query. */
  path: string;
  /** For the debug log: path plus query. */
  logPath: string;
  body?: unknown;
  auth: boolean;
  expect: Expect;
  signal: AbortSignal | undefined;
  /** POST only: look the record up by its natural key before sending again. */
  recheck?: (signal: AbortSignal | undefined) => Promise<unknown>;
  /** Statuses returned to the caller instead of thrown (e.g. 404 for discovery). */
  passStatuses?: readonly number[];
}

export interface Reply {
  status: number;
  headers: ReplyHeaders;
  body: unknown;
}

/**
 * Who sends: the headers that authenticate, and what to scrub from any message. A client keeps its Sender in a
 * private field, so neither JSON nor util.inspect of the client reaches it.
 */
export interface Sender {
  readonly authorization: string;
  readonly clientId: string;
  readonly secrets: readonly string[];
  isClosed(): boolean;
}

type AttemptOutcome =
  | { kind: 'reply'; status: number; headers: ReplyHeaders; body: BodyRead }
  | { kind: 'timeout'; ms: number }
  | { kind: 'too-large'; status: number; bytes: number | undefined }
  | { kind: 'network'; error: unknown }
  | { kind: 'aborted'; reason: Error };

/** How errors name a request: method, path below apis/3.0 (no query) and the site. */
export function requestRef(family: Family, spec: Pick<RequestSpec, 'method' | 'path'>): PsaRequestRef {
  return { method: spec.method, path: spec.path, site: family.site.origin };
}

function buildHeaders(family: Family, sender: Sender, spec: RequestSpec): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': family.userAgent,
    Accept: spec.auth ? ACCEPT : 'application/json',
  };
  if (spec.auth) {
    headers.Authorization = sender.authorization;
    headers.clientId = sender.clientId;
  }
  if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
  return headers;
}

export async function sendRequest(family: Family, sender: Sender, spec: RequestSpec): Promise<Reply> {
  if (sender.isClosed() || family.closed) {
    throw new CwctlError(`${spec.method} ${spec.path}: the PSA client was closed`, { exitCode: ExitCode.Internal, code: 'psa-client-closed' });
  }
  const ref = requestRef(family, spec);
  const maxAttempts = family.retry.retries + 1;
  let pauseWaitedUntil = 0;
  let mayHaveBeenProcessed = false;
  /** Set when the first attempt starts: no attempt or wait goes past it (waiting for a slot does not count). */
  let deadline = Number.POSITIVE_INFINITY;
  for (let attempt = 1; ; attempt++) {
    if (spec.signal?.aborted) throw readAbortReason(spec.signal);
    if (attempt > 1 && spec.recheck && mayHaveBeenProcessed) {
      // The earlier POST may have been applied before its answer was lost: find it rather than create a twin.
      const existing = await spec.recheck(spec.signal);
      if (existing !== undefined) {
        family.debugLog?.(`${spec.method} ${spec.logPath}: found by its natural key after a failed attempt; not sent again`);
        return { status: 200, headers: new ReplyHeaders(), body: existing };
      }
    }
    const release = await family.limiter.acquire(spec.signal, pauseWaitedUntil);
    family.requests++;
    const started = Date.now();
    if (attempt === 1) deadline = started + family.requestBudgetMs;
    let outcome: AttemptOutcome;
    try {
      outcome = await runAttempt(family, sender, spec, Math.max(1, Math.min(family.requestTimeoutMs, deadline - started)));
    } finally {
      release();
    }
    if (outcome.kind === 'reply' && outcome.status === 429) family.limiter.onRateLimited(started);
    else if (outcome.kind === 'reply' && outcome.status < 400) family.limiter.onSuccess();
    const ms = Date.now() - started;
    family.debugLog?.(`${spec.method} ${spec.logPath} ${outcome.kind === 'reply' ? String(outcome.status) : outcome.kind} ${ms}ms attempt ${attempt}`);

    let retryDelay: number | undefined;
    let failure: () => Error;
    if (outcome.kind === 'aborted') {
      throw outcome.reason;
    } else if (outcome.kind === 'too-large') {
      throw buildBadResponseError(ref, `the answer is larger than ${formatBytes(family.maxBodyBytes)} (${outcome.bytes === undefined ? 'read so far' : `Content-Length ${outcome.bytes}`}); cwctl does not read answers that size`, {
        status: outcome.status, attempts: attempt, secrets: sender.secrets, hint: 'psa.site may point at something other than the PSA API, or the PSA is misbehaving',
      });
    } else if (outcome.kind === 'timeout') {
      mayHaveBeenProcessed = true;
      failure = () => buildTimeoutError(ref, outcome.ms, attempt);
    } else if (outcome.kind === 'network') {
      const code = readNetworkError(outcome.error).code;
      // A refused connection never reached the server; anything else may have.
      if (code !== 'ECONNREFUSED') mayHaveBeenProcessed = true;
      failure = () => buildNetworkError(ref, outcome.error, sender.secrets, attempt);
      if (!isRetryableNetworkCode(code)) throw failure();
    } else {
      const { status, headers } = outcome;
      if (status >= 200 && status < 300) {
        if (outcome.body.kind === 'invalid-json') {
          // A 2xx whose JSON is cut short: the connection dropped mid-body. Worth another attempt.
          mayHaveBeenProcessed = true;
          failure = () => buildBadResponseError(ref, `the answer (${status}) was not complete JSON (cut short?) after ${attempt} attempt${attempt === 1 ? '' : 's'}`, { status, attempts: attempt, secrets: sender.secrets });
        } else {
          return { status, headers, body: checkBody(sender, spec, ref, status, outcome.body) };
        }
      } else if (spec.method === 'DELETE' && status === 404 && attempt > 1) {
        // The earlier DELETE went through before its answer was lost.
        return { status: 204, headers, body: undefined };
      } else if (spec.passStatuses?.includes(status)) {
        return { status, headers, body: outcome.body.kind === 'json' ? outcome.body.value : undefined };
      } else if (status >= 300 && status < 400) {
        const location = headers.get('location');
        const where = location ? ` to ${location.split('?')[0] ?? location}` : '';
        throw buildBadResponseError(ref, `the server answered ${status} (a redirect${where}); cwctl does not follow redirects with credentials`, {
          status, attempts: attempt, secrets: sender.secrets, hint: 'set psa.site to the API host itself (cloud: api-REGION.myconnectwise.net)',
        });
      } else {
        const errorBody = outcome.body.kind === 'json' ? outcome.body.value : undefined;
        const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headers.get('retry-after'), Date.now(), Number.MAX_SAFE_INTEGER) : undefined;
        failure = () => {
          if (outcome.body.kind === 'not-json' && status !== 429 && status < 500) {
            return buildBadResponseError(ref, `${status}: expected JSON, got ${outcome.body.contentType || 'no content type'}${outcome.body.title ? ` ("${outcome.body.title}")` : ''}`, {
              status, attempts: attempt, secrets: sender.secrets, hint: 'psa.site may point at a web page or a proxy rather than the PSA API',
            });
          }
          return buildHttpError(ref, {
            status, body: errorBody, company: family.target.company, secrets: sender.secrets, attempts: attempt,
            retryAfterSeconds: retryAfterMs === undefined ? undefined : Math.round(retryAfterMs / 1000),
          });
        };
        if (!isRetryableStatus(status)) throw failure();
        if (status !== 429) mayHaveBeenProcessed = true;
        retryDelay = retryAfterMs;
        if (status === 429) {
          const delay = retryAfterMs ?? computeBackoffDelay(attempt - 1, family.retry) + family.retry.baseDelayMs;
          retryDelay = delay;
          // Everyone in the family waits, not just this request: the limit is per key pair and site. A wait past
          // this request's budget is not taken (nor imposed on the others): the run ends now, saying so.
          if (attempt < maxAttempts && Date.now() + delay < deadline) pauseWaitedUntil = family.limiter.pauseFor(delay);
        }
      }
    }
    if (attempt >= maxAttempts) throw failure();
    const delay = retryDelay ?? computeBackoffDelay(attempt - 1, family.retry);
    if (Date.now() + delay >= deadline) {
      // Another attempt would end past the budget: a stalled server, or a Retry-After longer than cwctl waits.
      family.debugLog?.(`${spec.method} ${spec.logPath}: giving up: waiting ${delay}ms more would pass the ${family.requestBudgetMs}ms budget of one request`);
      throw failure();
    }
    family.debugLog?.(`${spec.method} ${spec.logPath}: retrying in ${delay}ms`);
    try {
      await family.sleep(delay, spec.signal);
    } catch (error) {
      // Whatever the sleep rejected with, an abort is reported as the caller's own reason.
      if (spec.signal?.aborted) throw readAbortReason(spec.signal);
      throw error;
    }
  }
}

async function runAttempt(family: Family, sender: Sender, spec: RequestSpec, timeoutMs: number): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('request timed out'));
  }, timeoutMs);
  const onAbort = (): void => controller.abort(spec.signal?.reason);
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const url = new URL(spec.url);
    const response = await requestOn(family.agent, {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: spec.method,
      headers: buildHeaders(family, sender, spec),
      body: spec.body === undefined ? null : JSON.stringify(spec.body),
      signal: controller.signal,
    });
    const headers = new ReplyHeaders(response.headers);
    const text = await readCappedText(response.body, headers, family.maxBodyBytes);
    if (typeof text !== 'string') {
      controller.abort(new Error('answer too large'));
      return { kind: 'too-large', status: response.statusCode, bytes: text.declared };
    }
    return { kind: 'reply', status: response.statusCode, headers, body: readBody(text, headers.get('content-type')) };
  } catch (error) {
    if (spec.signal?.aborted) return { kind: 'aborted', reason: readAbortReason(spec.signal) };
    if (timedOut) return { kind: 'timeout', ms: timeoutMs };
    return { kind: 'network', error };
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onAbort);
  }
}

function checkBody(sender: Sender, spec: RequestSpec, ref: PsaRequestRef, status: number, body: BodyRead): unknown {
  const bad = (what: string, hint?: string): PsaApiError =>
    buildBadResponseError(ref, what, { status, secrets: sender.secrets, ...(hint ? { hint } : {}) });
  if (spec.expect === 'none') return undefined;
  if (body.kind === 'not-json') {
    throw bad(`expected JSON, got ${body.contentType || 'no content type'}${body.title ? ` ("${body.title}")` : ''} (status ${status})`,
      'psa.site may point at a web page or a proxy rather than the PSA API');
  }
  if (body.kind !== 'json') throw bad(`expected a JSON ${spec.expect === 'array' ? 'list' : 'record'}, got an empty answer (status ${status})`);
  const value = body.value;
  if (spec.expect === 'json') return value;
  if (looksLikePsaError(value)) {
    const rec = value as Record<string, unknown>;
    throw bad(`the PSA answered ${status} with an error: ${String(rec.code ?? rec.error)}: ${scrubSecrets(String(rec.message), sender.secrets)}`);
  }
  if (spec.expect === 'array') {
    if (!Array.isArray(value)) throw bad(`expected a list, got ${describeJson(value)}`);
    const at = value.findIndex((item) => !isRecord(item));
    if (at >= 0) throw bad(`expected a list of records, item ${at} is ${describeJson(value[at])}`);
    return value;
  }
  if (!isRecord(value)) throw bad(`expected a record, got ${describeJson(value)}`);
  if (spec.expect === 'record' && !isPsaId(value.id)) throw bad(`expected a record with a positive integer id, got ${typeof value.id === 'number' ? String(value.id) : describeJson(value.id)} for id`);
  return value;
}
