// The endpoint table as the client exposes it: every row is a method of every client (derived ones too), on the
// prototype like a written-out method (nothing enumerable on the instance), and ids are checked before any request.
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from './endpoints.js';
import { createHttpPsaClient } from './http-client.js';

const client = createHttpPsaClient({
  target: { site: 'http://127.0.0.1:9', company: 'acme' },
  credentials: { publicKey: 'pub', privateKey: 'private-key-value', clientId: 'client-id' },
});

describe('ENDPOINTS on the HTTP client', () => {
  it('installs every row as a non-enumerable method, on derived clients too', () => {
    const names = Object.keys(ENDPOINTS);
    expect(names).toEqual(expect.arrayContaining(['systemInfo', 'listSecurityRoles', 'createApiMember', 'deleteCrossReference']));
    const derived = client.withCredentials({ publicKey: 'p2', privateKey: 'k2' });
    for (const name of names) {
      expect(typeof Reflect.get(client, name), name).toBe('function');
      expect(typeof Reflect.get(derived, name), name).toBe('function');
    }
    expect(Object.keys(client)).toEqual([]);
    expect(JSON.stringify(client)).not.toContain('private-key-value');
  });

  it('refuses an invalid id at the call, before discovery or any request', () => {
    expect(() => client.getSecurityRole(-1)).toThrow(/invalid PSA record id -1/);
    expect(() => client.deleteCrossReference(3, 1.5)).toThrow(/invalid PSA record id 1.5/);
    expect(client.requestCount()).toBe(0);
  });
});
