// Turns the `site` of a PsaTarget into the origin cwctl talks to: cloud UI hosts get the `api-` prefix the
// API requires, on-premises URLs are kept, and plain http is refused unless the host is loopback.
// Pure: no network, no DNS. It must never relax TLS: there is no option to skip certificate checks.
import { CwctlError, ExitCode } from '../errors.js';

export interface SiteUrl {
  /** `https://api-na.myconnectwise.net`, `https://psa.example.com:8443`, `http://127.0.0.1:4010` (no trailing slash). */
  origin: string;
  /** Any path the user gave after the host (on-premises installs behind a prefix), without a trailing slash. */
  pathPrefix: string;
  /** What was changed, for the debug log (e.g. the api- prefix added). */
  notes: string[];
}

/** Cloud UI hosts whose API lives on the `api-` host (shared/reference/psa-api.md section 1). */
const CLOUD_UI_HOSTS = new Set([
  'na.myconnectwise.net',
  'eu.myconnectwise.net',
  'au.myconnectwise.net',
  'aus.myconnectwise.net',
  'za.myconnectwise.net',
  'staging.connectwisedev.com',
]);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255);
  const mapped = /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.exec(host);
  return mapped !== null;
}

function invalidSite(site: string, why: string, hint: string): CwctlError {
  return new CwctlError(`invalid PSA site '${site}': ${why}`, { exitCode: ExitCode.InvalidInput, code: 'invalid-site', hint });
}

export function resolveSiteUrl(site: string): SiteUrl {
  const trimmed = site.trim();
  if (trimmed === '') {
    throw invalidSite(site, 'it is empty', 'give a host such as api-na.myconnectwise.net or a URL such as https://psa.example.com');
  }
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    throw invalidSite(site, 'it is not a host name or URL', 'give a host such as api-na.myconnectwise.net or a URL such as https://psa.example.com');
  }
  const notes: string[] = [];
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidSite(site, `scheme ${url.protocol} is not supported`, 'use https://HOST');
  }
  if (url.username !== '' || url.password !== '') {
    // Never carry credentials in the site URL: they would end up in logs and plans.
    throw invalidSite(site.replace(/\/\/[^@/]*@/, '//***@'), 'it contains a user name or password', 'give keys through CWCTL_PUBLIC_KEY/CWCTL_PRIVATE_KEY, never in the site');
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalidSite(site, 'it has a query or fragment', 'give only the scheme, host, port and optional path prefix');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new CwctlError(`refusing plain http to ${url.host}: the PSA API requires TLS (https)`, {
      exitCode: ExitCode.InvalidInput,
      code: 'tls-required',
      hint: `use https://${url.host}${url.pathname === '/' ? '' : url.pathname}; plain http is accepted only for loopback (127.0.0.0/8, localhost, [::1]), e.g. the simulator`,
    });
  }
  const host = url.hostname.toLowerCase();
  if (CLOUD_UI_HOSTS.has(host)) {
    const apiHost = `api-${host}`;
    notes.push(`site ${host} is a ConnectWise cloud UI host; using its API host ${apiHost}`);
    url.hostname = apiHost;
  }
  let pathPrefix = url.pathname.replace(/\/+$/, '');
  // People paste UI or API URLs; keep only what is before the codebase, which discovery finds itself.
  const codebaseAt = pathPrefix.search(/\/(v4_6_release|v20\d\d_\d+)(\/|$)/i);
  if (codebaseAt >= 0) {
    notes.push(`ignoring '${pathPrefix.slice(codebaseAt)}' in the site: the codebase is discovered through /login/companyinfo`);
    pathPrefix = pathPrefix.slice(0, codebaseAt);
  }
  return { origin: url.origin, pathPrefix, notes };
}
