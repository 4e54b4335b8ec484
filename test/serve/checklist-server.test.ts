// The --serve checklist server with a fake feed: what it answers, what it refuses, and that it ends cleanly.
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isCwctlError } from '../../src/errors.js';
import type { LiveChecklistSnapshot } from '../../src/model/live-checklist.js';
import type { ChecklistServer } from '../../src/cli/serve/checklist-server.js';
import { CONTENT_SECURITY_POLICY, parseServePort, startChecklistServer } from '../../src/cli/serve/checklist-server.js';
import { FakeFeed, sampleSnapshot } from './fake-feed.js';

interface Reply { status: number; headers: IncomingHttpHeaders; body: string }

function get(port: number, path: string, options: { host?: string; method?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The status of a request written byte for byte (to send what an HTTP client would not). */
function rawStatus(port: number, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

/** Opens /events and hands back each snapshot event as it arrives, and whether the stream has ended. */
function openEvents(port: number): Promise<{ snapshots: LiveChecklistSnapshot[]; next: (count: number) => Promise<void>; ended: Promise<void>; status: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/events', headers: { host: `localhost:${port}`, accept: 'text/event-stream' }, agent: false }, (res) => {
      const snapshots: LiveChecklistSnapshot[] = [];
      const waiters: { count: number; done: () => void }[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((l) => l.startsWith('data: '));
          if (message.includes('event: snapshot') && data) snapshots.push(JSON.parse(data.slice(6)) as LiveChecklistSnapshot);
        }
        for (const w of waiters.filter((w) => snapshots.length >= w.count)) w.done();
      });
      const ended = new Promise<void>((done) => res.on('end', done));
      resolve({
        snapshots,
        status: res.statusCode ?? 0,
        ended,
        next: (count) => new Promise<void>((done) => (snapshots.length >= count ? done() : waiters.push({ count, done }))),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

let server: ChecklistServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('checklist server', () => {
  it('listens on 127.0.0.1 at a free port when asked for port 0 and says where', async () => {
    server = await startChecklistServer({ feed: new FakeFeed(sampleSnapshot()), port: 0 });
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves the page, its script and the snapshot with a strict CSP, nosniff and no caching', async () => {
    const feed = new FakeFeed(sampleSnapshot());
    server = await startChecklistServer({ feed, port: 0 });
    const page = await get(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    // The shell has no inline script or style for the CSP to have to allow.
    expect(page.body).not.toMatch(/<script>|<style|\son\w+=/);
    expect(page.body).toContain('<script src="/app.js" defer></script>');

    const script = await get(server.port, '/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).not.toContain('innerHTML');

    const json = await get(server.port, '/checklist.json?x=1');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(JSON.parse(json.body)).toEqual(feed.current());
  });

  it('refuses a Host other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding)', async () => {
    server = await startChecklistServer({ feed: new FakeFeed(sampleSnapshot()), port: 0 });
    const port = server.port;
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`]) {
      const reply = await get(port, '/checklist.json', { host });
      expect(reply.status, host).toBe(421);
      expect(reply.body).not.toContain('BrightGaugeAPI');
    }
    expect((await get(port, '/checklist.json', { host: `LOCALHOST:${port}` })).status).toBe(200);
    // No Host, or an empty one (which http.request would fill in), written by hand.
    expect(await rawStatus(port, 'GET /checklist.json HTTP/1.1\r\nConnection: close\r\n\r\n')).toBe(400);
    expect(await rawStatus(port, 'GET /checklist.json HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n')).toBe(421);
  });

  it('answers GET and HEAD only, and 404 for anything else', async () => {
    server = await startChecklistServer({ feed: new FakeFeed(sampleSnapshot()), port: 0 });
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const reply = await get(server.port, '/checklist.json', { method });
      expect(reply.status, method).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD');
    }
    const head = await get(server.port, '/checklist.json', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get(server.port, '/../etc/passwd')).status).toBe(404);
  });

  it('pushes the current snapshot on connect and each new one after, then the final one on close', async () => {
    const feed = new FakeFeed(sampleSnapshot());
    server = await startChecklistServer({ feed, port: 0 });
    const events = await openEvents(server.port);
    expect(events.status).toBe(200);
    await events.next(1);
    expect(events.snapshots[0]?.revision).toBe(1);
    expect(server.eventClients()).toBe(1);

    feed.publish((s) => { s.groups[0]!.lines[0]!.status = 'done'; });
    await events.next(2);
    expect(events.snapshots[1]?.done).toBe(2);

    // apply ends: the feed's last snapshot says so, and close() makes sure every page got it before the stream ends.
    feed.publish((s) => { s.phase = 'stopped'; });
    const closing = server.close();
    await events.ended;
    await closing;
    expect(events.snapshots.at(-1)?.phase).toBe('stopped');
    expect(events.snapshots.map((s) => s.revision)).toEqual([1, 2, 3]);
    expect(feed.listenerCount()).toBe(0);
    await expect(get(server.port, '/')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('sends the final snapshot on close even when the feed published it to nobody', async () => {
    const feed = new FakeFeed(sampleSnapshot());
    server = await startChecklistServer({ feed, port: 0 });
    const events = await openEvents(server.port);
    await events.next(1);
    const unsubscribed = feed.subscribe(() => undefined);
    unsubscribed();
    // A snapshot the server's listener did not see (published before it subscribed, say) still goes out on close.
    (feed as unknown as { snapshot: LiveChecklistSnapshot }).snapshot = { ...feed.current(), revision: 9, phase: 'finished' };
    await server.close();
    await events.ended;
    expect(events.snapshots.at(-1)).toMatchObject({ revision: 9, phase: 'finished' });
  });

  it('closes with a stopped snapshot when the last one still says waiting (apply ended without saying so)', async () => {
    const feed = new FakeFeed(sampleSnapshot());
    server = await startChecklistServer({ feed, port: 0 });
    const events = await openEvents(server.port);
    await events.next(1);
    await server.close();
    await events.ended;
    expect(events.snapshots.map((s) => [s.revision, s.phase])).toEqual([[1, 'waiting'], [2, 'stopped']]);
  });

  it('caps the push clients: one too many gets a 503 (its page polls instead)', async () => {
    server = await startChecklistServer({ feed: new FakeFeed(sampleSnapshot()), port: 0, maxEventClients: 2 });
    const first = await openEvents(server.port);
    const second = await openEvents(server.port);
    await Promise.all([first.next(1), second.next(1)]);
    const third = await openEvents(server.port);
    expect(third.status).toBe(503);
    expect(server.eventClients()).toBe(2);
    expect((await get(server.port, '/checklist.json')).status).toBe(200);
  });

  it('says clearly when the port is in use (exit 3)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const error: unknown = await startChecklistServer({ feed: new FakeFeed(sampleSnapshot()), port: taken }).then(() => undefined, (e: unknown) => e);
      expect(isCwctlError(error)).toBe(true);
      expect(error).toMatchObject({ exitCode: 3, code: 'serve-port-in-use', message: `--serve: port ${taken} on 127.0.0.1 is already in use` });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('close() is idempotent and quick with a page still open', async () => {
    server = await startChecklistServer({ feed: new FakeFeed(sampleSnapshot()), port: 0 });
    const events = await openEvents(server.port);
    await events.next(1);
    const started = Date.now();
    await Promise.all([server.close(), server.close()]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(server.eventClients()).toBe(0);
  });
});

describe('parseServePort', () => {
  it('takes no value as any free port, and a number 0-65535', () => {
    expect(parseServePort(undefined)).toBe(0);
    expect(parseServePort('')).toBe(0);
    expect(parseServePort('8765')).toBe(8765);
    expect(parseServePort(0)).toBe(0);
  });

  it('refuses anything else as invalid input (exit 3)', () => {
    for (const bad of ['65536', '-1', 'abc', '80a', '1e3', 'plan.json']) {
      expect(() => parseServePort(bad), bad).toThrow(expect.objectContaining({ exitCode: 3, code: 'invalid-flags' }));
    }
  });
});
