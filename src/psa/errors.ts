// PsaApiError: one PSA request that failed for good (after retries), with a message that names the
// request and says what to do. Builders here turn statuses, PSA error bodies and network failures into it.
// Nothing here may carry the Authorization header, a key, or a raw fetch error object (its cause chain
// can hold request options): causes are rebuilt as plain {name, code, message} errors, scrubbed.
import { CwctlError, ExitCode } from '../errors.js';
import type { PsaErrorCode } from '../errors.js';
import type { PsaErrorBody } from './types.js';

export interface PsaFieldError {
  field?: string;
  code?: string;
  message?: string;
}

export interface PsaRequestRef {
  method: string;
  /** Path below `apis/3.0` (or `/login/...`), without the query string. */
  path: string;
  /** `https://host` of the site, for network messages. */
  site: string;
}

export interface PsaApiErrorDetails extends PsaRequestRef {
  /** HTTP status, absent for network failures and timeouts. */
  status?: number | undefined;
  /** The PSA's own code (`InvalidObject`, `Unauthorized`, ...), when it sent one. */
  psaCode?: string | undefined;
  fieldErrors?: PsaFieldError[] | undefined;
  attempts?: number | undefined;
}

export class PsaApiError extends CwctlError {
  readonly status: number | undefined;
  readonly method: string;
  readonly path: string;
  readonly psaCode: string | undefined;
  readonly fieldErrors: PsaFieldError[];
  readonly attempts: number;

  constructor(message: string, details: PsaApiErrorDetails & { code: PsaErrorCode; hint?: string; cause?: Error }) {
    super(message, {
      exitCode: ExitCode.PsaError,
      code: details.code,
      ...(details.hint === undefined ? {} : { hint: details.hint }),
      ...(details.cause === undefined ? {} : { cause: details.cause }),
    });
    this.name = 'PsaApiError';
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.psaCode = details.psaCode;
    this.fieldErrors = details.fieldErrors ?? [];
    this.attempts = details.attempts ?? 1;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      hint: this.hint,
      status: this.status,
      method: this.method,
      path: this.path,
      psaCode: this.psaCode,
      fieldErrors: this.fieldErrors,
      attempts: this.attempts,
    };
  }
}

/** Removes secrets (keys, Basic credentials) from text that came from a server or a library. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(/Basic\s+[A-Za-z0-9+/=]{8,}/gi, '[REDACTED]');
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[REDACTED]');
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads a PSA error body defensively: any JSON, or none. */
export function readPsaErrorBody(body: unknown): { psaCode?: string; message?: string; fieldErrors: PsaFieldError[] } {
  if (!isRecord(body)) return { fieldErrors: [] };
  const b = body as PsaErrorBody & Record<string, unknown>;
  const fieldErrors: PsaFieldError[] = [];
  if (Array.isArray(b.errors)) {
    for (const e of b.errors as unknown[]) {
      if (!isRecord(e)) continue;
      const fe: PsaFieldError = {};
      const field = str(e.field);
      const code = str(e.code);
      const message = str(e.message);
      if (field) fe.field = field;
      if (code) fe.code = code;
      if (message) fe.message = message;
      fieldErrors.push(fe);
    }
  }
  const psaCode = str(b.code) ?? str(b.error);
  const message = str(b.message);
  return { ...(psaCode ? { psaCode } : {}), ...(message ? { message } : {}), fieldErrors };
}

/** True for a 2xx body that is really an error: `{code, message}` or `{error, message}` and no `id`. */
export function looksLikePsaError(body: unknown): boolean {
  if (!isRecord(body) || 'id' in body) return false;
  return typeof body.message === 'string' && (typeof body.code === 'string' || typeof body.error === 'string');
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

const clip = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max)}...` : text);

export interface HttpFailure {
  status: number;
  body: unknown;
  company: string;
  secrets: readonly string[];
  attempts: number;
  retryAfterSeconds?: number | undefined;
}

/** A non-2xx answer that will not be retried (or ran out of retries). */
export function buildHttpError(ref: PsaRequestRef, failure: HttpFailure): PsaApiError {
  const { status } = failure;
  const parsed = readPsaErrorBody(failure.body);
  const psaSays = parsed.message ? ` (PSA says: ${clip(scrubSecrets(parsed.message, failure.secrets))})` : '';
  const request = `${ref.method} ${ref.path}`;
  const head = `${request} failed with ${status} ${STATUS_TEXT[status] ?? ''}`.trimEnd();
  const fieldErrors = parsed.fieldErrors.map((fe) => ({
    ...fe,
    ...(fe.message ? { message: clip(scrubSecrets(fe.message, failure.secrets)) } : {}),
  }));
  const common = { ...ref, status, psaCode: parsed.psaCode, fieldErrors, attempts: failure.attempts };
  switch (status) {
    case 401:
      return new PsaApiError(
        `${head}: the API keys were refused: check CWCTL_PUBLIC_KEY/CWCTL_PRIVATE_KEY and the company id (${failure.company})${psaSays}`,
        { ...common, code: 'psa-unauthorized', hint: 'keys belong to one company; an API member that is inactive also gets 401' });
    case 403:
      return new PsaApiError(
        `${head}: the API member's security role lacks the permission for ${describeResource(ref.path)}; give its role that level in System > Security Roles, or use keys of a member whose role has it; a request without a clientId header (CWCTL_CLIENT_ID) is also refused with 403${psaSays}`,
        { ...common, code: 'psa-forbidden' });
    case 404:
      return new PsaApiError(
        `${head}: not found: the record may have been deleted in the PSA since it was read (run plan again); on cloud sites a 404 can also mean wrong keys or company id${psaSays}`,
        { ...common, code: 'psa-not-found' });
    case 400: {
      const details = fieldErrors.map((fe) => `${fe.field ?? '(no field)'}: ${fe.message ?? fe.code ?? 'invalid'}`);
      const list = details.length > 0 ? `: ${details.join('; ')}` : '';
      return new PsaApiError(
        `${head}: the PSA rejected the request${parsed.psaCode ? ` (${parsed.psaCode})` : ''}${list}${details.length === 0 ? psaSays : ''}; fix the value in the YAML and plan again`,
        { ...common, code: 'psa-invalid-request' });
    }
    case 405:
      return new PsaApiError(
        `${head}: the PSA API has no ${ref.method} on this URL; this change can only be made in the PSA screens (a guided step)${psaSays}`,
        { ...common, code: 'psa-method-not-allowed' });
    case 409:
      return new PsaApiError(
        `${head}: conflict: the record is in use or clashes with another one (e.g. a role still assigned to members); resolve it in the PSA and plan again${psaSays}`,
        { ...common, code: 'psa-conflict' });
    case 429:
      return new PsaApiError(
        `${head}: still rate limited after ${failure.attempts} attempts${failure.retryAfterSeconds ? ` (asked to wait ${failure.retryAfterSeconds}s)` : ''}; wait a minute and run again, or lower the request concurrency${psaSays}`,
        { ...common, code: 'psa-rate-limited' });
    default:
      if (status >= 500) {
        return new PsaApiError(
          `${head} after ${failure.attempts} attempts: the PSA is failing; try again later${psaSays}`,
          { ...common, code: 'psa-server-error' });
      }
      return new PsaApiError(`${head}${psaSays}`, { ...common, code: 'psa-http-error' });
  }
}

function describeResource(path: string): string {
  const p = path.toLowerCase();
  if (p.includes('/securityroles')) return 'security roles (System > Security Roles: Inquire, Add, Delete)';
  if (p.includes('/apimembers') || p.includes('/system/members')) return 'members (System > Member Maintenance)';
  if (p.includes('/mysecurity')) return 'its own security (System > My Account)';
  if (p.includes('/manageddevicesintegrations')) return 'managed devices integrations (System > Table Setup > Managed Devices Integration)';
  if (p.includes('/setupscreens')) return 'setup screens (System > Table Setup)';
  return `this resource (${path})`;
}

interface NetworkErrorInfo { code?: string; message: string }

/** Walks a fetch failure's cause chain for the system/undici error code (ECONNRESET, UND_ERR_SOCKET, ...). */
export function readNetworkError(error: unknown): NetworkErrorInfo {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (isRecord(current) || current instanceof Error) {
      const rec = current as Record<string, unknown>;
      const code = str(rec.code);
      if (code && code !== 'ABORT_ERR') return { code, message: typeof rec.message === 'string' ? rec.message : message };
      if (typeof rec.message === 'string') message = rec.message;
      current = rec.cause;
    } else break;
  }
  return { message };
}

export function buildNetworkError(ref: PsaRequestRef, error: unknown, secrets: readonly string[], attempts: number): PsaApiError {
  const info = readNetworkError(error);
  const code = info.code;
  const detail = clip(scrubSecrets(info.message, secrets));
  const cause = Object.assign(new Error(detail), { name: 'NetworkError', ...(code ? { code } : {}) });
  const request = `${ref.method} ${ref.path}`;
  const common = { ...ref, attempts, cause };
  switch (code) {
    case 'ECONNREFUSED':
      return new PsaApiError(`${request}: could not reach ${ref.site} (connection refused): check psa.site and that the PSA is up`, { ...common, code: 'psa-unreachable' });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PsaApiError(`${request}: could not reach ${ref.site} (host name not found): check psa.site`, { ...common, code: 'psa-unreachable' });
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new PsaApiError(`${request}: the TLS certificate of ${ref.site} is not trusted (${code}); cwctl always verifies TLS: add your CA with NODE_EXTRA_CA_CERTS=/path/ca.pem`, { ...common, code: 'psa-tls' });
    default:
      return new PsaApiError(`${request}: the connection to ${ref.site} failed after ${attempts} attempt${attempts === 1 ? '' : 's'} (${code ?? detail}); check the network and try again`, { ...common, code: 'psa-network' });
  }
}

export function buildTimeoutError(ref: PsaRequestRef, timeoutMs: number, attempts: number): PsaApiError {
  return new PsaApiError(
    `${ref.method} ${ref.path}: no complete answer from ${ref.site} within ${timeoutMs} ms (${attempts} attempt${attempts === 1 ? '' : 's'}); the PSA may be overloaded: try again later`,
    { ...ref, attempts, code: 'psa-timeout' });
}

/** A 2xx whose body is not what the endpoint returns (HTML, cut short, error-shaped, wrong type). */
export function buildBadResponseError(ref: PsaRequestRef, what: string, details: { status?: number; attempts?: number; secrets: readonly string[]; hint?: string }): PsaApiError {
  return new PsaApiError(`${ref.method} ${ref.path}: ${scrubSecrets(what, details.secrets)}`, {
    ...ref,
    status: details.status,
    attempts: details.attempts,
    code: 'psa-bad-response',
    ...(details.hint ? { hint: details.hint } : {}),
  });
}

export function buildPagingError(ref: PsaRequestRef, what: string): PsaApiError {
  return new PsaApiError(`${ref.method} ${ref.path}: ${what}`, { ...ref, code: 'psa-paging', hint: 'the server paging is broken; report it with --debug output' });
}

/**
 * A listing that needs more pages than its caller's `pageLimit`: not a PSA failure but a signal that the caller
 * has a cheaper way to read what it needs (e.g. by identifiers rather than the whole member list).
 */
export class PageLimitExceeded extends Error {
  constructor(readonly path: string, readonly pageLimit: number) {
    super(`GET ${path}: the listing needs more than ${pageLimit} page(s)`);
    this.name = 'PageLimitExceeded';
  }
}
