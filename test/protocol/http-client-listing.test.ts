// Wire-level tests of listing and discovery with nock (network disabled): headers, Link paging, servers
// without Link, endless chains, retries mid-listing, 429 with Retry-After, and malformed answers.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PsaApiError } from '../../src/psa/errors.js';
import { API, BASIC, CLIENT_ID, COMPANY, PRIVATE_KEY, PUBLIC_KEY, SITE, makeClient, nockApi, nockDiscovery, roles } from './psa-nock.js';

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const link = (next?: number, last?: number, size = 1000): string =>
  [
    next ? `<${SITE}${API}/system/securityroles?pageSize=${size}&page=${next}>; rel="next"` : '',
    last ? `<${SITE}${API}/system/securityroles?pageSize=${size}&page=${last}>; rel="last"` : '',
  ].filter(Boolean).join(', ');

describe('discovery and headers', () => {
  it('discovers the codebase once per client family and sends auth, clientId, Accept and User-Agent', async () => {
    const discovery = nockDiscovery();
    const api = nock(SITE)
      .matchHeader('authorization', BASIC)
      .matchHeader('clientid', CLIENT_ID)
      .matchHeader('accept', 'application/vnd.connectwise.com+json; version=2025.8')
      .matchHeader('user-agent', /^cwctl\/\d+\.\d+\.\d+/)
      .get(`${API}/system/info`).reply(200, { version: 'v2025.8', isCloud: true })
      .get(`${API}/system/securityroles/5`).reply(200, { id: 5, name: 'Admin' });
    const { client } = makeClient();
    expect((await client.systemInfo()).version).toBe('v2025.8');
    const other = client.withCredentials({ publicKey: 'p2', privateKey: 'k2', clientId: CLIENT_ID });
    expect((await client.getSecurityRole(5)).name).toBe('Admin');
    expect(discovery.isDone()).toBe(true);
    expect(api.isDone()).toBe(true);
    expect(client.requestCount()).toBe(3);
    expect(other.requestCount()).toBe(3);
    await client.close();
  });

  it('a client derived with a member\'s own keys sends its parent\'s clientId unless the keys name one', async () => {
    nockDiscovery();
    const memberBasic = `Basic ${Buffer.from(`${COMPANY}+p2:k2`).toString('base64')}`;
    const inherited = nock(SITE).matchHeader('authorization', memberBasic).matchHeader('clientid', CLIENT_ID)
      .get(`${API}/system/info`).reply(200, { version: 'v2025.8', isCloud: true });
    const own = nock(SITE).matchHeader('authorization', memberBasic).matchHeader('clientid', 'other-integration')
      .get(`${API}/system/info`).reply(200, { version: 'v2025.8', isCloud: true });
    const { client } = makeClient();
    await client.withCredentials({ publicKey: 'p2', privateKey: 'k2' }).systemInfo();
    expect(inherited.isDone()).toBe(true);
    await client.withCredentials({ publicKey: 'p2', privateKey: 'k2', clientId: 'other-integration' }).systemInfo();
    expect(own.isDone()).toBe(true);
    await client.close();
  });

  it('does not send credentials to the unauthenticated companyinfo call', async () => {
    let sawAuth: string | undefined = 'unset';
    nock(SITE).get(`/login/companyinfo/${COMPANY}`).reply(function () {
      sawAuth = this.req.headers.authorization;
      return [200, { Codebase: 'v2025_8/' }];
    });
    nockApi().get(`${API}/system/info`).reply(200, { version: 'x', isCloud: true });
    const { client } = makeClient();
    await client.systemInfo();
    expect(sawAuth).toBeUndefined();
    await client.close();
  });

  it('falls back to v4_6_release/ when companyinfo answers 404', async () => {
    nock(SITE).get(`/login/companyinfo/${COMPANY}`).reply(404, { code: 'NotFound', message: 'x' });
    const api = nockApi().get('/v4_6_release/apis/3.0/system/info').reply(200, { version: 'v4.6', isCloud: false });
    const { client, debug } = makeClient();
    expect((await client.systemInfo()).version).toBe('v4.6');
    expect(api.isDone()).toBe(true);
    expect(debug.join('\n')).toMatch(/404; using codebase v4_6_release/);
    await client.close();
  });

  it('names an unknown company when companyinfo answers null', async () => {
    nock(SITE).get(`/login/companyinfo/${COMPANY}`).reply(200, 'null', { 'content-type': 'application/json' });
    const { client } = makeClient();
    await expect(client.listSecurityRoles()).rejects.toThrow(/company 'acme' is not known/);
    await client.close();
  });

  it('does not follow a redirect (credentials would go along) and says which host to use', async () => {
    nockDiscovery();
    nockApi().get(`${API}/system/info`).reply(302, '', { location: 'https://login.example.com/sso?token=abc' });
    const { client } = makeClient();
    const error = (await client.systemInfo().catch((e: unknown) => e)) as PsaApiError;
    expect(error.message).toBe('GET /system/info: the server answered 302 (a redirect to https://login.example.com/sso); cwctl does not follow redirects with credentials');
    expect(error.hint).toMatch(/api-REGION\.myconnectwise\.net/);
    await client.close();
  });

  it('says the site is a web page when companyinfo answers HTML', async () => {
    nock(SITE).get(`/login/companyinfo/${COMPANY}`).reply(200, '<html><head><title>Welcome</title></head></html>', { 'content-type': 'text/html' });
    const { client } = makeClient();
    await expect(client.listSecurityRoles()).rejects.toThrow('GET /login/companyinfo/acme: expected JSON, got text/html ("Welcome") (status 200)');
    await client.close();
  });

  it('adds the api- prefix to a cloud UI host', async () => {
    nock('https://api-eu.myconnectwise.net').get(`/login/companyinfo/${COMPANY}`).reply(200, { Codebase: 'v2025_8/' })
      .get(`${API}/system/info`).reply(200, { version: 'eu', isCloud: true });
    const { client, debug } = makeClient({ target: { site: 'eu.myconnectwise.net', company: COMPANY } });
    expect((await client.systemInfo()).version).toBe('eu');
    expect(debug[0]).toMatch(/using its API host api-eu\.myconnectwise\.net/);
    await client.close();
  });
});

describe('listing', () => {
  it('follows Link rel="next" across pages and passes conditions, fields and orderBy URL-encoded', async () => {
    nockDiscovery();
    const conditions = 'name like "Bright*" and inactiveFlag=False';
    const scope = nockApi()
      .get(`${API}/system/securityroles`)
      .query({ conditions, fields: 'id,name,securityRole/name', orderBy: 'name asc', pageSize: '7', page: '1' })
      .reply(200, roles(1, 7), { link: `<${SITE}${API}/system/securityroles?conditions=x&pageSize=7&page=2>; rel="next", <${SITE}${API}/system/securityroles?pageSize=7&page=3>; rel="last"` })
      .get(`${API}/system/securityroles`).query({ conditions: 'x', pageSize: '7', page: '2' })
      .reply(200, roles(8, 7), { link: `<${SITE}${API}/system/securityroles?conditions=x&pageSize=7&page=3>; rel="next"` })
      .get(`${API}/system/securityroles`).query({ conditions: 'x', pageSize: '7', page: '3' })
      .reply(200, roles(15, 3), { link: `<${SITE}${API}/system/securityroles?pageSize=7&page=1>; rel="first"` });
    const { client } = makeClient();
    const got = await client.listSecurityRoles({ conditions, fields: ['id', 'name', 'securityRole/name'], orderBy: 'name asc', pageSize: 7 });
    expect(got.map((r) => r.id)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(scope.isDone()).toBe(true);
    await client.close();
  });

  it('pages by number and stops at a short page when the server sends no Link', async () => {
    nockDiscovery();
    const scope = nockApi()
      .get(`${API}/system/apiMembers`).query({ pageSize: '3', page: '1' }).reply(200, roles(1, 3))
      .get(`${API}/system/apiMembers`).query({ pageSize: '3', page: '2' }).reply(200, roles(4, 3))
      .get(`${API}/system/apiMembers`).query({ pageSize: '3', page: '3' }).reply(200, roles(7, 1));
    const { client } = makeClient({ pageSize: 3 });
    expect((await client.listApiMembers()).length).toBe(7);
    expect(scope.isDone()).toBe(true);
    await client.close();
  });

  it('fails (does not hang) on a Link chain that points back to a page already read', async () => {
    nockDiscovery();
    nockApi().get(`${API}/system/securityroles`).query(true).times(3)
      .reply(200, roles(1, 2), { link: link(1, undefined, 2) });
    const { client } = makeClient({ pageSize: 2 });
    const error = await client.listSecurityRoles().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PsaApiError);
    expect((error as PsaApiError).message).toMatch(/GET \/system\/securityroles: .*already read/);
    expect((error as PsaApiError).exitCode).toBe(4);
    await client.close();
  });

  it('fails on a Link chain that runs past its announced last page', async () => {
    nockDiscovery();
    let page = 0;
    nockApi().get(`${API}/system/securityroles`).query(true).times(50).reply(() => {
      page++;
      return [200, roles(page * 2, 2), { link: link(page + 1, 3, 2) }];
    });
    const { client } = makeClient({ pageSize: 2 });
    await expect(client.listSecurityRoles()).rejects.toThrow(/did not end after 5 pages/);
    expect(page).toBe(5);
    await client.close();
  });

  it('refuses a Link rel="next" to another origin (credentials stay on the PSA)', async () => {
    nockDiscovery();
    nockApi().get(`${API}/system/securityroles`).query(true)
      .reply(200, roles(1, 2), { link: '<https://evil.example.com/steal?page=2>; rel="next"' });
    const { client } = makeClient({ pageSize: 2 });
    await expect(client.listSecurityRoles()).rejects.toThrow(/another origin \(https:\/\/evil\.example\.com\)/);
    await client.close();
  });

  it('retries a connection reset on page 2 and returns the complete listing', async () => {
    nockDiscovery();
    const scope = nockApi()
      .get(`${API}/system/securityRoles/12/settings`).query({ pageSize: '2', page: '1' })
      .reply(200, roles(1, 2), { link: `<${SITE}${API}/system/securityRoles/12/settings?pageSize=2&page=2>; rel="next"` })
      .get(`${API}/system/securityRoles/12/settings`).query({ pageSize: '2', page: '2' })
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .get(`${API}/system/securityRoles/12/settings`).query({ pageSize: '2', page: '2' })
      .reply(200, roles(3, 1));
    const { client, sleeps } = makeClient({ pageSize: 2 });
    const got = await client.listRoleSettings(12);
    expect(got.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(scope.isDone()).toBe(true);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeLessThanOrEqual(200);
    expect(client.requestCount()).toBe(4);
    await client.close();
  });

  it('waits out a 429 Retry-After (seconds) and continues the listing', async () => {
    nockDiscovery();
    nockApi()
      .get(`${API}/system/securityroles`).query(true)
      .reply(429, { error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 7 seconds.' }, { 'retry-after': '7' })
      .get(`${API}/system/securityroles`).query(true).reply(200, roles(1, 3));
    const { client, sleeps } = makeClient();
    expect((await client.listSecurityRoles()).length).toBe(3);
    expect(sleeps).toEqual([7000]);
    await client.close();
  });

  it('honours a Retry-After given as an HTTP-date', async () => {
    nockDiscovery();
    const at = new Date(Date.now() + 4000).toUTCString();
    nockApi()
      .get(`${API}/system/info`).reply(429, { error: 'ConnectWiseAPI', message: 'slow down' }, { 'retry-after': at })
      .get(`${API}/system/info`).reply(200, { version: 'v', isCloud: true });
    const { client, sleeps } = makeClient();
    await client.systemInfo();
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(2000);
    expect(sleeps[0]).toBeLessThanOrEqual(4000);
    await client.close();
  });

  it('gives up on 429 after the configured retries with a rate-limit error', async () => {
    nockDiscovery();
    nockApi().get(`${API}/system/info`).times(3).reply(429, { error: 'ConnectWiseAPI', message: 'Too many requests.' }, { 'retry-after': '1' });
    const { client, sleeps } = makeClient({ retry: { retries: 2 } });
    const error = (await client.systemInfo().catch((e: unknown) => e)) as PsaApiError;
    expect(error.code).toBe('psa-rate-limited');
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/still rate limited after 3 attempts/);
    expect(sleeps).toEqual([1000, 1000]);
    await client.close();
  });

  it('retries 500/502/503/504 with growing jittered backoff, then succeeds', async () => {
    nockDiscovery();
    nockApi()
      .get(`${API}/system/info`).reply(500, { code: 'x', message: 'boom' })
      .get(`${API}/system/info`).reply(502, '<html>bad gateway</html>', { 'content-type': 'text/html' })
      .get(`${API}/system/info`).reply(503, '')
      .get(`${API}/system/info`).reply(504, '')
      .get(`${API}/system/info`).reply(200, { version: 'ok', isCloud: true });
    const { client, sleeps } = makeClient({ retry: { baseDelayMs: 100, maxDelayMs: 250 } });
    expect((await client.systemInfo()).version).toBe('ok');
    expect(sleeps).toHaveLength(4);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(250);
    await client.close();
  });

  it('retries a 2xx whose JSON is cut short', async () => {
    nockDiscovery();
    nockApi()
      .get(`${API}/system/securityroles`).query(true).reply(200, '[{"id":1,"name":"Ad', { 'content-type': 'application/json' })
      .get(`${API}/system/securityroles`).query(true).reply(200, [{ id: 1, name: 'Admin' }]);
    const { client, sleeps } = makeClient();
    expect((await client.listSecurityRoles())[0]?.name).toBe('Admin');
    expect(sleeps).toHaveLength(1);
    await client.close();
  });

  it('rejects an HTML page with "expected JSON, got text/html"', async () => {
    nockDiscovery();
    nockApi().get(`${API}/system/securityroles`).query(true)
      .reply(200, '<!doctype html><html><head><title>Sign in</title></head><body>login</body></html>', { 'content-type': 'text/html; charset=utf-8' });
    const { client } = makeClient();
    const error = (await client.listSecurityRoles().catch((e: unknown) => e)) as PsaApiError;
    expect(error).toBeInstanceOf(PsaApiError);
    expect(error.message).toBe('GET /system/securityroles: expected JSON, got text/html ("Sign in") (status 200)');
    expect(error.code).toBe('psa-bad-response');
    await client.close();
  });

  it('rejects a list endpoint answering an object, and a 200 carrying an error body', async () => {
    nockDiscovery();
    nockApi()
      .get(`${API}/system/securityroles`).query(true).reply(200, { id: 1, name: 'not a list' })
      .get(`${API}/system/apiMembers`).query(true).reply(200, { code: 'ConnectWiseApi', message: 'UserNotAuthenticated' })
      .get(`${API}/system/securityroles/3`).reply(200, [{ id: 3 }]);
    const { client } = makeClient();
    await expect(client.listSecurityRoles()).rejects.toThrow('GET /system/securityroles: expected a list, got an object');
    await expect(client.listApiMembers()).rejects.toThrow(/GET \/system\/apiMembers: the PSA answered 200 with an error: ConnectWiseApi: UserNotAuthenticated/);
    await expect(client.getSecurityRole(3)).rejects.toThrow('GET /system/securityroles/3: expected a record, got a list');
    await client.close();
  });

  it('times out a stalled server and reports it after the retries', async () => {
    nockDiscovery();
    nockApi().get(`${API}/system/info`).times(2).delay(400).reply(200, { version: 'late', isCloud: true });
    const { client } = makeClient({ requestTimeoutMs: 60, requestBudgetMs: 1000, retry: { retries: 1 } });
    const started = Date.now();
    const error = (await client.systemInfo().catch((e: unknown) => e)) as PsaApiError;
    expect(error.code).toBe('psa-timeout');
    expect(error.message).toMatch(/GET \/system\/info: no complete answer from https:\/\/api-na\.myconnectwise\.net within 60 ms \(2 attempts\)/);
    expect(Date.now() - started).toBeLessThan(1500);
    await client.close();
  });

  it('cancels a request in flight at once when the signal aborts, without retrying it', async () => {
    nockDiscovery();
    nockApi().get(`${API}/system/info`).delay(2000).reply(200, { version: 'late', isCloud: true });
    const controller = new AbortController();
    const { client, sleeps } = makeClient();
    const started = Date.now();
    const pending = client.systemInfo({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('interrupted by SIGTERM')), 50);
    await expect(pending).rejects.toThrow('interrupted by SIGTERM');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sleeps).toEqual([]);
    await client.close();
  });

  it('writes one debug line per attempt with method, path+query, status, ms and attempt, and never the keys', async () => {
    nockDiscovery();
    nockApi()
      .get(`${API}/system/securityroles`).query(true).reply(503, '')
      .get(`${API}/system/securityroles`).query(true).reply(200, roles(1, 2));
    const { client, debug } = makeClient();
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
    nockDiscovery();
    nockApi().get(`${API}/system/info`).reply(429, {}, { 'retry-after': '20' });
    const controller = new AbortController();
    const { client } = makeClient({
      sleep: (_ms, signal) => new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
      }),
    });
    const pending = client.systemInfo({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('interrupted by SIGINT')), 20);
    await expect(pending).rejects.toThrow('interrupted by SIGINT');
    await client.close();
  });
});
