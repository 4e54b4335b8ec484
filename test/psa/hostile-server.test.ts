// The HTTP client against a tiny hostile PSA on 127.0.0.1: answers bigger than the body cap (declared or
// streamed without end), a page far past its page size, listings past the row cap, ids that are not positive
// integers, a stalled and a trickling server, and a huge Retry-After. Every case must end in a PsaApiError (exit
// 4) naming the request, in bounded time, and the streamed cases within a bounded amount of memory.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PsaClient } from '../../src/psa/client.js';
import { PsaApiError } from '../../src/psa/errors.js';
import { createHttpPsaClient } from '../../src/psa/http-client.js';
import type { HttpPsaClientOptions } from '../../src/psa/http-client.js';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

let handler: Handler = (_req, res) => res.end('[]');
let url = '';
const server = createServer((req, res) => {
  const u = new URL(req.url ?? '/', url);
  if (u.pathname.startsWith('/login/companyinfo/')) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ CompanyName: 'Acme', Codebase: 'v2025_8/', CompanyID: 'acme' }));
    return;
  }
  handler(req, res, u);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(extra: Partial<HttpPsaClientOptions> = {}): PsaClient {
  return createHttpPsaClient({
    target: { site: url, company: 'acme' },
    credentials: { publicKey: 'pub', privateKey: 'priv-secret', clientId: 'cid' },
    retry: { retries: 5, baseDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  });
}

async function failure(run: () => Promise<unknown>): Promise<{ error: PsaApiError; ms: number }> {
  const started = performance.now();
  const error = await run().then(() => undefined, (e: unknown) => e);
  const ms = performance.now() - started;
  expect(error).toBeInstanceOf(PsaApiError);
  expect((error as PsaApiError).exitCode).toBe(4);
  return { error: error as PsaApiError, ms };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('a hostile PSA', () => {
  it('an endless streamed body is cut at the cap (1 MiB here), not buffered: exit 4, memory bounded', async () => {
    let sent = 0;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.write('[');
      const pump = (): void => {
        // 400 MiB if nobody stops reading; the client must stop after about one.
        while (sent < 400 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end(']');
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    };
    const c = client({ maxBodyBytes: 1024 * 1024 });
    const before = process.memoryUsage().rss;
    const { error } = await failure(() => c.listSecurityRoles());
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    await c.close();
    expect(error.message).toMatch(/GET \/system\/securityroles: the answer is larger than 1 MiB/);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(grown).toBeLessThan(64);
  });

  it('a Content-Length over the cap is refused before the body is read, and not retried', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
      res.write('[');
      // never finishes: the client must not wait for it
    };
    const c = client({ maxBodyBytes: 1024 * 1024 });
    const { error, ms } = await failure(() => c.listSecurityRoles());
    await c.close();
    expect(error.message).toMatch(/larger than 1 MiB \(Content-Length 67108864\)/);
    expect(requests).toBe(1);
    expect(ms).toBeLessThan(5000);
  });

  it('a 200,000-row page (page size 1000) is a clear exit 4, not a stack overflow', async () => {
    const rows = JSON.stringify(Array.from({ length: 200_000 }, (_, i) => ({ id: i + 1, name: `R${i}` })));
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(rows);
    };
    const c = client();
    const { error } = await failure(() => c.listSecurityRoles());
    await c.close();
    expect(error.message).toMatch(/GET \/system\/securityroles: a page of at most 1000 rows came back with 200000 rows/);
  });

  it('a listing past the row cap stops there (exit 4) however the pages are linked', async () => {
    handler = (_req, res, u) => {
      const page = Number(u.searchParams.get('page') ?? '1');
      const next = new URL(u.toString(), url);
      next.searchParams.set('page', String(page + 1));
      json(res, 200, Array.from({ length: 10 }, (_, i) => ({ id: page * 10 + i, name: `R${page}-${i}` })), { link: `<${next.toString()}>; rel="next"` });
    };
    const c = client({ pageSize: 10, maxListRows: 95 });
    const { error } = await failure(() => c.listSecurityRoles());
    await c.close();
    expect(error.message).toMatch(/GET \/system\/securityroles: the listing (passed 95 rows|did not end)/);
  });

  it('an announced last page past the row cap is refused after one page', async () => {
    let requests = 0;
    handler = (_req, res, u) => {
      requests++;
      const last = new URL(u.toString(), url);
      last.searchParams.set('page', '1000000');
      const next = new URL(u.toString(), url);
      next.searchParams.set('page', '2');
      json(res, 200, [{ id: 1, name: 'A' }, { id: 2, name: 'B' }], { link: `<${next.toString()}>; rel="next", <${last.toString()}>; rel="last"` });
    };
    const c = client({ pageSize: 2, maxListRows: 1000 });
    const { error } = await failure(() => c.listSecurityRoles());
    await c.close();
    expect(error.message).toMatch(/announces 1000000 pages/);
    expect(requests).toBe(1);
  });

  it.each([
    ['zero', 0],
    ['negative', -4],
    ['fractional', 2.5],
    ['a string', '12'],
  ])('a listed id that is %s is exit 4 naming the field', async (_name, id) => {
    handler = (_req, res) => json(res, 200, [{ id: 1, name: 'A' }, { id, name: 'B' }]);
    const c = client();
    const { error } = await failure(() => c.listSecurityRoles());
    await c.close();
    expect(error.message).toMatch(/item 1: field 'id' is .*expected a positive integer id/);
  });

  it('a created record whose id is not a positive integer is exit 4', async () => {
    handler = (_req, res) => json(res, 201, { id: -1, name: 'X' });
    const c = client();
    const { error } = await failure(() => c.createSecurityRole({ name: 'X' }));
    await c.close();
    expect(error.message).toMatch(/POST \/system\/securityroles: expected a record with a positive integer id, got -1/);
  });

  it('a stalled server ends within the budget of one request (twice its timeout), retries included', async () => {
    let requests = 0;
    handler = () => {
      requests++; // never answers
    };
    const c = client({ requestTimeoutMs: 250 });
    const { error, ms } = await failure(() => c.systemInfo());
    await c.close();
    expect(error.code).toBe('psa-timeout');
    expect(requests).toBeGreaterThanOrEqual(2);
    // 2 x 250 ms budget plus scheduling slack; with the defaults (20 s timeout) that is 40 s, well under a minute.
    expect(ms).toBeLessThan(1500);
  });

  it('a trickling server (a byte every 40 ms, never done) ends within the budget too', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const timer = setInterval(() => res.write(' '), 40);
      res.on('close', () => clearInterval(timer));
    };
    const c = client({ requestTimeoutMs: 250 });
    const { error, ms } = await failure(() => c.listSecurityRoles());
    await c.close();
    expect(error.code).toBe('psa-timeout');
    expect(ms).toBeLessThan(1500);
  });

  it('a Retry-After of an hour is not waited for: exit 4 at once, saying what was asked', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests++;
      json(res, 429, { error: 'ConnectWiseAPI', message: 'Too many requests.' }, { 'retry-after': '3600' });
    };
    const slept: number[] = [];
    const c = client({ sleep: (ms) => { slept.push(ms); return Promise.resolve(); } });
    const { error, ms } = await failure(() => c.systemInfo());
    await c.close();
    expect(error.code).toBe('psa-rate-limited');
    expect(error.message).toMatch(/asked to wait 3600s/);
    expect(requests).toBe(1);
    expect(slept).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it('a Retry-After within the budget is waited for, and the request then succeeds', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests++;
      if (requests === 1) json(res, 429, { error: 'ConnectWiseAPI', message: 'Too many requests.' }, { 'retry-after': '2' });
      else json(res, 200, { version: 'v2025.8', isCloud: true });
    };
    const slept: number[] = [];
    const c = client({ sleep: (ms) => { slept.push(ms); return Promise.resolve(); } });
    await expect(c.systemInfo()).resolves.toMatchObject({ version: 'v2025.8' });
    await c.close();
    expect(slept).toEqual([2000]);
  });
});
