// A proxy in front of a simulator that lets a write reach the PSA, waits for the PSA's whole answer (the write is
// committed), then cuts the client's connection instead of passing the answer on: the one fault a client cannot
// tell from "never arrived", and the one that makes duplicates if a retry or a resumed apply sends the create
// again blindly. The simulator's own drops happen before the write; this is the case the no-duplicates checks
// exist for. Seeded; loses at most `maxLost` answers so a run always converges. Test code only (127.0.0.1:0).
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRng } from '../../../src/sim/random.js';

export interface LoseAnswerProxy {
  url: string;
  /** Answers lost after the write was committed, as `METHOD path -> status`. */
  lost: string[];
  /** Writes that went through the proxy. */
  writes: number;
  close(): Promise<void>;
}

export interface LoseAnswerOptions {
  /** The simulator's base URL. */
  upstream: string;
  /** Share of API writes (POST/PUT/PATCH/DELETE under /apis/3.0/) whose answer is lost. */
  rate: number;
  seed: number;
  maxLost?: number;
}

const isApiWrite = (req: IncomingMessage): boolean => req.method !== 'GET' && req.method !== 'HEAD' && /\/apis\/3\.0\//.test(req.url ?? '');

export async function startLoseAnswerProxy(options: LoseAnswerOptions): Promise<LoseAnswerProxy> {
  const upstream = new URL(options.upstream);
  const random = createRng(options.seed);
  const lost: string[] = [];
  let writes = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const write = isApiWrite(req);
    if (write) writes += 1;
    const lose = write && lost.length < (options.maxLost ?? 10) && random() < options.rate;
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          if (lose) {
            // The PSA has answered: whatever it did is done. The client never hears of it.
            lost.push(`${req.method ?? '?'} ${(req.url ?? '').replace(/\?.*/, '')} -> ${answer.statusCode ?? 0}`);
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lost,
    get writes() {
      return writes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
