// Wire-level tests of writes and errors with undici's MockAgent (network disabled), passed to the client as its
// dispatcher: the client sends with undici's dispatcher API, which nock does not intercept. POSTs that must not
// duplicate after a lost answer, DELETE retries, PATCH bodies, what 4xx answers become, and that no error leaks the keys.
import { afterEach, describe, expect, it } from 'vitest';
import { CwctlError } from '../../src/errors.js';
import { PsaApiError } from '../../src/psa/errors.js';
import { createHttpPsaClient } from '../../src/psa/http-client.js';
import {
  API, BASIC, CLIENT_ID, COMPANY, PRIVATE_KEY, PUBLIC_KEY, anyQuery, closeMockAgents, interceptApi, json, jsonBody, makeClient, mockDiscovery, netError, renderError,
} from './psa-mock.js';

afterEach(async () => {
  await closeMockAgents();
});

const member = { id: 41, identifier: 'brightgauge', name: 'BrightGauge API', securityRole: { id: 7, name: 'BrightGaugeAPI' } };
const memberBody = { identifier: 'brightgauge', name: 'BrightGauge API', securityRole: { id: 7 } };

describe('POST without duplicates', () => {
  it('after a reset, finds the API member by identifier instead of posting again', async () => {
    const { client, debug, mockAgent, pool } = makeClient();
    mockDiscovery(pool);
    let posts = 0;
    interceptApi(pool, { path: `${API}/system/apiMembers`, method: 'POST', body: jsonBody(memberBody) }).reply(() => {
      posts++;
      // The server applied it, then the connection died before the answer arrived.
      return { statusCode: 500, data: '' };
    });
    interceptApi(pool, { path: `${API}/system/apiMembers`, query: { conditions: 'identifier="brightgauge"', pageSize: '1000', page: '1' } }).reply(200, [member], json());
    const created = await client.createApiMember(memberBody);
    expect(created).toEqual(member);
    expect(posts).toBe(1);
    mockAgent.assertNoPendingInterceptors();
    expect(debug.join('\n')).toMatch(/found by its natural key/);
    await client.close();
  });

  it('after ECONNRESET, finds the role by name; a missing record is posted again', async () => {
    const { client, mockAgent, pool } = makeClient();
    mockDiscovery(pool);
    const path = `${API}/system/securityroles`;
    interceptApi(pool, { path, method: 'POST', body: jsonBody({ name: 'BrightGaugeAPI' }) }).replyWithError(netError('ECONNRESET', 'socket hang up'));
    interceptApi(pool, { path, query: { conditions: 'name="BrightGaugeAPI"', pageSize: '1000', page: '1' } }).reply(200, [{ id: 9, name: 'BrightGaugeAPI' }], json());
    interceptApi(pool, { path, method: 'POST', body: jsonBody({ name: 'Other' }) }).replyWithError(netError('ECONNRESET', 'socket hang up'));
    interceptApi(pool, { path, query: { conditions: 'name="Other"', pageSize: '1000', page: '1' } }).reply(200, [], json());
    interceptApi(pool, { path, method: 'POST', body: jsonBody({ name: 'Other' }) }).reply(201, { id: 10, name: 'Other' }, json());
    expect((await client.createSecurityRole({ name: 'BrightGaugeAPI' })).id).toBe(9);
    expect((await client.createSecurityRole({ name: 'Other' })).id).toBe(10);
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('after a timeout, finds the cross reference by (vendorType, vendorLevel) within its integration', async () => {
    const { client, pool } = makeClient({ requestTimeoutMs: 80, requestBudgetMs: 2000 });
    mockDiscovery(pool);
    const path = `${API}/company/managedDevicesIntegrations/3/crossReferences`;
    const body = { vendorType: 'Workstation', vendorLevel: 'Gold', configurationType: { id: 4 } };
    let posts = 0;
    // persist: every POST that arrives is counted (and answered, too late), so a second one would show in `posts`.
    interceptApi(pool, { path, method: 'POST', body: jsonBody(body) }).reply(() => {
      posts++;
      return { statusCode: 201, data: { id: 77, ...body }, responseOptions: json() };
    }).delay(300).persist();
    interceptApi(pool, { path, query: { conditions: 'vendorType="Workstation"', pageSize: '1000', page: '1' } })
      .reply(200, [{ id: 76, vendorType: 'Workstation', vendorLevel: 'Silver' }, { id: 77, vendorType: 'Workstation', vendorLevel: 'Gold' }], json());
    const got = await client.createCrossReference(3, body);
    expect(got.id).toBe(77);
    expect(posts).toBeLessThanOrEqual(1);
    await client.close();
  });

  it('after a 502, finds the managed-devices integration by name', async () => {
    const { client, pool } = makeClient();
    mockDiscovery(pool);
    const path = `${API}/company/managedDevicesIntegrations`;
    interceptApi(pool, { path, method: 'POST' }).reply(502, '<html>Bad gateway</html>', { headers: { 'content-type': 'text/html' } });
    interceptApi(pool, { path, query: { conditions: 'name="Datto RMM"', pageSize: '1000', page: '1' } })
      .reply(200, [{ id: 5, name: 'DATTO RMM', solution: 'Datto RMM', loginBy: 'Global', defaultBillingLevel: 'Detail' }], json());
    const got = await client.createManagedDevicesIntegration({ name: 'Datto RMM', solution: 'Datto RMM', loginBy: 'Global', defaultBillingLevel: 'Detail' });
    expect(got.id).toBe(5);
    await client.close();
  });

  it('does not recheck after a 429 (the request was refused, not applied) and posts once more', async () => {
    const { client, sleeps, mockAgent, pool } = makeClient();
    mockDiscovery(pool);
    const path = `${API}/system/securityroles`;
    interceptApi(pool, { path, method: 'POST' }).reply(429, { error: 'ConnectWiseAPI', message: 'Too many requests' }, json({ 'retry-after': '2' }));
    interceptApi(pool, { path, method: 'POST' }).reply(201, { id: 12, name: 'R' }, json());
    expect((await client.createSecurityRole({ name: 'R' })).id).toBe(12);
    expect(sleeps).toEqual([2000]);
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });
});

describe('other writes', () => {
  it('PATCHes with a JSON array body and Content-Type', async () => {
    const { client, mockAgent, pool } = makeClient();
    mockDiscovery(pool);
    const patch = [{ op: 'replace' as const, path: 'inactiveFlag', value: true }];
    interceptApi(pool, { path: `${API}/system/apiMembers/41`, method: 'PATCH', body: jsonBody(patch), headers: { 'content-type': 'application/json' } })
      .reply(200, { ...member, inactiveFlag: true }, json());
    expect((await client.patchApiMember(41, patch)).inactiveFlag).toBe(true);
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('treats a 404 on a retried DELETE as done', async () => {
    const { client, mockAgent, pool } = makeClient();
    mockDiscovery(pool);
    const path = `${API}/system/securityroles/9`;
    interceptApi(pool, { path, method: 'DELETE' }).replyWithError(netError('UND_ERR_SOCKET', 'other side closed'));
    interceptApi(pool, { path, method: 'DELETE' }).reply(404, { code: 'NotFound', message: 'securityRole not found' }, json());
    await expect(client.deleteSecurityRole(9)).resolves.toBeUndefined();
    mockAgent.assertNoPendingInterceptors();
    await client.close();
  });

  it('reports a first-attempt DELETE 404 as not found', async () => {
    const { client, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: `${API}/company/managedDevicesIntegrations/3/crossReferences/8`, method: 'DELETE' })
      .reply(404, { code: 'NotFound', message: 'crossReference not found' }, json());
    await expect(client.deleteCrossReference(3, 8)).rejects.toThrow(/DELETE \/company\/managedDevicesIntegrations\/3\/crossReferences\/8 failed with 404 Not Found: not found/);
    await client.close();
  });
});

describe('errors', () => {
  const expectNoSecrets = (error: unknown): void => {
    const text = renderError(error);
    expect(text).not.toContain(PRIVATE_KEY);
    expect(text).not.toContain(PUBLIC_KEY);
    expect(text).not.toContain('Basic ');
    expect(text).not.toContain(BASIC.slice(6));
  };

  it('401 names the request and the keys to check, and is not retried', async () => {
    const { client, sleeps, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: anyQuery(`${API}/system/securityroles`) }).reply(401, { code: 'Unauthorized', message: `bad auth header ${BASIC} for ${PRIVATE_KEY}` }, json());
    const error = (await client.listSecurityRoles().catch((e: unknown) => e)) as PsaApiError;
    expect(error).toBeInstanceOf(PsaApiError);
    expect(error).toBeInstanceOf(CwctlError);
    expect(error.exitCode).toBe(4);
    expect(error.status).toBe(401);
    expect(error.method).toBe('GET');
    expect(error.path).toBe('/system/securityroles');
    expect(error.message).toMatch(/^GET \/system\/securityroles failed with 401 Unauthorized: the API keys were refused: check CWCTL_PUBLIC_KEY\/CWCTL_PRIVATE_KEY and the company id \(acme\)/);
    expect(sleeps).toEqual([]);
    expectNoSecrets(error);
    await client.close();
  });

  it('403 says the security role lacks the permission', async () => {
    const { client, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: `${API}/system/apiMembers/41` }).reply(403, { code: 'Forbidden', message: 'You do not have access', errors: null }, json());
    const error = (await client.getApiMember(41).catch((e: unknown) => e)) as PsaApiError;
    expect(error.message).toMatch(/^GET \/system\/apiMembers\/41 failed with 403 Forbidden: the API member's security role lacks the permission for members/);
    expect(error.psaCode).toBe('Forbidden');
    expectNoSecrets(error);
    await client.close();
  });

  it('404 on a GET is a clear not-found', async () => {
    const { client, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: `${API}/system/securityroles/99` }).reply(404, { code: 'NotFound', message: 'securityRole with id 99 not found' }, json());
    const error = (await client.getSecurityRole(99).catch((e: unknown) => e)) as PsaApiError;
    expect(error.code).toBe('psa-not-found');
    expect(error.message).toMatch(/GET \/system\/securityroles\/99 failed with 404 Not Found: not found.*PSA says: securityRole with id 99 not found/);
    expectNoSecrets(error);
    await client.close();
  });

  it('400 lists the PSA field errors and is not retried', async () => {
    const { client, sleeps, mockAgent, pool } = makeClient();
    mockDiscovery(pool);
    const body = {
      code: 'InvalidObject', message: 'apiMember object is invalid',
      errors: [
        { code: 'Required', message: 'The name field is required.', resource: 'apiMember', field: 'name' },
        { code: 'OutOfRange', message: 'identifier is longer than 15', resource: 'apiMember', field: 'identifier' },
      ],
    };
    interceptApi(pool, { path: `${API}/system/apiMembers`, method: 'POST' }).reply(400, body, json());
    const error = (await client.createApiMember({ ...memberBody, identifier: 'way-too-long-identifier' }).catch((e: unknown) => e)) as PsaApiError;
    expect(error.message).toBe('POST /system/apiMembers failed with 400 Bad Request: the PSA rejected the request (InvalidObject): name: The name field is required.; identifier: identifier is longer than 15; fix the value in the YAML and plan again');
    expect(error.fieldErrors.map((f) => f.field)).toEqual(['name', 'identifier']);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ status: 400, method: 'POST', path: '/system/apiMembers', code: 'psa-invalid-request' });
    expect(sleeps).toEqual([]);
    mockAgent.assertNoPendingInterceptors();
    expectNoSecrets(error);
    await client.close();
  });

  it('405 and 409 say what they mean', async () => {
    const { client, pool } = makeClient();
    mockDiscovery(pool);
    interceptApi(pool, { path: `${API}/system/apiMembers/2`, method: 'PATCH' }).reply(405, { code: 'MethodNotAllowed', message: 'no' }, json());
    interceptApi(pool, { path: `${API}/system/securityroles/3`, method: 'DELETE' }).reply(409, { code: 'Conflict', message: 'role is in use' }, json());
    await expect(client.patchApiMember(2, [])).rejects.toThrow(/has no PATCH on this URL; this change can only be made in the PSA screens/);
    await expect(client.deleteSecurityRole(3)).rejects.toThrow(/409 Conflict: conflict.*PSA says: role is in use/);
    await client.close();
  });

  it('a refused connection says the site could not be reached, without retries', async () => {
    const { client, sleeps, pool } = makeClient();
    pool.intercept({ path: `/login/companyinfo/${COMPANY}` }).replyWithError(netError('ECONNREFUSED', `connect ECONNREFUSED ${PRIVATE_KEY}`));
    const error = (await client.listSecurityRoles().catch((e: unknown) => e)) as PsaApiError;
    expect(error.message).toBe('GET /login/companyinfo/acme: could not reach https://api-na.myconnectwise.net (connection refused): check psa.site and that the PSA is up');
    expect(error.code).toBe('psa-unreachable');
    expect(sleeps).toEqual([]);
    expectNoSecrets(error);
    await client.close();
  });

  it('nothing enumerable on the client holds the keys', async () => {
    const { client } = makeClient();
    const shown = JSON.stringify(client) + String(Object.keys(client)) + JSON.stringify(client.withCredentials({ publicKey: 'a', privateKey: 'secretsecret', clientId: CLIENT_ID }));
    expect(shown).not.toContain(PRIVATE_KEY);
    expect(shown).not.toContain('secretsecret');
    await client.close();
  });

  it('refuses plain http to a non-loopback host (exit 3) and accepts it for loopback', () => {
    const credentials = { publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY, clientId: CLIENT_ID };
    let error: unknown;
    try {
      createHttpPsaClient({ target: { site: 'http://psa.example.com', company: COMPANY }, credentials });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CwctlError);
    expect((error as CwctlError).exitCode).toBe(3);
    expect((error as CwctlError).message).toMatch(/refusing plain http to psa\.example\.com: the PSA API requires TLS/);
    const local = createHttpPsaClient({ target: { site: 'http://127.0.0.1:9', company: COMPANY }, credentials });
    expect(local.target.site).toBe('http://127.0.0.1:9');
    return local.close();
  });

  it('a closed client refuses to send', async () => {
    const { client } = makeClient();
    await client.close();
    await expect(client.systemInfo()).rejects.toThrow(/the PSA client was closed/);
  });
});
