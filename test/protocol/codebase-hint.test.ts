// Wire-level tests of the codebase hint (HttpPsaClientOptions.codebaseHint): with the codebase of the last run
// known, reads go out at once while discovery is on its way, and their answers count only when discovery names
// the same codebase. Discovery is held back (MockAgent's delay) so the order on the wire is what is tested.
import type { Interceptable } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { PsaApiError } from '../../src/psa/errors.js';
import { API, COMPANY, SITE, anyQuery, closeMockAgents, interceptApi, json, makeClient, roles } from './psa-mock.js';

afterEach(async () => {
  await closeMockAgents();
});

/** Discovery answering after `delayMs` and a role list, with when each was asked for (performance.now()). */
function askedAt(pool: Interceptable, delayMs: number): { discovery: number; roles: number } {
  const at = { discovery: Number.NaN, roles: Number.NaN };
  pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(() => {
    at.discovery = performance.now();
    return { statusCode: 200, data: { ...INFO, Codebase: 'v2025_8/' }, ...json() };
  }).delay(delayMs);
  interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(() => {
    at.roles = performance.now();
    return { statusCode: 200, data: roles(1, 3), ...json() };
  });
  return at;
}

const INFO = { CompanyName: 'Acme', VersionCode: 'v2025.8', VersionNumber: 'v4.6.1', CompanyID: COMPANY, IsCloud: 'True' };

describe('codebase hint', () => {
  it('sends a read on the hinted codebase before discovery answers, keeps its answer when discovery agrees, and reports the codebase', async () => {
    const found: string[] = [];
    const { client, mockAgent, pool } = makeClient({ codebaseHint: 'v2025_8/', onCodebase: (c) => found.push(c) });
    const asked = askedAt(pool, 150);
    const started = performance.now();
    const listed = await client.listSecurityRoles();
    expect(listed.map((r) => r.name)).toEqual(['Role 1', 'Role 2', 'Role 3']);
    // The role list was asked for while discovery's answer was still 150 ms away, and its answer still waited.
    expect(asked.roles - asked.discovery).toBeLessThan(100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(found).toEqual(['v2025_8/']);
    expect(client.requestCount()).toBe(2);
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('drops the answer read on a stale codebase and reads again where discovery says', async () => {
    const { client, debug, mockAgent, pool } = makeClient({ codebaseHint: 'v2024_1/' });
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(200, { ...INFO, Codebase: 'v2025_8/' }, json()).delay(100);
    // The old codebase still answers (with other rows): that answer must not be the result.
    interceptApi(pool, { path: anyQuery('/v2024_1/apis/3.0/system/securityroles') }).reply(200, roles(90, 1), json());
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(200, roles(1, 2), json());
    const listed = await client.listSecurityRoles();
    expect(listed.map((r) => r.id)).toEqual([1, 2]);
    expect(debug.join('\n')).toMatch(/codebase changed since the last run/);
    expect(client.requestCount()).toBe(3);
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('a failure of the read on a stale codebase is no failure: the read is made again', async () => {
    const { client, mockAgent, pool } = makeClient({ codebaseHint: 'v2024_1/' });
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(200, { ...INFO, Codebase: 'v2025_8/' }, json()).delay(100);
    interceptApi(pool, { path: anyQuery('/v2024_1/apis/3.0/system/securityroles') }).reply(404, { code: 'NotFound', message: 'gone', errors: null }, json());
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(200, roles(1, 1), json());
    expect((await client.listSecurityRoles()).map((r) => r.id)).toEqual([1]);
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('on a right guess, the read\'s own failure is the failure (it is not read again)', async () => {
    const { client, pool } = makeClient({ codebaseHint: 'v2025_8/' });
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(200, { ...INFO, Codebase: 'v2025_8/' }, json()).delay(100);
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(400, { code: 'InvalidObject', message: 'bad fields', errors: null }, json());
    const failure = await client.listSecurityRoles().then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(PsaApiError);
    expect((failure as PsaApiError).status).toBe(400);
    expect(client.requestCount()).toBe(2);
    await client.close();
  });

  it('cancels a listing started on a stale codebase once discovery answers: its later pages are never asked for', async () => {
    const { client, mockAgent, pool } = makeClient({ codebaseHint: 'v2024_1/' });
    const OLD = '/v2024_1/apis/3.0/system/securityroles';
    const next = (page: number): Record<string, string> => ({ link: `<${SITE}${OLD}?pageSize=1000&page=${page}>; rel="next"` });
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(200, { ...INFO, Codebase: 'v2025_8/' }, json()).delay(100);
    interceptApi(pool, { path: (p) => p.startsWith(OLD) && p.includes('page=1') }).reply(200, roles(90, 1000), json(next(2)));
    // In flight when discovery answers; were it followed, it would ask for page 3.
    interceptApi(pool, { path: (p) => p.startsWith(OLD) && p.includes('page=2') }).reply(200, roles(2000, 1000), json(next(3))).delay(400);
    interceptApi(pool, { path: (p) => p.startsWith(OLD) && p.includes('page=3') }).reply(200, [], json());
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(200, roles(1, 2), json());
    expect((await client.listSecurityRoles()).map((r) => r.id)).toEqual([1, 2]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Page 3 of the old codebase is still waiting to be asked for.
    expect(mockAgent.pendingInterceptors().map((i) => String(i.path))).toHaveLength(1);
    expect(client.requestCount()).toBe(4);
    await client.close();
  });

  it('after discovery\'s 404 (on-premises), the release codebase is what the next run is told', async () => {
    const found: string[] = [];
    const { client, pool } = makeClient({ onCodebase: (c) => found.push(c) });
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(404, { code: 'NotFound', message: 'x' }, json());
    interceptApi(pool, { path: '/v4_6_release/apis/3.0/system/info' }).reply(200, { version: 'v4.6', isCloud: false }, json());
    await client.systemInfo();
    expect(found).toEqual(['v4_6_release/']);
    await client.close();
  });

  it('never sends a write on the hint: a POST waits for discovery', async () => {
    const seen: string[] = [];
    const { client, mockAgent, pool } = makeClient({ codebaseHint: 'v2024_1/' });
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(() => {
      seen.push('discovery');
      return { statusCode: 200, data: { ...INFO, Codebase: 'v2025_8/' }, ...json() };
    }).delay(50);
    interceptApi(pool, { path: `${API}/system/securityroles`, method: 'POST' }).reply(() => {
      seen.push('create');
      return { statusCode: 201, data: { id: 7, name: 'New' }, ...json() };
    });
    expect((await client.createSecurityRole({ name: 'New' })).id).toBe(7);
    expect(seen).toEqual(['discovery', 'create']);
    expect(client.requestCount()).toBe(2);
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('ignores a hint not shaped like a codebase (a cache file is not trusted)', async () => {
    const { client, mockAgent, pool } = makeClient({ codebaseHint: '../' });
    const asked = askedAt(pool, 150);
    await client.listSecurityRoles();
    // Without a usable hint the read waited for discovery, and nothing went to another path.
    expect(asked.roles - asked.discovery).toBeGreaterThanOrEqual(145);
    expect(client.requestCount()).toBe(2);
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });
});
