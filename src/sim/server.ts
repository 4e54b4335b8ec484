// The simulator's HTTP front (node:http): URL layout `/{codebase}apis/3.0/...`, `/login/companyinfo/{company}`,
// Basic auth and the clientId header, fault injection, 404/405 in the PSA error shape, stats, and the /__sim
// endpoints. Routing and rules live in routes/ and store.ts; this file must never log request headers
// (Authorization carries the private key) and never answers with a stack trace.

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { sleep } from '../sleep.js';
import type { FaultInjector } from './faults.js';
import type { Json } from './json.js';
import { SimHttpError, psaError } from './psa-error.js';
import type { Method, RouteContext, RouteResult } from './router.js';
import { Router } from './router.js';
import { companyRoutes } from './routes/company.js';
import { memberRoutes } from './routes/members.js';
import { securityRoleRoutes } from './routes/security-roles.js';
import { simUiRoutes } from './routes/sim-ui.js';
import { systemRoutes } from './routes/system.js';
import type { SimStats } from './stats.js';
import type { Caller, SimStore } from './store.js';

export interface SimServerOptions {
  store: SimStore;
  faults: FaultInjector;
  stats: SimStats;
  /**
   * Docs call `clientId` required on every call, the spec marks it optional, real behaviour is unknown.
   * The simulator requires it by default (any non-empty value) so that a client forgetting it fails here
   * rather than in production; false accepts requests without it.
   */
  requireClientId: boolean;
  /** Called after any request that changed the store (for persistence). */
  onChange?: () => void;
  /** Called as each request arrives, before it is handled (the sandbox re-reads a data file changed on disk). */
  beforeRequest?: () => void;
}

const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const CODEBASE = /^\/(v4_6_release|v\d{4}_\d+)\/apis\/3\.0(\/.*)?$/i;
const MAX_BODY = 5 * 1024 * 1024;
export const API_VERSION = '2025.8';

/**
 * Failed Basic auth (missing header, unknown company, wrong keys): the body public clients quote
 * (`{"code":"ConnectWiseApi","message":"UserNotAuthenticated"}`, no `errors`), status 401.
 */
const NOT_AUTHENTICATED = (): SimHttpError =>
  new SimHttpError(401, { code: 'ConnectWiseApi', message: 'UserNotAuthenticated' }, { 'WWW-Authenticate': 'Basic realm="ConnectWise"' });

/**
 * No clientId header: 403, after auth succeeded (so 401 still wins for bad keys). The body does not say why
 * ([INF]: a forbidden answer does not explain itself); cwctl's 403 wording names a missing clientId as a cause.
 */
const CLIENT_ID_MISSING = (): SimHttpError => psaError(403, 'Forbidden', 'Access to this resource is denied.');

function baseHeaders(): Record<string, string> {
  return {
    'x-cw-request-id': randomUUID(),
    'x-server-name': 'cwctl-sim',
    'api-current-version': API_VERSION,
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
  };
}

/** An answer worked out in full (its body serialized), to be written once the injected latency has passed. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string | undefined;
}

function prepareAnswer(status: number, body: Json | undefined, headers: Record<string, string> = {}): Answer {
  const all = { ...baseHeaders(), ...headers };
  if (body === undefined) return { status, headers: { ...all, 'Content-Length': '0' }, text: undefined };
  const text = JSON.stringify(body);
  return { status, headers: { ...all, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) }, text };
}

function writeAnswer(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, answer.headers);
  if (answer.text === undefined) res.end();
  else res.end(answer.text);
}

function send(res: ServerResponse, status: number, body: Json | undefined, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  writeAnswer(res, prepareAnswer(status, body, headers));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(psaError(413, 'RequestTooLarge', `Request body exceeds ${MAX_BODY} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface ParsedAuth {
  company: string;
  publicKey: string;
  privateKey: string;
}

/** Splits `Basic base64(company+public:private)`; undefined when the header is absent or malformed. */
function parseAuth(header: string | undefined): ParsedAuth | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+(\S+)$/i.exec(header.trim());
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  const plus = user.indexOf('+');
  if (plus < 0) return undefined;
  return { company: user.slice(0, plus), publicKey: user.slice(plus + 1), privateKey: decoded.slice(colon + 1) };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function createSimServer(opts: SimServerOptions): Server {
  const { store, faults, stats } = opts;
  const api = new Router().add(...securityRoleRoutes(), ...memberRoutes(), ...systemRoutes(), ...companyRoutes());
  const sim = new Router().add(...simUiRoutes({ faults, stats }));

  async function dispatch(router: Router, req: IncomingMessage, path: string, url: URL, caller: Caller | undefined, apiBase: string, selfUrl: string): Promise<{ result: RouteResult; template: string }> {
    const method = (req.method ?? 'GET').toUpperCase() as Method;
    const match = router.match(path);
    if (!match) return { result: { status: 404, body: { code: 'NotFound', message: `No resource matches '${path}'.`, errors: null } }, template: '(unmatched)' };
    const handler = METHODS.includes(method) ? match.def.handlers[method] : undefined;
    if (!handler) {
      const allow = METHODS.filter((m) => match.def.handlers[m]).join(', ');
      return {
        result: {
          status: 405,
          body: { code: 'MethodNotAllowed', message: `The requested resource does not support http method '${method}'.`, errors: null },
          headers: { Allow: allow },
        },
        template: match.def.template,
      };
    }
    let body: unknown;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      const text = await readBody(req);
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          throw psaError(400, 'InvalidRequest', 'The request body is not valid JSON.');
        }
      }
    }
    const ctx: RouteContext = { store, params: match.params, query: url.searchParams, body, headers: req.headers, caller, apiBase, selfUrl };
    return { result: await handler(ctx), template: match.def.template };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const host = header(req, 'host') ?? '127.0.0.1';
    const url = new URL(req.url ?? '/', `http://${host}`);
    const path = url.pathname;
    opts.beforeRequest?.();
    const before = store.version;

    if (path === '/__sim' || path.startsWith('/__sim/')) {
      try {
        const { result } = await dispatch(sim, req, path, url, undefined, `http://${host}/v4_6_release/apis/3.0`, `http://${host}${path}`);
        send(res, result.status, result.body, result.headers);
      } catch (e) {
        sendError(res, e);
      }
      if (store.version !== before) opts.onChange?.();
      return;
    }

    const arrived = performance.now();
    const auth = parseAuth(header(req, 'authorization'));
    const decision = faults.decide(auth ? `${auth.company.toLowerCase()}+${auth.publicKey}` : `addr:${req.socket.remoteAddress ?? ''}`);
    // The injected latency is the time from arrival to answer, the simulator's own work included (as a server's
    // response time is): otherwise eight requests arriving together would each wait for the others' work on
    // this one thread, and benchmarks would measure the simulator rather than cwctl.
    const answerAfterLatency = async (): Promise<void> => {
      const left = decision.delayMs - (performance.now() - arrived);
      if (left > 0) await sleep(left);
    };
    const m = CODEBASE.exec(path);
    // Faults and paths outside the API answer at once after the latency; API requests are worked out first.
    if (decision.kind !== 'none' || !m) await answerAfterLatency();
    const apiPath = m ? (m[2] ?? '/') : path;
    const statKey = (template: string): string => `${method} ${template}`;

    if (decision.kind === 'drop') {
      stats.fault('drops');
      // Counted like any request that arrived; status "0" in `statuses` stands for a dropped connection.
      stats.record(statKey(m ? (api.match(apiPath)?.def.template ?? '(unmatched)') : path), 0, false);
      if (decision.midBody) {
        const text = JSON.stringify({ code: 'Partial', message: 'x'.repeat(256) });
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(text.length) });
        res.write(text.slice(0, Math.floor(text.length / 2)), () => res.destroy());
      } else {
        req.socket.destroy();
      }
      return;
    }
    if (decision.kind === 'throttle') {
      stats.fault(decision.reason === 'rateLimit' ? 'rateLimited' : 'throttles');
      stats.record(statKey(m ? (api.match(apiPath)?.def.template ?? '(unmatched)') : path), 429, false);
      send(res, 429, { error: 'ConnectWiseAPI', message: `Too many requests. Please try again in ${decision.retryAfter} seconds.` }, { 'Retry-After': String(decision.retryAfter) });
      return;
    }
    if (decision.kind === 'error') {
      stats.fault('errors');
      stats.record(statKey(m ? (api.match(apiPath)?.def.template ?? '(unmatched)') : path), 500, false);
      send(res, 500, { code: 'InternalServerError', message: 'An error has occurred (injected by the simulator).', errors: null });
      return;
    }

    const companyInfo = /^\/login\/companyinfo\/([^/]+)\/?$/i.exec(path);
    if (companyInfo) {
      const company = decodeURIComponent(companyInfo[1] as string);
      stats.record(statKey('/login/companyinfo/{company}'), 200, false);
      // Public evidence: an unknown company is 200 with a JSON null (not a 404); a known one carries SiteUrl
      // and a boolean IsCloud.
      if (company.toLowerCase() !== store.data.company.toLowerCase()) {
        send(res, 200, null);
        return;
      }
      send(res, 200, {
        CompanyName: store.data.company, Codebase: 'v2025_8/', VersionCode: 'v2025.8', VersionNumber: 'v4.6.98765', CompanyID: store.data.company,
        IsCloud: false, SiteUrl: host,
      });
      return;
    }
    if (!m) {
      stats.record(statKey('(unmatched)'), 404, false);
      send(res, 404, { code: 'NotFound', message: `No PSA API at '${path}': expected /{codebase}apis/3.0/... (e.g. /v4_6_release/apis/3.0/system/info).`, errors: null });
      return;
    }

    let status = 500;
    let template = api.match(apiPath)?.def.template ?? '(unmatched)';
    try {
      const caller = auth ? store.authenticate(auth.company, auth.publicKey, auth.privateKey) : undefined;
      if (!caller) throw NOT_AUTHENTICATED();
      if (opts.requireClientId && !(header(req, 'clientid') ?? '').trim()) throw CLIENT_ID_MISSING();
      const codebase = (m[1] as string).toLowerCase() === 'v4_6_release' ? 'v4_6_release' : (m[1] as string);
      const apiBase = `http://${host}/${codebase}/apis/3.0`;
      const r = await dispatch(api, req, apiPath, url, caller, apiBase, `${apiBase}${apiPath}`);
      template = r.template;
      status = r.result.status;
      // Serialized before the wait: writing a large page is the server's work too, inside its response time.
      const answer = prepareAnswer(r.result.status, r.result.body, r.result.headers);
      await answerAfterLatency();
      writeAnswer(res, answer);
    } catch (e) {
      await answerAfterLatency();
      status = sendError(res, e);
    }
    stats.record(statKey(template), status, method !== 'GET');
    if (store.version !== before) opts.onChange?.();
  }

  // noDelay: without it Nagle's algorithm holds back the tail of a large settings page (~17 ms instead of ~4 ms
  // on loopback), which would make every benchmark measure the simulator instead of cwctl.
  return createServer({ noDelay: true }, (req, res) => {
    handle(req, res).catch((e: unknown) => { sendError(res, e); });
  });
}

/** Answers a thrown error; a SimHttpError keeps its status and body, anything else is a bare 500. */
function sendError(res: ServerResponse, e: unknown): number {
  if (e instanceof SimHttpError) {
    send(res, e.status, e.body as Json, e.headers);
    return e.status;
  }
  send(res, 500, { code: 'InternalServerError', message: 'The simulator failed to handle this request.', errors: null });
  return 500;
}
