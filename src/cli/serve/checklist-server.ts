// `apply --wait --serve`: the live checklist as a page on loopback, which a person keeps beside the PSA screens
// and which ticks itself off. Serves the page (/, /app.js, /app.css), the current snapshot (/checklist.json) and
// a push channel (/events, Server-Sent Events; the page polls when it cannot have one).
//
// Only ever on 127.0.0.1, read-only and careful, because any web page the person has open can aim requests at
// it: a Host other than 127.0.0.1:PORT / localhost:PORT is refused (DNS rebinding would otherwise let a
// remote site read the checklist), only GET and HEAD are answered, a strict Content-Security-Policy allows no
// inline script, nothing is cached and the number of push clients is capped. The checklist names roles and
// members; it carries no key or other secret (model/live-checklist.ts).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { CwctlError, ExitCode } from '../../errors.js';
import type { LiveChecklistFeed, LiveChecklistSnapshot } from '../../model/live-checklist.js';
import { PAGE_CSS, PAGE_HTML, PAGE_JS } from './page-assets.js';

export const LOOPBACK = '127.0.0.1';

export interface ChecklistServerOptions {
  feed: LiveChecklistFeed;
  /** 0 picks a free port. */
  port: number;
  /** Push clients at once; more get a 503 and their page polls instead. */
  maxEventClients?: number;
  /** A comment line on idle push streams, so proxies and the browser keep them open. */
  heartbeatMs?: number;
}

export interface ChecklistServer {
  /** e.g. `http://127.0.0.1:51234/`. */
  readonly url: string;
  readonly port: number;
  /** Open push streams (for tests and the cap). */
  eventClients(): number;
  /** Sends the final snapshot to every push client, ends their streams and stops the server. Idempotent. */
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const STATIC: Record<string, { type: string; body: string }> = {
  '/': { type: 'text/html; charset=utf-8', body: PAGE_HTML },
  '/app.js': { type: 'text/javascript; charset=utf-8', body: PAGE_JS },
  '/app.css': { type: 'text/css; charset=utf-8', body: PAGE_CSS },
};

/** A push client that has not read this much is stuck: it is dropped (its page polls) instead of growing memory. */
const MAX_BUFFERED_BYTES = 1 << 20;
/** How long close() lets open connections finish before cutting them. */
const CLOSE_GRACE_MS = 2000;

/** `--serve` with no value: any free port; otherwise a port number 0-65535. */
export function parseServePort(value: string | number | boolean | undefined): number {
  if (value === undefined || value === '' || value === true) return 0;
  const text = String(value).trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new CwctlError(`--serve takes a port number (0-65535), not "${text}"`, {
      exitCode: ExitCode.InvalidInput,
      code: 'invalid-flags',
      hint: 'e.g. --serve 8765, or --serve 0 (or just --serve) for any free port',
    });
  }
  return port;
}

const eventOf = (snapshot: LiveChecklistSnapshot): string => `event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`;

/** Starts the server on 127.0.0.1 (a port in use is a CwctlError saying so) and subscribes it to the feed. */
export async function startChecklistServer(options: ChecklistServerOptions): Promise<ChecklistServer> {
  const { feed } = options;
  const maxEventClients = options.maxEventClients ?? 16;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const clients = new Map<ServerResponse, { sentRevision: number }>();
  let port = options.port;
  let closing: Promise<void> | undefined;

  const allowedHosts = (): ReadonlySet<string> => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);

  function send(res: ServerResponse, status: number, type: string, body: string, head: boolean, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...extra });
    res.end(head ? undefined : body);
  }

  function push(res: ServerResponse, snapshot: LiveChecklistSnapshot): void {
    const client = clients.get(res);
    if (!client || client.sentRevision === snapshot.revision) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      clients.delete(res);
      res.destroy();
      return;
    }
    client.sentRevision = snapshot.revision;
    res.write(eventOf(snapshot));
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    if (closing || clients.size >= maxEventClients) {
      send(res, 503, 'text/plain; charset=utf-8', 'Too many open checklist pages; this one polls instead.\n', false, { 'Retry-After': '5' });
      return;
    }
    // Connection: close, so the socket goes as soon as close() ends the stream instead of idling in keep-alive.
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'close' });
    clients.set(res, { sentRevision: -1 });
    res.write('retry: 2000\n\n');
    push(res, feed.current());
    const forget = () => clients.delete(res);
    req.on('close', forget);
    res.on('error', forget);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(host)) {
      send(res, 421, 'text/plain; charset=utf-8', `This checklist answers only at http://${LOOPBACK}:${port}/\n`, false);
      return;
    }
    const method = req.method ?? '';
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'Read-only: GET and HEAD only.\n', false, { Allow: 'GET, HEAD' });
      return;
    }
    const head = method === 'HEAD';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const page = STATIC[path];
    if (page) return send(res, 200, page.type, page.body, head);
    if (path === '/checklist.json') return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(feed.current()), head);
    if (path === '/events' && !head) return openEvents(req, res);
    send(res, 404, 'text/plain; charset=utf-8', 'Not found.\n', head);
  }

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      // A snapshot that would not serialise, say: a 500 for this request, never a crashed apply.
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'The checklist server failed on this request.\n', false);
      else res.destroy();
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(listenError(error, options.port));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host: LOOPBACK, port: options.port, exclusive: true });
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : options.port;

  const unsubscribe = feed.subscribe((snapshot) => {
    for (const res of clients.keys()) push(res, snapshot);
  });
  const heartbeat = setInterval(() => {
    for (const res of clients.keys()) res.write(': still here\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  async function close(): Promise<void> {
    unsubscribe();
    clearInterval(heartbeat);
    // The final snapshot (finished or stopped) reaches every open page before its stream ends. The server closes
    // only when apply ends, so a last snapshot still saying "waiting" (apply failed or was interrupted before
    // publishing its end) would leave the page waiting on nobody: it goes out as stopped instead.
    const current = feed.current();
    const last: LiveChecklistSnapshot = current.phase === 'waiting' ? { ...current, phase: 'stopped', revision: current.revision + 1 } : current;
    for (const res of [...clients.keys()]) {
      push(res, last);
      res.end();
    }
    clients.clear();
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      cut.unref();
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  return {
    url: `http://${LOOPBACK}:${port}/`,
    port,
    eventClients: () => clients.size,
    close: () => (closing ??= close()),
  };
}

function listenError(error: NodeJS.ErrnoException, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new CwctlError(`--serve: port ${port} on ${LOOPBACK} is already in use`, {
      exitCode: ExitCode.InvalidInput,
      code: 'serve-port-in-use',
      hint: 'choose another port, or --serve 0 for any free one (the URL is printed)',
      cause: error,
    });
  }
  if (error.code === 'EACCES') {
    return new CwctlError(`--serve: not allowed to listen on port ${port}`, {
      exitCode: ExitCode.InvalidInput,
      code: 'serve-port-denied',
      hint: 'ports below 1024 need privileges: choose a higher one, or --serve 0 for any free one',
      cause: error,
    });
  }
  return error;
}
