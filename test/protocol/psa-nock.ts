// Shared set-up for the nock protocol tests: a fake cloud PSA at api-na.myconnectwise.net for company
// `acme`, with discovery answered and the network disabled, and a client wired to a recording fake sleep.
import nock from 'nock';
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

export function nockDiscovery(): nock.Scope {
  return nock(SITE)
    .get(`/login/companyinfo/${COMPANY}`)
    .reply(200, { CompanyName: 'Acme', Codebase: 'v2025_8/', VersionCode: 'v2025.8', VersionNumber: 'v4.6.1', CompanyID: COMPANY, IsCloud: 'True' });
}

export function nockApi(): nock.Scope {
  return nock(SITE).matchHeader('authorization', BASIC);
}

export interface TestClient {
  client: PsaClient;
  sleeps: number[];
  debug: string[];
}

export function makeClient(extra: Partial<HttpPsaClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const debug: string[] = [];
  const client = createHttpPsaClient({
    target: { site: SITE, company: COMPANY },
    credentials: { publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY, clientId: CLIENT_ID },
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    debugLog: (line) => debug.push(line),
    ...extra,
  });
  return { client, sleeps, debug };
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
