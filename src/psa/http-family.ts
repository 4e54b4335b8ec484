// The state a PSA client shares with every client derived from it by withCredentials: the site, one undici Agent
// (keep-alive, bounded connections), the request limiter, the request count, the settings validated once, and the
// cached discovery. One family per PSA and key pair's rate limit; nothing here holds a key.
import type { Dispatcher } from 'undici';
import { Agent } from './undici-agent.js';
import { CwctlError, ExitCode } from '../errors.js';
import { cwctlVersion } from '../version.js';
import type { Capabilities, Credentials, PsaTarget } from './client.js';
import { PUBLIC_API_CAPABILITIES } from './client.js';
import type { CompanyInfo } from './types.js';
import { RequestLimiter } from './request-limiter.js';
import type { SleepFn } from './request-limiter.js';
import { DEFAULT_RETRY_POLICY, sleepWithSignal } from './retry.js';
import type { RetryPolicy } from './retry.js';
import { resolveSiteUrl } from './site-url.js';
import type { SiteUrl } from './site-url.js';

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
  /**
   * The codebase this company's API was last found under (a cache the caller keeps, e.g. `v2025_1/`). Reads then
   * go out at once against it while discovery is still on its way, and are kept only when discovery names the same
   * codebase (discovery.ts withApiBase); writes always wait for discovery.
   */
  codebaseHint?: string;
  /** Told the codebase in use once discovery has answered (the release codebase after a 404), for the next codebaseHint. */
  onCodebase?: (codebase: string) => void;
  /**
   * Where requests go instead of a new Agent: the protocol tests pass undici's MockAgent. Its owner closes it;
   * closing the client does not.
   */
  dispatcher?: Dispatcher;
}

/** The PSA's own maximum page size. */
export const MAX_PAGE_SIZE = 1000;
const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_LIST_ROWS = 250_000;

/** Where the API answers (after discovery) and the company info that said so (undefined after a 404 fallback). */
export interface Discovered {
  apiBase: string;
  info: CompanyInfo | undefined;
}

/** Shared by a client and every client derived from it with withCredentials. */
export interface Family {
  target: PsaTarget;
  site: SiteUrl;
  agent: Dispatcher;
  /** False when the dispatcher was handed in (options.dispatcher): closing the client leaves it to its owner. */
  ownsAgent: boolean;
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
  discovery: Promise<Discovered> | undefined;
  /** Whether `discovery` has answered (the hint is no longer needed). */
  discovered: boolean;
  /** The API base the hint names (undefined without a valid hint); used only while discovery is on its way. */
  hintedApiBase: string | undefined;
  onCodebase: ((codebase: string) => void) | undefined;
  closed: boolean;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new CwctlError(`${name} must be a positive integer, got ${value}`, { exitCode: ExitCode.InvalidInput, code: 'invalid-option' });
  }
  return value;
}

/** Validates the options and builds the family; the caller makes the root client of it. */
export function createFamily(options: HttpPsaClientOptions): Family {
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
    ownsAgent: options.dispatcher === undefined,
    agent: options.dispatcher ?? new Agent({
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
    userAgent: `cwctl/${cwctlVersion()}`,
    discovery: undefined,
    discovered: false,
    hintedApiBase: codebaseHintBase(site, options.codebaseHint),
    onCodebase: options.onCodebase,
    closed: false,
  };
  for (const note of site.notes) family.debugLog?.(`psa: ${note}`);
  if (family.hintedApiBase !== undefined) family.debugLog?.(`psa: codebase ${options.codebaseHint ?? ''} from the last run: reads start on it while discovery confirms it`);
  return family;
}

/** A codebase as discovery names one (letters, digits, `_`, `.`, `-`, one trailing slash); nothing else is used. */
export const CODEBASE_PATTERN = /^(?!\.{1,2}\/?$)[A-Za-z0-9_.-]+\/?$/;

/**
 * The codebases a hint may name: the release codebase and cloud's `vYYYY_N` (reference section 1). Narrower than
 * what discovery accepts: a hint comes from a file, and it picks the path that gets the keys before discovery has
 * answered; another codebase is simply read after discovery.
 */
export const HINT_PATTERN = /^(?:v4_6_release|v\d{4}_\d{1,2})\/?$/i;

/**
 * The API base of a codebase on a site. The one place it is written: a read on the hint is kept only when its base
 * is the very string discovery gives (discovery.ts withApiBase).
 */
export function apiBaseOf(site: SiteUrl, codebase: string): string {
  return `${site.origin}${site.pathPrefix}/${codebase.endsWith('/') ? codebase : `${codebase}/`}apis/3.0`;
}

/** The API base a cached codebase names, or undefined when there is none or it is not shaped like a codebase. */
function codebaseHintBase(site: SiteUrl, hint: string | undefined): string | undefined {
  if (hint === undefined || !HINT_PATTERN.test(hint)) return undefined;
  return apiBaseOf(site, hint);
}
