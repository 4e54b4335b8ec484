// HttpPsaClient: the PsaClient over the real PSA REST API (and the simulator): codebase discovery, Basic auth,
// paging by Link headers, bounded concurrency, retries with backoff, and POSTs that never create duplicates.
// It must never log, throw or keep the Authorization header or a key in anything enumerable, never follow a
// redirect or a Link to another origin with credentials, and never retry a 4xx other than 429.
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { CwctlError, ExitCode } from '../errors.js';
import type { CallOptions, Capabilities, Credentials, ListOptions, PsaClient, PsaTarget } from './client.js';
import { PUBLIC_API_CAPABILITIES } from './client.js';
import { SHAPES, findShapeError, isPsaId } from './check-shape.js';
import type { Shape } from './check-shape.js';
import {
  buildBadResponseError, buildHttpError, buildNetworkError, buildPagingError, buildTimeoutError, looksLikePsaError,
  PageLimitExceeded, readNetworkError, scrubSecrets,
} from './errors.js';
import type { PsaApiError, PsaRequestRef } from './errors.js';
import { findLink, parseLinkHeader } from './link-header.js';
import { RequestLimiter } from './request-limiter.js';
import type { SleepFn } from './request-limiter.js';
import {
  computeBackoffDelay, DEFAULT_RETRY_POLICY, isRetryableNetworkCode, isRetryableStatus, parseRetryAfter, readAbortReason,
  sleepWithSignal,
} from './retry.js';
import type { RetryPolicy } from './retry.js';
import { resolveSiteUrl } from './site-url.js';
import type { SiteUrl } from './site-url.js';
import type {
  AgreementType, ApiMember, ApiMemberCreate, CatalogItem, CompanyInfo, ConfigurationType, CorporateStructureLevel,
  Department, Location, ManagedDevicesCrossReference, ManagedDevicesCrossReferenceCreate, ManagedDevicesIntegration,
  ManagedDevicesIntegrationCreate, Member, MySecurity, MySecurityCustomizeItem, PsaPatchOperation, SecurityRole,
  SecurityRoleSetting, SetupScreen, SystemInfo,
} from './types.js';

export interface HttpPsaClientOptions {
  target: PsaTarget;
  credentials: Credentials;
  /** Default 8: one undici Agent (keep-alive), bounded connections. */
  maxConnections?: number;
  /** Max requests in flight for this client and those made by withCredentials; default = maxConnections. */
  concurrency?: number;
  /** Default 1000 (the PSA maximum). */
  pageSize?: number;
  retry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Default 20000: every attempt (headers and body) must finish within this. */
  requestTimeoutMs?: number;
  /**
   * Default twice requestTimeoutMs (40 s): one request, its retries and waits included, gives up after this, so a
   * stalled or trickling server or a huge Retry-After ends a run in well under a minute.
   */
  requestBudgetMs?: number;
  /** Default 16 MiB: a larger answer is refused as it streams in (exit 4), never buffered whole. */
  maxBodyBytes?: number;
  /** Default 250,000: a listing with more rows is refused (exit 4) rather than filling memory. */
  maxListRows?: number;
  capabilities?: Partial<Capabilities>;
  /** One line per request: method, path+query, status, ms, attempt. Never auth. */
  debugLog?: (line: string) => void;
  sleep?: SleepFn;
}

/** Codebase used when /login/companyinfo answers 404 (on-premises installs without discovery). */
export const FALLBACK_CODEBASE = 'v4_6_release/';
const ACCEPT = 'application/vnd.connectwise.com+json; version=2025.8';
const MAX_PAGE_SIZE = 1000;
const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_LIST_ROWS = 250_000;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** What a 2xx must carry: `json` is any JSON (discovery checks it itself). */
type Expect = 'array' | 'record' | 'object' | 'json' | 'none';

interface RequestSpec {
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

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Shared by a client and every client derived from it with withCredentials. */
interface Family {
  target: PsaTarget;
  site: SiteUrl;
  agent: Agent;
  limiter: RequestLimiter;
  concurrency: number;
  requests: number;
  pageSize: number;
  retry: RetryPolicy;
  requestTimeoutMs: number;
  requestBudgetMs: number;
  maxBodyBytes: number;
  maxListRows: number;
  capabilities: Capabilities;
  debugLog: ((line: string) => void) | undefined;
  sleep: SleepFn;
  userAgent: string;
  discovery: Promise<{ apiBase: string; info: CompanyInfo | undefined }> | undefined;
  closed: boolean;
}

let cachedVersion: string | undefined;
/** cwctl's version for User-Agent, from the package.json above this file (src/ or dist/src/). */
function readCwctlVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  cachedVersion = '0.0.0';
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'cwctl' && typeof pkg.version === 'string') {
        cachedVersion = pkg.version;
        break;
      }
    } catch {
      // not there: try the next level up
    }
  }
  return cachedVersion;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new CwctlError(`${name} must be a positive integer, got ${value}`, { exitCode: ExitCode.InvalidInput, code: 'invalid-option' });
  }
  return value;
}

export function createHttpPsaClient(options: HttpPsaClientOptions): PsaClient {
  const site = resolveSiteUrl(options.target.site);
  if (options.target.company.trim() === '') {
    throw new CwctlError('the PSA company id is empty', { exitCode: ExitCode.InvalidInput, code: 'no-company', hint: 'set psa.company in the file or CWCTL_COMPANY' });
  }
  const maxConnections = positiveInt(options.maxConnections, 8, 'maxConnections');
  const concurrency = positiveInt(options.concurrency, maxConnections, 'concurrency');
  const requestTimeoutMs = positiveInt(options.requestTimeoutMs, 20_000, 'requestTimeoutMs');
  const sleep = options.sleep ?? sleepWithSignal;
  const family: Family = {
    target: { ...options.target },
    site,
    agent: new Agent({
      connections: maxConnections,
      keepAliveTimeout: 10_000,
      // Belt and braces: the per-attempt AbortSignal is the timeout that counts.
      headersTimeout: requestTimeoutMs + 1_000,
      bodyTimeout: requestTimeoutMs + 1_000,
      connect: { timeout: Math.min(requestTimeoutMs, 10_000) },
    }),
    limiter: new RequestLimiter(concurrency, sleep),
    concurrency,
    requests: 0,
    pageSize: Math.min(positiveInt(options.pageSize, MAX_PAGE_SIZE, 'pageSize'), MAX_PAGE_SIZE),
    retry: {
      retries: options.retry?.retries ?? DEFAULT_RETRY_POLICY.retries,
      baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    },
    requestTimeoutMs,
    requestBudgetMs: positiveInt(options.requestBudgetMs, requestTimeoutMs * 2, 'requestBudgetMs'),
    maxBodyBytes: positiveInt(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes'),
    maxListRows: positiveInt(options.maxListRows, DEFAULT_MAX_LIST_ROWS, 'maxListRows'),
    capabilities: { ...PUBLIC_API_CAPABILITIES, ...(options.capabilities ?? {}) },
    debugLog: options.debugLog,
    sleep,
    userAgent: `cwctl/${readCwctlVersion()}`,
    discovery: undefined,
    closed: false,
  };
  for (const note of site.notes) family.debugLog?.(`psa: ${note}`);
  return new HttpPsaClient(family, options.credentials, true);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Double-quoted PSA condition literal, or undefined when the value cannot be quoted safely. */
function quoteCondition(value: string): string | undefined {
  return /["\\]/.test(value) ? undefined : `"${value}"`;
}

const sameText = (a: unknown, b: unknown): boolean =>
  (typeof a === 'string' ? a : '').toLowerCase() === (typeof b === 'string' ? b : '').toLowerCase();

class HttpPsaClient implements PsaClient {
  readonly #family: Family;
  // Private fields: not enumerable, so util.inspect/JSON of the client never show them.
  readonly #authorization: string;
  readonly #clientId: string;
  readonly #secrets: readonly string[];
  readonly #isRoot: boolean;
  #closed = false;

  constructor(family: Family, credentials: Credentials, isRoot: boolean) {
    this.#family = family;
    const basic = Buffer.from(`${family.target.company}+${credentials.publicKey}:${credentials.privateKey}`, 'utf8').toString('base64');
    this.#authorization = `Basic ${basic}`;
    this.#clientId = credentials.clientId;
    this.#secrets = [credentials.privateKey, basic];
    this.#isRoot = isRoot;
  }

  get target(): PsaTarget {
    return this.#family.target;
  }

  get capabilities(): Capabilities {
    return this.#family.capabilities;
  }

  withCredentials(credentials: Credentials): PsaClient {
    return new HttpPsaClient(this.#family, credentials, false);
  }

  get maxConcurrency(): number {
    return this.#family.concurrency;
  }

  requestCount(): number {
    return this.#family.requests;
  }

  /** The root client owns the Agent; a derived client's close only retires that client. */
  async close(): Promise<void> {
    this.#closed = true;
    if (!this.#isRoot || this.#family.closed) return;
    this.#family.closed = true;
    await this.#family.agent.destroy();
  }

  // ---- discovery -------------------------------------------------------------------------------

  async companyInfo(options?: CallOptions): Promise<CompanyInfo> {
    const found = await this.#discover(options?.signal);
    if (found.info) return found.info;
    // Discovery fell back after a 404: ask once more so the caller gets the error itself.
    const reply = await this.#request({ ...this.#companyInfoSpec(options?.signal), passStatuses: [], expect: 'object' });
    return reply.body as CompanyInfo;
  }

  #companyInfoSpec(signal: AbortSignal | undefined): RequestSpec {
    const { site, target } = this.#family;
    const path = `/login/companyinfo/${encodeURIComponent(target.company)}`;
    return { method: 'GET', url: `${site.origin}${site.pathPrefix}${path}`, path, logPath: path, auth: false, expect: 'json', signal, passStatuses: [404] };
  }

  #discover(signal: AbortSignal | undefined): Promise<{ apiBase: string; info: CompanyInfo | undefined }> {
    const family = this.#family;
    if (!family.discovery) {
      const started = this.#runDiscovery(signal);
      family.discovery = started;
      // A failed discovery is not cached: the next call tries again.
      started.catch(() => {
        if (family.discovery === started) family.discovery = undefined;
      });
    }
    return family.discovery;
  }

  async #runDiscovery(signal: AbortSignal | undefined): Promise<{ apiBase: string; info: CompanyInfo | undefined }> {
    const { site, target } = this.#family;
    const spec = this.#companyInfoSpec(signal);
    const reply = await this.#request(spec);
    const root = `${site.origin}${site.pathPrefix}`;
    if (reply.status === 404) {
      // On-premises servers without discovery: the release codebase is always served (reference section 1).
      this.#family.debugLog?.(`psa: ${spec.path} answered 404; using codebase ${FALLBACK_CODEBASE}`);
      return { apiBase: `${root}/${FALLBACK_CODEBASE}apis/3.0`, info: undefined };
    }
    const info = reply.body;
    const codebase = isRecord(info) ? info.Codebase : undefined;
    if (!isRecord(info) || typeof codebase !== 'string' || !/^[A-Za-z0-9_.-]+\/?$/.test(codebase)) {
      const ref = this.#ref(spec);
      throw buildBadResponseError(ref, `company '${target.company}' is not known at ${site.origin} (no Codebase in the company info)`, {
        status: reply.status, secrets: this.#secrets, hint: 'check psa.company (the company id you log in with) and psa.site',
      });
    }
    const normalized = codebase.endsWith('/') ? codebase : `${codebase}/`;
    this.#family.debugLog?.(`psa: company ${target.company} uses codebase ${normalized}`);
    return { apiBase: `${root}/${normalized}apis/3.0`, info: info as unknown as CompanyInfo };
  }

  // ---- the request loop ------------------------------------------------------------------------

  #ref(spec: RequestSpec): PsaRequestRef {
    return { method: spec.method, path: spec.path, site: this.#family.site.origin };
  }

  #headers(spec: RequestSpec): Record<string, string> {
    const headers: Record<string, string> = {
      'User-Agent': this.#family.userAgent,
      Accept: spec.auth ? ACCEPT : 'application/json',
    };
    if (spec.auth) {
      headers.Authorization = this.#authorization;
      headers.clientId = this.#clientId;
    }
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    return headers;
  }

  async #request(spec: RequestSpec): Promise<Reply> {
    const family = this.#family;
    if (this.#closed || family.closed) {
      throw new CwctlError(`${spec.method} ${spec.path}: the PSA client was closed`, { exitCode: ExitCode.Internal, code: 'psa-client-closed' });
    }
    const ref = this.#ref(spec);
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
          return { status: 200, headers: new Headers(), body: existing };
        }
      }
      const release = await family.limiter.acquire(spec.signal, pauseWaitedUntil);
      family.requests++;
      const started = Date.now();
      if (attempt === 1) deadline = started + family.requestBudgetMs;
      let outcome: AttemptOutcome;
      try {
        outcome = await this.#attempt(spec, Math.max(1, Math.min(family.requestTimeoutMs, deadline - started)));
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
          status: outcome.status, attempts: attempt, secrets: this.#secrets, hint: 'psa.site may point at something other than the PSA API, or the PSA is misbehaving',
        });
      } else if (outcome.kind === 'timeout') {
        mayHaveBeenProcessed = true;
        failure = () => buildTimeoutError(ref, outcome.ms, attempt);
      } else if (outcome.kind === 'network') {
        const code = readNetworkError(outcome.error).code;
        // A refused connection never reached the server; anything else may have.
        if (code !== 'ECONNREFUSED') mayHaveBeenProcessed = true;
        failure = () => buildNetworkError(ref, outcome.error, this.#secrets, attempt);
        if (!isRetryableNetworkCode(code)) throw failure();
      } else {
        const { status, headers } = outcome;
        if (status >= 200 && status < 300) {
          if (outcome.body.kind === 'invalid-json') {
            // A 2xx whose JSON is cut short: the connection dropped mid-body. Worth another attempt.
            mayHaveBeenProcessed = true;
            failure = () => buildBadResponseError(ref, `the answer (${status}) was not complete JSON (cut short?) after ${attempt} attempt${attempt === 1 ? '' : 's'}`, { status, attempts: attempt, secrets: this.#secrets });
          } else {
            return { status, headers, body: this.#checkBody(spec, ref, status, outcome.body) };
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
            status, attempts: attempt, secrets: this.#secrets, hint: 'set psa.site to the API host itself (cloud: api-REGION.myconnectwise.net)',
          });
        } else {
          const errorBody = outcome.body.kind === 'json' ? outcome.body.value : undefined;
          const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headers.get('retry-after'), Date.now(), Number.MAX_SAFE_INTEGER) : undefined;
          failure = () => {
            if (outcome.body.kind === 'not-json' && status !== 429 && status < 500) {
              return buildBadResponseError(ref, `${status}: expected JSON, got ${outcome.body.contentType || 'no content type'}${outcome.body.title ? ` ("${outcome.body.title}")` : ''}`, {
                status, attempts: attempt, secrets: this.#secrets, hint: 'psa.site may point at a web page or a proxy rather than the PSA API',
              });
            }
            return buildHttpError(ref, {
              status, body: errorBody, company: family.target.company, secrets: this.#secrets, attempts: attempt,
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

  async #attempt(spec: RequestSpec, timeoutMs: number): Promise<AttemptOutcome> {
    const family = this.#family;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('request timed out'));
    }, timeoutMs);
    const onAbort = (): void => controller.abort(spec.signal?.reason);
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // `dispatcher` is undici's extension of RequestInit; Node's bundled undici types name an older Dispatcher
      // than the undici 7 package, hence the widening (the runtime protocol is the same: checked on Node 20).
      const init: Omit<RequestInit, 'dispatcher'> & { dispatcher: Agent } = {
        method: spec.method,
        headers: this.#headers(spec),
        redirect: 'manual',
        signal: controller.signal,
        dispatcher: family.agent,
      };
      if (spec.body !== undefined) init.body = JSON.stringify(spec.body);
      const response = await fetch(spec.url, init as unknown as RequestInit);
      const text = await readCappedText(response, family.maxBodyBytes);
      if (typeof text !== 'string') {
        controller.abort(new Error('answer too large'));
        return { kind: 'too-large', status: response.status, bytes: text.declared };
      }
      return { kind: 'reply', status: response.status, headers: response.headers, body: readBody(text, response.headers.get('content-type')) };
    } catch (error) {
      if (spec.signal?.aborted) return { kind: 'aborted', reason: readAbortReason(spec.signal) };
      if (timedOut) return { kind: 'timeout', ms: timeoutMs };
      return { kind: 'network', error };
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
    }
  }

  #checkBody(spec: RequestSpec, ref: PsaRequestRef, status: number, body: BodyRead): unknown {
    const bad = (what: string, hint?: string): PsaApiError =>
      buildBadResponseError(ref, what, { status, secrets: this.#secrets, ...(hint ? { hint } : {}) });
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
      throw bad(`the PSA answered ${status} with an error: ${String(rec.code ?? rec.error)}: ${scrubSecrets(String(rec.message), this.#secrets)}`);
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

  // ---- building blocks for the resource methods ---------------------------------------------------

  async #url(path: string, signal: AbortSignal | undefined, query?: URLSearchParams): Promise<{ url: string; logPath: string }> {
    const { apiBase } = await this.#discover(signal);
    const qs = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
    return { url: `${apiBase}${path}${qs}`, logPath: `${path}${qs}` };
  }

  async #get<T>(path: string, expect: 'record' | 'object', options?: CallOptions): Promise<T> {
    const signal = options?.signal;
    const { url, logPath } = await this.#url(path, signal);
    const reply = await this.#request({ method: 'GET', url, path, logPath, auth: true, expect, signal });
    return reply.body as T;
  }

  async #send<T>(method: Method, path: string, body: unknown, options: CallOptions | undefined, expect: Expect, recheck?: (signal: AbortSignal | undefined) => Promise<unknown>): Promise<T> {
    const signal = options?.signal;
    const { url, logPath } = await this.#url(path, signal);
    const spec: RequestSpec = { method, url, path, logPath, auth: true, expect, signal, ...(body === undefined ? {} : { body }) };
    if (recheck) spec.recheck = recheck;
    const reply = await this.#request(spec);
    return reply.body as T;
  }

  /**
   * Every page of a collection. When the first page's Link names the last page by number, the other pages are
   * read together (within the concurrency bound) rather than one round trip after another; otherwise rel="next"
   * is followed (or page numbers when the server sends no Link). Bounded: a page holds no more rows than asked
   * for, a listing no more than maxListRows rows (and so pages), and never leaves the discovered origin.
   */
  async #list<T>(path: string, options: ListOptions | undefined, shape: Shape): Promise<T[]> {
    const signal = options?.signal;
    const family = this.#family;
    const pageSize = Math.max(1, Math.min(options?.pageSize ?? family.pageSize, MAX_PAGE_SIZE));
    const query = new URLSearchParams();
    if (options?.conditions) query.set('conditions', options.conditions);
    if (options?.fields && options.fields.length > 0) query.set('fields', options.fields.join(','));
    if (options?.orderBy) query.set('orderBy', options.orderBy);
    query.set('pageSize', String(pageSize));
    query.set('page', '1');
    let { url, logPath } = await this.#url(path, signal, query);
    const origin = new URL(url).origin;
    const ref: PsaRequestRef = { method: 'GET', path, site: family.site.origin };
    const maxPages = Math.ceil(family.maxListRows / pageSize) + 1;
    /** Two pages past an announced rel="last" is a chain that does not stop, whatever the row cap allows. */
    let announcedMax = Number.POSITIVE_INFINITY;
    const pageLimit = options?.pageLimit;
    const seen = new Set<string>();
    const results: T[] = [];

    const readPage = async (pageUrl: string, pageLogPath: string): Promise<{ items: T[]; link: string }> => {
      const reply = await this.#request({ method: 'GET', url: pageUrl, path, logPath: pageLogPath, auth: true, expect: 'array', signal });
      const items = reply.body as T[];
      if (items.length > pageSize) {
        throw buildBadResponseError(ref, `a page of at most ${pageSize} rows came back with ${items.length} rows; cwctl does not trust a listing that ignores its page size`, { status: reply.status, secrets: this.#secrets });
      }
      return { items, link: reply.headers.get('link')?.trim() ?? '' };
    };
    const collect = (items: T[]): void => {
      const wrong = findShapeError(items, shape, results.length);
      if (wrong) throw buildBadResponseError(ref, `unexpected field type in the list: ${wrong}`, { status: 200, secrets: this.#secrets });
      if (results.length + items.length > family.maxListRows) throw buildPagingError(ref, `the listing passed ${family.maxListRows} rows; cwctl stops there rather than fill memory`);
      // One push per row: spreading a huge page into push() would overflow the stack.
      for (const item of items) results.push(item);
    };
    const checkPages = (pages: number, why: string): void => {
      if (pages > announcedMax) throw buildPagingError(ref, `the listing did not end after ${announcedMax} pages of ${pageSize} (the Link rel="next" chain does not stop)`);
      if (pages > maxPages) throw buildPagingError(ref, `${why} (more than ${maxPages} pages of ${pageSize}, ${family.maxListRows} rows); cwctl stops there`);
      if (pageLimit !== undefined && pages > pageLimit) throw new PageLimitExceeded(path, pageLimit);
    };
    const nextOf = (link: string, base: string, page: number): URL | undefined => {
      const next = findLink(link, 'next');
      if (next === undefined) return undefined;
      let nextUrl: URL;
      try {
        nextUrl = new URL(next, base);
      } catch {
        throw buildPagingError(ref, `the Link rel="next" is not a URL: ${next.slice(0, 200)}`);
      }
      // Credentials go only to the origin we discovered; a next link elsewhere is refused.
      if (nextUrl.origin !== origin) throw buildPagingError(ref, `the Link rel="next" points to another origin (${nextUrl.origin}); not sending credentials there`);
      if (seen.has(nextUrl.toString())) throw buildPagingError(ref, `the Link rel="next" points back to a page already read (page ${page + 1}); the listing would never end`);
      return nextUrl;
    };

    for (let page = 1; ; page++) {
      checkPages(page, 'the listing did not end (the Link rel="next" chain does not stop)');
      seen.add(url);
      const { items, link } = await readPage(url, logPath);
      collect(items);
      if (link !== '') {
        if (findLink(link, 'next') !== undefined && items.length === 0) {
          family.debugLog?.(`GET ${logPath}: empty page with a rel="next" link; treating it as the end`);
          break;
        }
        let nextUrl = nextOf(link, url, page);
        if (nextUrl === undefined) break;
        if (page === 1) {
          const last = parseLinkHeader(link).find((l) => l.rels.includes('last'));
          const lastPage = last ? Number(readQueryParam(last.uri, url, 'page')) : Number.NaN;
          if (Number.isSafeInteger(lastPage) && lastPage > 0) {
            checkPages(lastPage, `the listing announces ${lastPage} pages`);
            announcedMax = lastPage + 2;
          }
          if (Number.isSafeInteger(lastPage) && lastPage > 2 && nextUrl.searchParams.get('page') === '2') {
            const urls = Array.from({ length: lastPage - 1 }, (_, i) => {
              const u = new URL(nextUrl as URL);
              u.searchParams.set('page', String(i + 2));
              return u;
            });
            for (const u of urls) seen.add(u.toString());
            const pages = await Promise.all(urls.map((u) => readPage(u.toString(), `${path}${u.search}`)));
            for (const p of pages) collect(p.items);
            page = lastPage;
            const lastRead = pages[pages.length - 1];
            // Rows added while the pages were read can push the listing a page further: follow on from the last.
            if (!lastRead || lastRead.link === '' || lastRead.items.length < pageSize) break;
            nextUrl = nextOf(lastRead.link, urls[urls.length - 1]?.toString() ?? url, page);
            if (nextUrl === undefined) break;
          }
        }
        url = nextUrl.toString();
        logPath = `${path}${nextUrl.search}`;
      } else {
        if (items.length < pageSize) break;
        query.set('page', String(page + 1));
        ({ url, logPath } = await this.#url(path, signal, query));
      }
    }
    return results;
  }

  /** One record found by a natural key, for POST rechecks: exact match first, then case-insensitive. */
  async #findOne<T extends Record<string, unknown>>(path: string, conditions: string | undefined, match: (row: T) => boolean, signal: AbortSignal | undefined): Promise<T | undefined> {
    const rows = await this.#list<T>(path, { ...(conditions ? { conditions } : {}), ...(signal ? { signal } : {}) }, { id: 'id' });
    return rows.find(match);
  }

  #byName<T extends Record<string, unknown>>(path: string, key: string, value: string): (signal: AbortSignal | undefined) => Promise<T | undefined> {
    return async (signal) => {
      const quoted = quoteCondition(value);
      return this.#findOne<T>(path, quoted ? `${key}=${quoted}` : undefined, (row) => sameText(row[key], value), signal);
    };
  }

  // ---- PsaClient -------------------------------------------------------------------------------

  systemInfo(options?: CallOptions): Promise<SystemInfo> {
    return this.#get<SystemInfo>('/system/info', 'object', options);
  }

  listSecurityRoles(options?: ListOptions): Promise<SecurityRole[]> {
    return this.#list<SecurityRole>('/system/securityroles', options, SHAPES.securityRoles);
  }

  getSecurityRole(id: number, options?: CallOptions): Promise<SecurityRole> {
    return this.#get<SecurityRole>(`/system/securityroles/${checkId(id)}`, 'record', options);
  }

  createSecurityRole(body: { name: string; roleType?: string }, options?: CallOptions): Promise<SecurityRole> {
    return this.#send<SecurityRole>('POST', '/system/securityroles', body, options, 'record',
      this.#byName<Record<string, unknown>>('/system/securityroles', 'name', body.name));
  }

  deleteSecurityRole(id: number, options?: CallOptions): Promise<void> {
    return this.#send<undefined>('DELETE', `/system/securityroles/${checkId(id)}`, undefined, options, 'none');
  }

  listRoleSettings(roleId: number, options?: ListOptions): Promise<SecurityRoleSetting[]> {
    return this.#list<SecurityRoleSetting>(`/system/securityRoles/${checkId(roleId)}/settings`, options, SHAPES.settings);
  }

  listApiMembers(options?: ListOptions): Promise<ApiMember[]> {
    return this.#list<ApiMember>('/system/apiMembers', options, SHAPES.apiMembers);
  }

  getApiMember(id: number, options?: CallOptions): Promise<ApiMember> {
    return this.#get<ApiMember>(`/system/apiMembers/${checkId(id)}`, 'record', options);
  }

  createApiMember(body: ApiMemberCreate, options?: CallOptions): Promise<ApiMember> {
    return this.#send<ApiMember>('POST', '/system/apiMembers', body, options, 'record',
      this.#byName<Record<string, unknown>>('/system/apiMembers', 'identifier', body.identifier));
  }

  patchApiMember(id: number, patch: PsaPatchOperation[], options?: CallOptions): Promise<ApiMember> {
    return this.#send<ApiMember>('PATCH', `/system/apiMembers/${checkId(id)}`, patch, options, 'record');
  }

  listMembers(options?: ListOptions): Promise<Member[]> {
    return this.#list<Member>('/system/members', options, SHAPES.members);
  }

  getMySecurity(options?: ListOptions): Promise<MySecurity[]> {
    return this.#list<MySecurity>('/system/mySecurity', options, SHAPES.mySecurity);
  }

  listMyCustomizeItems(options?: ListOptions): Promise<MySecurityCustomizeItem[]> {
    return this.#list<MySecurityCustomizeItem>('/system/mySecurity/customizeItems', options, SHAPES.customizeItems);
  }

  listSetupScreens(options?: ListOptions): Promise<SetupScreen[]> {
    return this.#list<SetupScreen>('/system/setupScreens', options, SHAPES.setupScreens);
  }

  listLocations(options?: ListOptions): Promise<Location[]> {
    return this.#list<Location>('/system/locations', options, SHAPES.named);
  }

  listDepartments(options?: ListOptions): Promise<Department[]> {
    return this.#list<Department>('/system/departments', options, SHAPES.departments);
  }

  listStructureLevels(options?: ListOptions): Promise<CorporateStructureLevel[]> {
    return this.#list<CorporateStructureLevel>('/system/myCompany/corporateStructureLevels', options, SHAPES.named);
  }

  listConfigurationTypes(options?: ListOptions): Promise<ConfigurationType[]> {
    return this.#list<ConfigurationType>('/company/configurations/types', options, SHAPES.typed);
  }

  listAgreementTypes(options?: ListOptions): Promise<AgreementType[]> {
    return this.#list<AgreementType>('/finance/agreements/types', options, SHAPES.typed);
  }

  listCatalogItems(options?: ListOptions): Promise<CatalogItem[]> {
    return this.#list<CatalogItem>('/procurement/catalog', options, SHAPES.catalog);
  }

  listManagedDevicesIntegrations(options?: ListOptions): Promise<ManagedDevicesIntegration[]> {
    return this.#list<ManagedDevicesIntegration>('/company/managedDevicesIntegrations', options, SHAPES.integrations);
  }

  createManagedDevicesIntegration(body: ManagedDevicesIntegrationCreate, options?: CallOptions): Promise<ManagedDevicesIntegration> {
    return this.#send<ManagedDevicesIntegration>('POST', '/company/managedDevicesIntegrations', body, options, 'record',
      this.#byName<Record<string, unknown>>('/company/managedDevicesIntegrations', 'name', body.name));
  }

  patchManagedDevicesIntegration(id: number, patch: PsaPatchOperation[], options?: CallOptions): Promise<ManagedDevicesIntegration> {
    return this.#send<ManagedDevicesIntegration>('PATCH', `/company/managedDevicesIntegrations/${checkId(id)}`, patch, options, 'record');
  }

  deleteManagedDevicesIntegration(id: number, options?: CallOptions): Promise<void> {
    return this.#send<undefined>('DELETE', `/company/managedDevicesIntegrations/${checkId(id)}`, undefined, options, 'none');
  }

  listCrossReferences(integrationId: number, options?: ListOptions): Promise<ManagedDevicesCrossReference[]> {
    return this.#list<ManagedDevicesCrossReference>(`/company/managedDevicesIntegrations/${checkId(integrationId)}/crossReferences`, options, SHAPES.crossReferences);
  }

  createCrossReference(integrationId: number, body: ManagedDevicesCrossReferenceCreate, options?: CallOptions): Promise<ManagedDevicesCrossReference> {
    const path = `/company/managedDevicesIntegrations/${checkId(integrationId)}/crossReferences`;
    // Natural key: (vendorType, vendorLevel) within the integration; a missing level matches a missing/empty one.
    const recheck = (signal: AbortSignal | undefined): Promise<Record<string, unknown> | undefined> => {
      const quoted = quoteCondition(body.vendorType);
      return this.#findOne<Record<string, unknown>>(path, quoted ? `vendorType=${quoted}` : undefined,
        (row) => sameText(row.vendorType, body.vendorType) && sameText(row.vendorLevel ?? '', body.vendorLevel ?? ''), signal);
    };
    return this.#send<ManagedDevicesCrossReference>('POST', path, body, options, 'record', recheck);
  }

  patchCrossReference(integrationId: number, id: number, patch: PsaPatchOperation[], options?: CallOptions): Promise<ManagedDevicesCrossReference> {
    return this.#send<ManagedDevicesCrossReference>('PATCH', `/company/managedDevicesIntegrations/${checkId(integrationId)}/crossReferences/${checkId(id)}`, patch, options, 'record');
  }

  deleteCrossReference(integrationId: number, id: number, options?: CallOptions): Promise<void> {
    return this.#send<undefined>('DELETE', `/company/managedDevicesIntegrations/${checkId(integrationId)}/crossReferences/${checkId(id)}`, undefined, options, 'none');
  }
}

function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new CwctlError(`invalid PSA record id ${String(id)}`, { exitCode: ExitCode.Internal, code: 'invalid-id' });
  }
  return id;
}

function readQueryParam(uri: string, base: string, name: string): string | null {
  try {
    return new URL(uri, base).searchParams.get(name);
  } catch {
    return null;
  }
}

type BodyRead =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'invalid-json'; contentType: string }
  | { kind: 'not-json'; contentType: string; title: string | undefined };

type AttemptOutcome =
  | { kind: 'reply'; status: number; headers: Headers; body: BodyRead }
  | { kind: 'timeout'; ms: number }
  | { kind: 'too-large'; status: number; bytes: number | undefined }
  | { kind: 'network'; error: unknown }
  | { kind: 'aborted'; reason: Error };

const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${n} bytes`);

/**
 * The body as text, read chunk by chunk and given up as soon as it passes `maxBytes` (a declared Content-Length
 * over the cap is refused before a byte is read): a hostile or broken server cannot make cwctl buffer gigabytes.
 */
async function readCappedText(response: Response, maxBytes: number): Promise<string | { declared: number | undefined }> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { declared };
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { declared: undefined };
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks, total).toString('utf8');
  // fetch's text() drops a UTF-8 byte-order mark; so does this.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readBody(text: string, contentTypeHeader: string | null): BodyRead {
  const contentType = (contentTypeHeader ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (text.trim() === '') return { kind: 'empty' };
  const jsonish = contentType === '' || contentType.includes('json');
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    if (jsonish && !/^\s*</.test(text)) return { kind: 'invalid-json', contentType };
    const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1]?.trim();
    return { kind: 'not-json', contentType: contentType || 'text', title };
  }
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
