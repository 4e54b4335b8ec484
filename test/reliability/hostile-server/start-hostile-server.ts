// A PSA that misbehaves: a node:http proxy in front of a real simulator that passes most requests through and
// answers the ones a rule picks with HTML, cut-short JSON, wrong types, a 200 carrying an error body, an
// endless or looping Link chain, a stall, a dropped socket, a redirect elsewhere or a hard 500. Loopback
// only (binds 127.0.0.1:0, forwards to a 127.0.0.1 upstream). Test code: never used by cwctl itself.
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type HostileMode =
  | 'html' | 'truncated' | 'wrong-types' | 'error-200' | 'endless-link' | 'self-link' | 'stall' | 'drop' | 'status-500'
  | 'redirect' | 'empty-200' | 'not-a-list';

export interface HostileRule {
  /** Method to match (default any). */
  method?: string;
  /** Tested against the path below apis/3.0 (or /login/...) without the query. */
  path: RegExp;
  mode: HostileMode;
  /** Misbehave this many times, then pass through (default: always). */
  times?: number;
  /** Send the request on to the simulator first (the write happens), then lose or mangle its answer. */
  forwardFirst?: boolean;
}

export interface HostileServer {
  url: string;
  /** Requests seen, and those a rule answered, by `METHOD path`. */
  seen: string[];
  hits: string[];
  setRules(rules: HostileRule[]): void;
  close(): Promise<void>;
}

const API = /^\/[^/]+\/apis\/3\.0(\/.*)$/;

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function misbehave(mode: HostileMode, req: IncomingMessage, res: ServerResponse, self: string): void {
  const url = new URL(req.url ?? '/', self);
  const json = { 'content-type': 'application/json; charset=utf-8' };
  switch (mode) {
    case 'html':
      return send(res, 200, { 'content-type': 'text/html' }, '<!DOCTYPE html><html><head><title>ConnectWise Manage - Login</title></head><body>Please log in</body></html>');
    case 'truncated':
      // No content-length: the body just stops, as a proxy cutting a response short would leave it.
      res.writeHead(200, json);
      res.end('[{"id":1,"name":"Admin","roleType":"","adminFlag":tr');
      return;
    case 'wrong-types':
      return send(res, 200, json, JSON.stringify([{ id: 'one', name: 12345, identifier: ['x'], adminFlag: 'yes', inactiveFlag: 'no', securityRole: 'Admin', _info: 7 }]));
    case 'not-a-list':
      return send(res, 200, json, JSON.stringify({ id: 1, name: 'a record where a list belongs' }));
    case 'error-200':
      return send(res, 200, json, JSON.stringify({ code: 'Unauthorized', message: 'Member is not authorized for this action', errors: null }));
    case 'empty-200':
      return send(res, 200, json, '');
    case 'endless-link': {
      const page = Number(url.searchParams.get('page') ?? '1');
      url.searchParams.set('page', String(page + 1));
      return send(res, 200, { ...json, link: `<${url.toString()}>; rel="next"` }, JSON.stringify([{ id: 100_000 + page, name: `Ghost ${page}`, identifier: `ghost${page}` }]));
    }
    case 'self-link':
      return send(res, 200, { ...json, link: `<${url.toString()}>; rel="next"` }, JSON.stringify([{ id: 99_999, name: 'Loop', identifier: 'loop' }]));
    case 'stall':
      return; // never answer; the socket stays open until the client gives up
    case 'drop':
      req.socket.destroy();
      return;
    case 'status-500':
      return send(res, 500, json, JSON.stringify({ code: 'UnexpectedError', message: 'An unexpected error has occurred', errors: null }));
    case 'redirect':
      return send(res, 302, { location: 'http://127.0.0.2:9/login?next=api' }, '');
  }
}

export async function startHostileServer(upstream: string, initialRules: HostileRule[] = []): Promise<HostileServer> {
  let rules = initialRules.map((r) => ({ ...r, left: r.times ?? Number.POSITIVE_INFINITY }));
  const seen: string[] = [];
  const hits: string[] = [];
  const sockets = new Set<Socket>();
  const up = new URL(upstream);
  let self = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', self);
    const apiPath = API.exec(url.pathname)?.[1] ?? url.pathname;
    const key = `${req.method ?? 'GET'} ${apiPath}`;
    seen.push(key);
    const rule = rules.find((r) => r.left > 0 && r.path.test(apiPath) && (r.method === undefined || r.method === req.method));
    if (rule) {
      rule.left--;
      hits.push(`${key} -> ${rule.forwardFirst ? 'forwarded, then ' : ''}${rule.mode}`);
      if (!rule.forwardFirst) {
        req.resume();
        misbehave(rule.mode, req, res, self);
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = { ...req.headers, host: up.host };
        const first = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers }, (upRes) => {
          upRes.resume();
          upRes.on('end', () => misbehave(rule.mode, req, res, self));
        });
        first.on('error', () => res.destroy());
        first.end(Buffer.concat(chunks));
      });
      return;
    }
    // Pass through to the simulator; its absolute Link URLs are rewritten to this origin (a client must not
    // follow links to another origin, and here the proxy is the PSA).
    const headers = { ...req.headers, host: up.host };
    const proxied = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers }, (upRes) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(upRes.headers)) {
        if (v === undefined) continue;
        out[k] = k === 'link' && typeof v === 'string' ? v.split(upstream).join(self) : v;
      }
      res.writeHead(upRes.statusCode ?? 502, out);
      upRes.pipe(res);
    });
    proxied.on('error', () => res.destroy());
    req.pipe(proxied);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    seen,
    hits,
    setRules(next) {
      rules = next.map((r) => ({ ...r, left: r.times ?? Number.POSITIVE_INFINITY }));
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
