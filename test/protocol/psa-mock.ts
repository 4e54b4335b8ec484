// Shared set-up for the protocol tests: a fake cloud PSA at api-na.myconnectwise.net for company `acme`, with
// discovery answered, and a client wired to a recording fake sleep. The tests use undici's MockAgent (network
// disabled), passed to the client as its `dispatcher`: the client sends with undici's dispatcher API
// (`Dispatcher.request`), which nock does not intercept.
import { isDeepStrictEqual } from 'node:util';
import { MockAgent } from 'undici';
import type { Interceptable } from 'undici';
import { createHttpPsaClient } from '../../src/psa/http-client.js';
import type { HttpPsaClientOptions } from '../../src/psa/http-client.js';
import type { PsaClient } from '../../src/psa/client.js';

export const SITE = 'https://api-na.myconnectwise.net';
export const COMPANY = 'acme';
export const PUBLIC_KEY = 'PubKey1234567890';
export const PRIVATE_KEY = 'PrivKeyS3cret0987654321';
export const CLIENT_ID = '0b1c7a50-0000-4000-8000-000000000001';
export const API = '/v2025_8/apis/3.0';
export const BASIC = `Basic ${Buffer.from(`${COMPANY}+${PUBLIC_KEY}:${PRIVATE_KEY}`).toString('base64')}`;

// undici's index exports the mock classes but not MockInterceptor's namespace of option types.
type InterceptOptions = Parameters<Interceptable['intercept']>[0];
type Interceptor = ReturnType<Interceptable['intercept']>;

/** Reply options for a JSON answer (MockAgent, unlike nock, sets no content type for an object body). */
export function json(headers: Record<string, string> = {}): { headers: Record<string, string> } {
  return { headers: { 'content-type': 'application/json', ...headers } };
}

/** A body matcher: the request body parses to JSON deeply equal to `expected` (as nock's `.post(path, body)`). */
export function jsonBody(expected: unknown): (body: string) => boolean {
  return (body) => {
    try {
      return isDeepStrictEqual(JSON.parse(body), expected);
    } catch {
      return false;
    }
  };
}

/** A request header by name, whatever its case, as a reply callback sees the headers cwctl sent. */
export function sentHeader(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers as Record<string, string>).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry?.[1];
}

export function mockDiscovery(pool: Interceptable): void {
  pool.intercept({ path: `/login/companyinfo/${COMPANY}` })
    .reply(200, { CompanyName: 'Acme', Codebase: 'v2025_8/', VersionCode: 'v2025.8', VersionNumber: 'v4.6.1', CompanyID: COMPANY, IsCloud: 'True' }, json());
}

type ApiInterceptOptions = Omit<InterceptOptions, 'headers'> & { headers?: Record<string, string | RegExp> };

/**
 * An intercept that only matches a request carrying the client's Basic auth, plus any other `headers` given
 * (MockAgent compares header names case-insensitively: `authorization` matches the `Authorization` cwctl sends).
 */
export function interceptApi(pool: Interceptable, options: ApiInterceptOptions): Interceptor {
  return pool.intercept({ ...options, headers: { authorization: BASIC, ...options.headers } });
}

/** A path matcher for `path` with any query (nock's `.query(true)`). */
export function anyQuery(path: string): (requested: string) => boolean {
  return (requested) => requested === path || requested.startsWith(`${path}?`);
}

export interface TestClient {
  client: PsaClient;
  sleeps: number[];
  debug: string[];
  mockAgent: MockAgent;
  /** The MockPool of SITE. */
  pool: Interceptable;
}

const agents: MockAgent[] = [];

/** For afterEach: closes every MockAgent made since the last call (the client does not close the one it was given). */
export async function closeMockAgents(): Promise<void> {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
}

export function makeClient(extra: Partial<HttpPsaClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const debug: string[] = [];
  const mockAgent = new MockAgent();
  mockAgent.disableNetConnect();
  agents.push(mockAgent);
  const client = createHttpPsaClient({
    target: { site: SITE, company: COMPANY },
    credentials: { publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY, clientId: CLIENT_ID },
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    debugLog: (line) => debug.push(line),
    dispatcher: mockAgent,
    ...extra,
  });
  return { client, sleeps, debug, mockAgent, pool: mockAgent.get(SITE) };
}

/** Everything an error could leak through: message, JSON, hint, cause chain, stack. */
export function renderError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let i = 0; i < 5 && current; i++) {
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? '', JSON.stringify(current), JSON.stringify((current as { hint?: unknown }).hint ?? ''));
      current = current.cause;
    } else {
      parts.push(JSON.stringify(current));
      break;
    }
  }
  return parts.join('\n');
}

export function roles(from: number, count: number): { id: number; name: string }[] {
  return Array.from({ length: count }, (_, i) => ({ id: from + i, name: `Role ${from + i}` }));
}

/** An Error as a socket or DNS failure carries it (what nock's replyWithError({ code, message }) produced). */
export function netError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
