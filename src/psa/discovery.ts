// Discovery: which codebase serves this company's API (GET /login/companyinfo/{company}, unauthenticated), made
// once per family and shared; a 404 (on-premises without discovery) falls back to the release codebase.
import { buildBadResponseError } from './errors.js';
import type { CallOptions } from './client.js';
import { isRecord } from './http-body.js';
import { CODEBASE_PATTERN, apiBaseOf } from './http-family.js';
import type { Discovered, Family } from './http-family.js';
import { requestRef, sendRequest } from './http-transport.js';
import type { RequestSpec, Sender } from './http-transport.js';
import type { CompanyInfo } from './types.js';

/** Codebase used when /login/companyinfo answers 404 (on-premises installs without discovery). */
export const FALLBACK_CODEBASE = 'v4_6_release/';

/** GET /login/companyinfo/{company}: from the discovery already made when it answered. */
export async function readCompanyInfo(family: Family, sender: Sender, options?: CallOptions): Promise<CompanyInfo> {
  const found = await discover(family, sender, options?.signal);
  if (found.info) return found.info;
  // Discovery fell back after a 404: ask once more so the caller gets the error itself.
  const reply = await sendRequest(family, sender, { ...companyInfoSpec(family, options?.signal), passStatuses: [], expect: 'object' });
  return reply.body as CompanyInfo;
}

function companyInfoSpec(family: Family, signal: AbortSignal | undefined): RequestSpec {
  const { site, target } = family;
  const path = `/login/companyinfo/${encodeURIComponent(target.company)}`;
  return { method: 'GET', url: `${site.origin}${site.pathPrefix}${path}`, path, logPath: path, auth: false, expect: 'json', signal, passStatuses: [404] };
}

/** Tells the caller the codebase in use, for the next run's hint (a 404's fallback too, so a stale hint is replaced). */
function tellCodebase(family: Family, codebase: string): void {
  try {
    family.onCodebase?.(codebase);
  } catch {
    // Keeping the codebase for the next run is a nicety: it never fails this one.
  }
}

/** The API base, discovered once per family (concurrent callers share the one request). */
export function discover(family: Family, sender: Sender, signal: AbortSignal | undefined): Promise<Discovered> {
  if (!family.discovery) {
    const started = runDiscovery(family, sender, signal);
    family.discovery = started;
    started.then(() => {
      family.discovered = true;
    }, () => {
      // A failed discovery is not cached: the next call tries again.
      if (family.discovery === started) family.discovery = undefined;
    });
  }
  return family.discovery;
}

async function runDiscovery(family: Family, sender: Sender, signal: AbortSignal | undefined): Promise<Discovered> {
  const { site, target } = family;
  const spec = companyInfoSpec(family, signal);
  const reply = await sendRequest(family, sender, spec);
  if (reply.status === 404) {
    // On-premises servers without discovery: the release codebase is always served (reference section 1).
    family.debugLog?.(`psa: ${spec.path} answered 404; using codebase ${FALLBACK_CODEBASE}`);
    tellCodebase(family, FALLBACK_CODEBASE);
    return { apiBase: apiBaseOf(site, FALLBACK_CODEBASE), info: undefined };
  }
  const info = reply.body;
  const codebase = isRecord(info) ? info.Codebase : undefined;
  if (!isRecord(info) || typeof codebase !== 'string' || !CODEBASE_PATTERN.test(codebase)) {
    const ref = requestRef(family, spec);
    throw buildBadResponseError(ref, `company '${target.company}' is not known at ${site.origin} (no Codebase in the company info)`, {
      status: reply.status, secrets: sender.secrets, hint: 'check psa.company (the company id you log in with) and psa.site',
    });
  }
  const normalized = codebase.endsWith('/') ? codebase : `${codebase}/`;
  family.debugLog?.(`psa: company ${target.company} uses codebase ${normalized}`);
  tellCodebase(family, normalized);
  // The rest of the answer is taken as the PSA's shape, as every answer is (http-client); Codebase was checked.
  return { apiBase: apiBaseOf(site, normalized), info: reply.body as CompanyInfo };
}

/** The full URL of an API path under `apiBase`, and the path+query the debug log shows. */
export function apiUrlUnder(apiBase: string, path: string, query?: URLSearchParams): { url: string; logPath: string } {
  const qs = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
  return { url: `${apiBase}${path}${qs}`, logPath: `${path}${qs}` };
}

/**
 * Runs a read against the API base. While discovery is on its way and the caller knows the codebase this company
 * was found under last time (codebaseHint), the read goes out at once against that base instead of one round trip
 * later, and its answer is kept only when discovery names the same base: otherwise the read on the guess is
 * cancelled (with its later pages) and made again where discovery says. Only reads come here (a write is never sent
 * on a guess); a wrong guess costs the requests that left before discovery answered, never a result. A failure of
 * discovery is the read's failure, as it always was; a failure of a read on a right guess is the read's failure.
 */
export async function withApiBase<T>(
  family: Family, sender: Sender, signal: AbortSignal | undefined, read: (apiBase: string, signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  const hinted = family.hintedApiBase;
  const discovery = discover(family, sender, signal);
  if (hinted === undefined || family.discovered) return read((await discovery).apiBase, signal);
  const guess = new AbortController();
  const guessSignal = signal ? AbortSignal.any([signal, guess.signal]) : guess.signal;
  const guessed = read(hinted, guessSignal).then((value) => ({ value }), (error: unknown) => ({ error }));
  let apiBase: string;
  try {
    ({ apiBase } = await discovery);
  } catch (error) {
    guess.abort();
    throw error;
  }
  if (apiBase !== hinted) {
    guess.abort();
    family.debugLog?.(`psa: the codebase changed since the last run (${hinted} is now ${apiBase}); reading again`);
    return read(apiBase, signal);
  }
  const outcome = await guessed;
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
