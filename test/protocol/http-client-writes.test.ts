// Wire-level tests of writes and errors with nock (network disabled): POSTs that must not duplicate after
// a lost answer, DELETE retries, PATCH bodies, what 4xx answers become, and that no error leaks the keys.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CwctlError } from '../../src/errors.js';
import { PsaApiError } from '../../src/psa/errors.js';
import { createHttpPsaClient } from '../../src/psa/http-client.js';
import { API, BASIC, CLIENT_ID, COMPANY, PRIVATE_KEY, PUBLIC_KEY, SITE, makeClient, nockApi, nockDiscovery, renderError } from './psa-nock.js';

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const member = { id: 41, identifier: 'brightgauge', name: 'BrightGauge API', securityRole: { id: 7, name: 'BrightGaugeAPI' } };
const memberBody = { identifier: 'brightgauge', name: 'BrightGauge API', securityRole: { id: 7 } };

describe('POST without duplicates', () => {
  it('after a reset, finds the API member by identifier instead of posting again', async () => {
    nockDiscovery();
    let posts = 0;
    const scope = nockApi()
      .post(`${API}/system/apiMembers`, memberBody).reply(() => {
        posts++;
        // The server applied it, then the connection died before the answer arrived.
        return [500, ''];
      })
      .get(`${API}/system/apiMembers`).query({ conditions: 'identifier="brightgauge"', pageSize: '1000', page: '1' }).reply(200, [member]);
    const { client, debug } = makeClient();
    const created = await client.createApiMember(memberBody);
    expect(created).toEqual(member);
    expect(posts).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(debug.join('\n')).toMatch(/found by its natural key/);
    await client.close();
  });

  it('after ECONNRESET, finds the role by name; a missing record is posted again', async () => {
    nockDiscovery();
    const scope = nockApi()
      .post(`${API}/system/securityroles`, { name: 'BrightGaugeAPI' }).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .get(`${API}/system/securityroles`).query({ conditions: 'name="BrightGaugeAPI"', pageSize: '1000', page: '1' }).reply(200, [{ id: 9, name: 'BrightGaugeAPI' }])
      .post(`${API}/system/securityroles`, { name: 'Other' }).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .get(`${API}/system/securityroles`).query({ conditions: 'name="Other"', pageSize: '1000', page: '1' }).reply(200, [])
      .post(`${API}/system/securityroles`, { name: 'Other' }).reply(201, { id: 10, name: 'Other' });
    const { client } = makeClient();
    expect((await client.createSecurityRole({ name: 'BrightGaugeAPI' })).id).toBe(9);
    expect((await client.createSecurityRole({ name: 'Other' })).id).toBe(10);
    expect(scope.isDone()).toBe(true);
    await client.close();
  });

  it('after a timeout, finds the cross reference by (vendorType, vendorLevel) within its integration', async () => {
    nockDiscovery();
    const path = `${API}/company/managedDevicesIntegrations/3/crossReferences`;
    const body = { vendorType: 'Workstation', vendorLevel: 'Gold', configurationType: { id: 4 } };
    let posts = 0;
    nockApi()
      .post(path, body).delay(300).reply(() => {
        posts++;
        return [201, { id: 77, ...body }];
      })
      .get(path).query({ conditions: 'vendorType="Workstation"', pageSize: '1000', page: '1' })
      .reply(200, [{ id: 76, vendorType: 'Workstation', vendorLevel: 'Silver' }, { id: 77, vendorType: 'Workstation', vendorLevel: 'Gold' }]);
    const { client } = makeClient({ requestTimeoutMs: 80, requestBudgetMs: 2000 });
    const got = await client.createCrossReference(3, body);
    expect(got.id).toBe(77);
    expect(posts).toBeLessThanOrEqual(1);
    await client.close();
  });

  it('after a 502, finds the managed-devices integration by name', async () => {
    nockDiscovery();
    nockApi()
      .post(`${API}/company/managedDevicesIntegrations`).reply(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' })
      .get(`${API}/company/managedDevicesIntegrations`).query({ conditions: 'name="Datto RMM"', pageSize: '1000', page: '1' })
      .reply(200, [{ id: 5, name: 'DATTO RMM', solution: 'Datto RMM', loginBy: 'Global', defaultBillingLevel: 'Detail' }]);
    const { client } = makeClient();
    const got = await client.createManagedDevicesIntegration({ name: 'Datto RMM', solution: 'Datto RMM', loginBy: 'Global', defaultBillingLevel: 'Detail' });
    expect(got.id).toBe(5);
    await client.close();
  });

  it('does not recheck after a 429 (the request was refused, not applied) and posts once more', async () => {
    nockDiscovery();
    const scope = nockApi()
      .post(`${API}/system/securityroles`).reply(429, { error: 'ConnectWiseAPI', message: 'Too many requests' }, { 'retry-after': '2' })
      .post(`${API}/system/securityroles`).reply(201, { id: 12, name: 'R' });
    const { client, sleeps } = makeClient();
    expect((await client.createSecurityRole({ name: 'R' })).id).toBe(12);
    expect(sleeps).toEqual([2000]);
    expect(scope.isDone()).toBe(true);
    await client.close();
  });
});

describe('other writes', () => {
  it('PATCHes with a JSON array body and Content-Type', async () => {
    nockDiscovery();
    const patch = [{ op: 'replace' as const, path: 'inactiveFlag', value: true }];
    const scope = nockApi().matchHeader('content-type', 'application/json')
      .patch(`${API}/system/apiMembers/41`, patch).reply(200, { ...member, inactiveFlag: true });
    const { client } = makeClient();
    expect((await client.patchApiMember(41, patch)).inactiveFlag).toBe(true);
    expect(scope.isDone()).toBe(true);
    await client.close();
  });

  it('treats a 404 on a retried DELETE as done', async () => {
    nockDiscovery();
    const scope = nockApi()
      .delete(`${API}/system/securityroles/9`).replyWithError({ code: 'UND_ERR_SOCKET', message: 'other side closed' })
      .delete(`${API}/system/securityroles/9`).reply(404, { code: 'NotFound', message: 'securityRole not found' });
    const { client } = makeClient();
    await expect(client.deleteSecurityRole(9)).resolves.toBeUndefined();
    expect(scope.isDone()).toBe(true);
    await client.close();
  });

  it('reports a first-attempt DELETE 404 as not found', async () => {
    nockDiscovery();
    nockApi().delete(`${API}/company/managedDevicesIntegrations/3/crossReferences/8`).reply(404, { code: 'NotFound', message: 'crossReference not found' });
    const { client } = makeClient();
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
    nockDiscovery();
    nockApi().get(`${API}/system/securityroles`).query(true).reply(401, { code: 'Unauthorized', message: `bad auth header ${BASIC} for ${PRIVATE_KEY}` });
    const { client, sleeps } = makeClient();
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
    nockDiscovery();
    nockApi().get(`${API}/system/apiMembers/41`).reply(403, { code: 'Forbidden', message: 'You do not have access', errors: null });
    const { client } = makeClient();
    const error = (await client.getApiMember(41).catch((e: unknown) => e)) as PsaApiError;
    expect(error.message).toMatch(/^GET \/system\/apiMembers\/41 failed with 403 Forbidden: the API member's security role lacks the permission for members/);
    expect(error.psaCode).toBe('Forbidden');
    expectNoSecrets(error);
    await client.close();
  });

  it('404 on a GET is a clear not-found', async () => {
    nockDiscovery();
    nockApi().get(`${API}/system/securityroles/99`).reply(404, { code: 'NotFound', message: 'securityRole with id 99 not found' });
    const { client } = makeClient();
    const error = (await client.getSecurityRole(99).catch((e: unknown) => e)) as PsaApiError;
    expect(error.code).toBe('psa-not-found');
    expect(error.message).toMatch(/GET \/system\/securityroles\/99 failed with 404 Not Found: not found.*PSA says: securityRole with id 99 not found/);
    expectNoSecrets(error);
    await client.close();
  });

  it('400 lists the PSA field errors and is not retried', async () => {
    nockDiscovery();
    const body = {
      code: 'InvalidObject', message: 'apiMember object is invalid',
      errors: [
        { code: 'Required', message: 'The name field is required.', resource: 'apiMember', field: 'name' },
        { code: 'OutOfRange', message: 'identifier is longer than 15', resource: 'apiMember', field: 'identifier' },
      ],
    };
    const scope = nockApi().post(`${API}/system/apiMembers`).reply(400, body);
    const { client, sleeps } = makeClient();
    const error = (await client.createApiMember({ ...memberBody, identifier: 'way-too-long-identifier' }).catch((e: unknown) => e)) as PsaApiError;
    expect(error.message).toBe('POST /system/apiMembers failed with 400 Bad Request: the PSA rejected the request (InvalidObject): name: The name field is required.; identifier: identifier is longer than 15; fix the value in the YAML and plan again');
    expect(error.fieldErrors.map((f) => f.field)).toEqual(['name', 'identifier']);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ status: 400, method: 'POST', path: '/system/apiMembers', code: 'psa-invalid-request' });
    expect(sleeps).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expectNoSecrets(error);
    await client.close();
  });

  it('405 and 409 say what they mean', async () => {
    nockDiscovery();
    nockApi()
      .patch(`${API}/system/apiMembers/2`).reply(405, { code: 'MethodNotAllowed', message: 'no' })
      .delete(`${API}/system/securityroles/3`).reply(409, { code: 'Conflict', message: 'role is in use' });
    const { client } = makeClient();
    await expect(client.patchApiMember(2, [])).rejects.toThrow(/has no PATCH on this URL; this change can only be made in the PSA screens/);
    await expect(client.deleteSecurityRole(3)).rejects.toThrow(/409 Conflict: conflict.*PSA says: role is in use/);
    await client.close();
  });

  it('a refused connection says the site could not be reached, without retries', async () => {
    nock(SITE).get(`/login/companyinfo/${COMPANY}`).replyWithError({ code: 'ECONNREFUSED', message: `connect ECONNREFUSED ${PRIVATE_KEY}` });
    const { client, sleeps } = makeClient();
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
