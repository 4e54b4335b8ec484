import { describe, expect, it } from 'vitest';
import { CwctlError } from '../errors.js';
import { isLoopbackHost, resolveSiteUrl } from './site-url.js';

describe('resolveSiteUrl', () => {
  it.each([
    ['api-na.myconnectwise.net', 'https://api-na.myconnectwise.net', ''],
    ['na.myconnectwise.net', 'https://api-na.myconnectwise.net', ''],
    ['https://EU.myconnectwise.net/', 'https://api-eu.myconnectwise.net', ''],
    ['aus.myconnectwise.net', 'https://api-aus.myconnectwise.net', ''],
    ['za.myconnectwise.net', 'https://api-za.myconnectwise.net', ''],
    ['staging.connectwisedev.com', 'https://api-staging.connectwisedev.com', ''],
    ['https://psa.example.com', 'https://psa.example.com', ''],
    ['https://psa.example.com:8443/cw/v4_6_release/apis/3.0/', 'https://psa.example.com:8443', '/cw'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010', ''],
    ['http://localhost:8080/', 'http://localhost:8080', ''],
    ['http://[::1]:3000', 'http://[::1]:3000', ''],
  ])('%s -> %s', (site, origin, prefix) => {
    const got = resolveSiteUrl(site);
    expect(got.origin).toBe(origin);
    expect(got.pathPrefix).toBe(prefix);
  });

  it('notes the api- prefix for the debug log', () => {
    expect(resolveSiteUrl('na.myconnectwise.net').notes[0]).toMatch(/api-na\.myconnectwise\.net/);
    expect(resolveSiteUrl('api-na.myconnectwise.net').notes).toEqual([]);
  });

  it.each([
    ['http://psa.example.com', /refusing plain http to psa\.example\.com: the PSA API requires TLS/],
    ['http://10.0.0.5', /requires TLS/],
    ['http://128.0.0.1', /requires TLS/],
    ['ftp://psa.example.com', /scheme ftp: is not supported/],
    ['https://user:pw@psa.example.com', /contains a user name or password/],
    ['https://psa.example.com/?x=1', /query or fragment/],
    ['', /empty/],
  ])('refuses %s with exit 3', (site, message) => {
    let error: unknown;
    try {
      resolveSiteUrl(site);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CwctlError);
    expect((error as CwctlError).exitCode).toBe(3);
    expect((error as CwctlError).message).toMatch(message);
    expect((error as CwctlError).message).not.toContain('pw@');
  });

  it('knows loopback', () => {
    expect(['127.0.0.1', '127.8.9.10', 'localhost', '[::1]', 'api.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['127.0.0.256', '10.0.0.1', 'localhost.example.com', '::2'].some(isLoopbackHost)).toBe(false);
  });
});
