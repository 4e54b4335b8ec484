// Wire-level tests of listing and discovery with undici's MockAgent (network disabled), passed to the client as
// its dispatcher: the client sends with undici's dispatcher API, which nock does not intercept. Headers, Link
// paging, servers without Link, endless chains, retries mid-listing, 429 with Retry-After, and malformed answers.
import { afterEach, describe, expect, it } from 'vitest';
import { PsaApiError } from '../../src/psa/errors.js';
import {
  API, BASIC, CLIENT_ID, COMPANY, PRIVATE_KEY, PUBLIC_KEY, SITE, anyQuery, closeMockAgents, interceptApi, json, makeClient, mockDiscovery, netError, roles, sentHeader,
} from './psa-mock.js';

afterEach(async () => {
  await closeMockAgents();
});

const link = (next?: number, last?: number, size = 1000): string =>
  [
    next ? `<${SITE}${API}/system/securityroles?pageSize=${size}&page=${next}>; rel="next"` : '',
    last ? `<${SITE}${API}/system/securityroles?pageSize=${size}&page=${last}>; rel="last"` : '',
  ].filter(Boolean).join(', ');

describe('discovery and headers', () => {
  it('discovers the codebase once per client family and sends auth, clientId, Accept and User-Agent', async () => {
    const { client, mockAgent, pool } = makeClient();
    mockDiscovery(pool);
    const headers = {
      authorization: BASIC,
      clientid: CLIENT_ID,
      accept: 'application/vnd.connectwise.com+json; version=2025.8',
      'user-agent': /^cwctl\/\d+\.\d+\.\d+/,
    };
    pool.intercept({ path: `${API}/system/info`, headers }).reply(200, { version: 'v2025.8', isCloud: true }, json());
    pool.intercept({ path: `${API}/system/securityroles/5`, headers }).reply(200, { id: 5, name: 'Admin' }, json());
    expect((await client.systemInfo()).version).toBe('v2025.8');
    const other = client.withCredentials({ publicKey: 'p2', privateKey: 'k2', clientId: CLIENT_ID });
    expect((await client.getSecurityRole(5)).name).toBe('Admin');
    mockAgent.assertNoPendingInterceptors();
    expect(client.requestCount()).toBe(3);
    expect(other.requestCount()).toBe(3);
    await client.close();
  });

  it('a client derived with a member\'s own keys sends its parent\'s clientId unless the keys name one', async () => {
    const { client, mockAgent, pool } = makeClient();
    mockDiscovery(pool);
    const memberBasic = `Basic ${Buffer.from(`${COMPANY}+p2:k2`).toString('base64')}`;
    pool.intercept({ path: `${API}/system/info`, headers: { authorization: memberBasic, clientid: CLIENT_ID } })
      .reply(200, { version: 'v2025.8', isCloud: true }, json());
    pool.intercept({ path: `${API}/system/info`, headers: { authorization: memberBasic, clientid: 'other-integration' } })
      .reply(200, { version: 'v2025.8', isCloud: true }, json());
    await client.withCredentials({ publicKey: 'p2', privateKey: 'k2' }).systemInfo();
    // The inherited-clientId intercept was used; only the own-clientId one is left.
    expect(mockAgent.pendingInterceptors()).toEqual([expect.objectContaining({ headers: { authorization: memberBasic, clientid: 'other-integration' } })]);
    await client.withCredentials({ publicKey: 'p2', privateKey: 'k2', clientId: 'other-integration' }).systemInfo();
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('does not send credentials to the unauthenticated companyinfo call', async () => {
    const { client, pool } = makeClient();
    let sawAuth: string | undefined = 'unset';
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply((opts) => {
      sawAuth = sentHeader(opts.headers, 'authorization');
      return { statusCode: 200, data: { Codebase: 'v2025_8/' }, responseOptions: json() };
    });
    interceptApi(pool, { path: `${API}/system/info` }).reply(200, { version: 'x', isCloud: true }, json());
    await client.systemInfo();
    expect(sawAuth).toBeUndefined();
    await client.close();
  });

  it('falls back to v4_6_release/ when companyinfo answers 404', async () => {
    const { client, debug, mockAgent, pool } = makeClient();
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(404, { code: 'NotFound', message: 'x' }, json());
    interceptApi(pool, { path: '/v4_6_release/apis/3.0/system/info' }).reply(200, { version: 'v4.6', isCloud: false }, json());
    expect((await client.systemInfo()).version).toBe('v4.6');
    mockAgent.assertNoPendingInterceptors();
    expect(debug.join('\n')).toMatch(/404; using codebase v4_6_release/);
    await client.close();
  });

  it('names an unknown company when companyinfo answers null', async () => {
    const { client, pool } = makeClient();
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(200, 'null', json());
    await expect(client.listSecurityRoles()).rejects.toThrow(/company 'acme' is not known/);
    await client.close();
  });

  it('does not follow a redirect (credentials would go along) and says which host to use', async () => {
    const { client, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: `${API}/system/info` }).reply(302, '', { headers: { location: 'https://login.example.com/sso?token=abc' } });
    const error = (await client.systemInfo().catch((e: unknown) => e)) as PsaApiError;
    expect(error.message).toBe('GET /system/info: the server answered 302 (a redirect to https://login.example.com/sso); cwctl does not follow redirects with credentials');
    expect(error.hint).toMatch(/api-REGION\.myconnectwise\.net/);
    await client.close();
  });

  it('says the site is a web page when companyinfo answers HTML', async () => {
    const { client, pool } = makeClient();
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(200, '<html><head><title>Welcome</title></head></html>', { headers: { 'content-type': 'text/html' } });
    await expect(client.listSecurityRoles()).rejects.toThrow('GET /login/companyinfo/acme: expected JSON, got text/html ("Welcome") (status 200)');
    await client.close();
  });

  it('adds the api- prefix to a cloud UI host', async () => {
    const { client, debug, mockAgent } = makeClient({ target: { site: 'eu.myconnectwise.net', company: COMPANY } });
    const eu = mockAgent.get('https://api-eu.myconnectwise.net');
    eu.intercept({ path: `/login/companyinfo/${COMPANY}` }).reply(200, { Codebase: 'v2025_8/' }, json());
    eu.intercept({ path: `${API}/system/info` }).reply(200, { version: 'eu', isCloud: true }, json());
    expect((await client.systemInfo()).version).toBe('eu');
    expect(debug[0]).toMatch(/using its API host api-eu\.myconnectwise\.net/);
    await client.close();
  });
});

describe('listing', () => {
  it('follows Link rel="next" across pages and passes conditions, fields and orderBy URL-encoded', async () => {
    const { client, mockAgent, pool } = makeClient();
    mockDiscovery(pool);
    const conditions = 'name like "Bright*" and inactiveFlag=False';
    const path = `${API}/system/securityroles`;
    interceptApi(pool, { path, query: { conditions, fields: 'id,name,securityRole/name', orderBy: 'name asc', pageSize: '7', page: '1' } })
      .reply(200, roles(1, 7), json({ link: `<${SITE}${API}/system/securityroles?conditions=x&pageSize=7&page=2>; rel="next", <${SITE}${API}/system/securityroles?pageSize=7&page=3>; rel="last"` }));
    interceptApi(pool, { path, query: { conditions: 'x', pageSize: '7', page: '2' } })
      .reply(200, roles(8, 7), json({ link: `<${SITE}${API}/system/securityroles?conditions=x&pageSize=7&page=3>; rel="next"` }));
    interceptApi(pool, { path, query: { conditions: 'x', pageSize: '7', page: '3' } })
      .reply(200, roles(15, 3), json({ link: `<${SITE}${API}/system/securityroles?pageSize=7&page=1>; rel="first"` }));
    const got = await client.listSecurityRoles({ conditions, fields: ['id', 'name', 'securityRole/name'], orderBy: 'name asc', pageSize: 7 });
    expect(got.map((r) => r.id)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('pages by number and stops at a short page when the server sends no Link', async () => {
    const { client, mockAgent, pool } = makeClient({ pageSize: 3 });
    mockDiscovery(pool);
    const path = `${API}/system/apiMembers`;
    interceptApi(pool, { path, query: { pageSize: '3', page: '1' } }).reply(200, roles(1, 3), json());
    interceptApi(pool, { path, query: { pageSize: '3', page: '2' } }).reply(200, roles(4, 3), json());
    interceptApi(pool, { path, query: { pageSize: '3', page: '3' } }).reply(200, roles(7, 1), json());
    expect((await client.listApiMembers()).length).toBe(7);
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('fails (does not hang) on a Link chain that points back to a page already read', async () => {
    const { client, pool } = makeClient({ pageSize: 2 });
    mockDiscovery(pool);
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) })
      .reply(200, roles(1, 2), json({ link: link(1, undefined, 2) })).times(3);
    const error = await client.listSecurityRoles().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PsaApiError);
    expect((error as PsaApiError).message).toMatch(/GET \/system\/securityroles: .*already read/);
    expect((error as PsaApiError).exitCode).toBe(4);
    await client.close();
  });

  it('fails on a Link chain that runs past its announced last page', async () => {
    const { client, pool } = makeClient({ pageSize: 2 });
    mockDiscovery(pool);
    let page = 0;
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(() => {
      page++;
      return { statusCode: 200, data: roles(page * 2, 2), responseOptions: json({ link: link(page + 1, 3, 2) }) };
    }).times(50);
    await expect(client.listSecurityRoles()).rejects.toThrow(/did not end after 5 pages/);
    expect(page).toBe(5);
    await client.close();
  });

  it('refuses a Link rel="next" to another origin (credentials stay on the PSA)', async () => {
    const { client, pool } = makeClient({ pageSize: 2 });
    mockDiscovery(pool);
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) })
      .reply(200, roles(1, 2), json({ link: '<https://evil.example.com/steal?page=2>; rel="next"' }));
    await expect(client.listSecurityRoles()).rejects.toThrow(/another origin \(https:\/\/evil\.example\.com\)/);
    await client.close();
  });

  it('retries a connection reset on page 2 and returns the complete listing', async () => {
    const { client, sleeps, mockAgent, pool } = makeClient({ pageSize: 2 });
    mockDiscovery(pool);
    const path = `${API}/system/securityRoles/12/settings`;
    interceptApi(pool, { path, query: { pageSize: '2', page: '1' } })
      .reply(200, roles(1, 2), json({ link: `<${SITE}${API}/system/securityRoles/12/settings?pageSize=2&page=2>; rel="next"` }));
    interceptApi(pool, { path, query: { pageSize: '2', page: '2' } }).replyWithError(netError('ECONNRESET', 'socket hang up'));
    interceptApi(pool, { path, query: { pageSize: '2', page: '2' } }).reply(200, roles(3, 1), json());
    const got = await client.listRoleSettings(12);
    expect(got.map((r) => r.id)).toEqual([1, 2, 3]);
    mockAgent.assertNoPendingInterceptors();
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeLessThanOrEqual(200);
    expect(client.requestCount()).toBe(4);
    await client.close();
  });

  it('waits out a 429 Retry-After (seconds) and continues the listing', async () => {
    const { client, sleeps, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) })
      .reply(429, { error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 7 seconds.' }, json({ 'retry-after': '7' }));
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(200, roles(1, 3), json());
    expect((await client.listSecurityRoles()).length).toBe(3);
    expect(sleeps).toEqual([7000]);
    await client.close();
  });

  it('honours a Retry-After given as an HTTP-date', async () => {
    const { client, sleeps, pool } = makeClient();
    mockDiscovery(pool);
    const at = new Date(Date.now() + 4000).toUTCString();
    interceptApi(pool, { path: `${API}/system/info` }).reply(429, { error: 'ConnectWiseAPI', message: 'slow down' }, json({ 'retry-after': at }));
    interceptApi(pool, { path: `${API}/system/info` }).reply(200, { version: 'v', isCloud: true }, json());
    await client.systemInfo();
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(2000);
    expect(sleeps[0]).toBeLessThanOrEqual(4000);
    await client.close();
  });

  it('gives up on 429 after the configured retries with a rate-limit error', async () => {
    const { client, sleeps, pool } = makeClient({ retry: { retries: 2 } });
    mockDiscovery(pool);
    interceptApi(pool, { path: `${API}/system/info` }).reply(429, { error: 'ConnectWiseAPI', message: 'Too many requests.' }, json({ 'retry-after': '1' })).times(3);
    const error = (await client.systemInfo().catch((e: unknown) => e)) as PsaApiError;
    expect(error.code).toBe('psa-rate-limited');
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/still rate limited after 3 attempts/);
    expect(sleeps).toEqual([1000, 1000]);
    await client.close();
  });

  it('retries 500/502/503/504 with growing jittered backoff, then succeeds', async () => {
    const { client, sleeps, pool } = makeClient({ retry: { baseDelayMs: 100, maxDelayMs: 250 } });
    mockDiscovery(pool);
    const path = `${API}/system/info`;
    interceptApi(pool, { path }).reply(500, { code: 'x', message: 'boom' }, json());
    interceptApi(pool, { path }).reply(502, '<html>bad gateway</html>', { headers: { 'content-type': 'text/html' } });
    interceptApi(pool, { path }).reply(503, '');
    interceptApi(pool, { path }).reply(504, '');
    interceptApi(pool, { path }).reply(200, { version: 'ok', isCloud: true }, json());
    expect((await client.systemInfo()).version).toBe('ok');
    expect(sleeps).toHaveLength(4);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(250);
    await client.close();
  });

  it('retries a 2xx whose JSON is cut short', async () => {
    const { client, sleeps, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(200, '[{"id":1,"name":"Ad', json());
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(200, [{ id: 1, name: 'Admin' }], json());
    expect((await client.listSecurityRoles())[0]?.name).toBe('Admin');
    expect(sleeps).toHaveLength(1);
    await client.close();
  });

  it('rejects an HTML page with "expected JSON, got text/html"', async () => {
    const { client, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) })
      .reply(200, '<!doctype html><html><head><title>Sign in</title></head><body>login</body></html>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    const error = (await client.listSecurityRoles().catch((e: unknown) => e)) as PsaApiError;
    expect(error).toBeInstanceOf(PsaApiError);
    expect(error.message).toBe('GET /system/securityroles: expected JSON, got text/html ("Sign in") (status 200)');
    expect(error.code).toBe('psa-bad-response');
    await client.close();
  });

  it('rejects a list endpoint answering an object, and a 200 carrying an error body', async () => {
    const { client, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(200, { id: 1, name: 'not a list' }, json());
    interceptApi(pool, { path: anyQuery(`${API}/system/apiMembers`) }).reply(200, { code: 'ConnectWiseApi', message: 'UserNotAuthenticated' }, json());
    interceptApi(pool, { path: `${API}/system/securityroles/3` }).reply(200, [{ id: 3 }], json());
    await expect(client.listSecurityRoles()).rejects.toThrow('GET /system/securityroles: expected a list, got an object');
    await expect(client.listApiMembers()).rejects.toThrow(/GET \/system\/apiMembers: the PSA answered 200 with an error: ConnectWiseApi: UserNotAuthenticated/);
    await expect(client.getSecurityRole(3)).rejects.toThrow('GET /system/securityroles/3: expected a record, got a list');
    await client.close();
  });

  it('times out a stalled server and reports it after the retries', async () => {
    const { client, pool } = makeClient({ requestTimeoutMs: 60, requestBudgetMs: 1000, retry: { retries: 1 } });
    mockDiscovery(pool);
    interceptApi(pool, { path: `${API}/system/info` }).reply(200, { version: 'late', isCloud: true }, json()).delay(400).times(2);
    const started = Date.now();
    const error = (await client.systemInfo().catch((e: unknown) => e)) as PsaApiError;
    expect(error.code).toBe('psa-timeout');
    expect(error.message).toMatch(/GET \/system\/info: no complete answer from https:\/\/api-na\.myconnectwise\.net within 60 ms \(2 attempts\)/);
    expect(Date.now() - started).toBeLessThan(1500);
    await client.close();
  });

  it('cancels a request in flight at once when the signal aborts, without retrying it', async () => {
    const { client, sleeps, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: `${API}/system/info` }).reply(200, { version: 'late', isCloud: true }, json()).delay(2000);
    const controller = new AbortController();
    const started = Date.now();
    const pending = client.systemInfo({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('interrupted by SIGTERM')), 50);
    await expect(pending).rejects.toThrow('interrupted by SIGTERM');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sleeps).toEqual([]);
    await client.close();
  });

  it('writes one debug line per attempt with method, path+query, status, ms and attempt, and never the keys', async () => {
    const { client, debug, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(503, '');
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(200, roles(1, 2), json());
    await client.listSecurityRoles({ conditions: 'name="A"' });
    const requests = debug.filter((l) => / attempt \d+$/.test(l));
    expect(requests).toHaveLength(3);
    expect(requests[1]).toMatch(/^GET \/system\/securityroles\?conditions=name%3D%22A%22&pageSize=1000&page=1 503 \d+ms attempt 1$/);
    expect(requests[2]).toMatch(/ 200 \d+ms attempt 2$/);
    const all = debug.join('\n');
    expect(all).not.toContain(PRIVATE_KEY);
    expect(all).not.toContain(PUBLIC_KEY);
    expect(all).not.toMatch(/basic/i);
    await client.close();
  });

  it('cancels a wait at once when the signal aborts', async () => {
    const { client, pool } = makeClient({
      sleep: (_ms, signal) => new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
      }),
    });
    mockDiscovery(pool);
    interceptApi(pool, { path: `${API}/system/info` }).reply(429, {}, json({ 'retry-after': '20' }));
    const controller = new AbortController();
    const pending = client.systemInfo({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('interrupted by SIGINT')), 20);
    await expect(pending).rejects.toThrow('interrupted by SIGINT');
    await client.close();
  });
});
