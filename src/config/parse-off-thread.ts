// Parses a large YAML text on a worker thread. A plan's reads are in flight while its files load, and a parse on
// the main thread held their answers (and so the next requests) for as long as it ran: 140 ms for a 200-role file,
// all of it a stall of the request pipeline. On the worker it runs on another core while the main thread keeps
// the requests going and loads the rest of the command. Only texts the early start read (main.ts, before yargs
// has loaded) go to a worker, one at a time (a worker's heap is freed when it ends); the loader takes the parse
// later by the same text. Anything that goes wrong with the worker falls back to parsing here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastSpans, VerifiedIndex } from './load-fast.js';
import { FastSpans as Spans, parseFast, shareScalars } from './load-fast.js';

/** A parsed file: its value and where each node is. */
export interface FastParse {
  value: unknown;
  spans: FastSpans;
}

/** Texts shorter than this parse on the main thread: a worker's start (tens of ms) would cost more than it saves. */
export const OFF_THREAD_MIN_CHARS = 256 * 1024;

const WORKER = new URL('./parse-worker.js', import.meta.url);
let queue: Promise<unknown> = Promise.resolve();
const started = new Map<string, Promise<FastParse | undefined>>();
/** How the large texts of this process were parsed: a fallback means a worker failed (tests assert there was none). */
const counts = { worker: 0, fallback: 0 };
export const offThreadCounts = (): Readonly<typeof counts> => ({ ...counts });

function runWorker(text: string, maxDepth: number): Promise<FastParse | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (parsed: FastParse | undefined | 'inline'): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      counts[parsed === 'inline' ? 'fallback' : 'worker']++;
      resolve(parsed === 'inline' ? parseFast(text, maxDepth) : parsed);
    };
    const worker = new Worker(WORKER, { workerData: { text, maxDepth } });
    let answered = false;
    worker.once('message', (message: { value: unknown; index: VerifiedIndex } | null) => {
      answered = true;
      // The clone gives every string its own copy: the short ones are shared again, as on this thread. After a
      // turn of the event loop: taking the message in (Node reads the clone before this runs) is a long task of its
      // own, and answers that came in meanwhile are taken in and followed by their next requests before the next.
      setImmediate(() => settle(message ? { value: shareScalars(message.value), spans: Spans.verified(message.value, message.index) } : undefined));
    });
    // The worker ends right after its message: only an end without one means it failed.
    worker.once('error', () => answered || settle('inline'));
    worker.once('exit', () => answered || settle('inline'));
  });
}

/**
 * Parses `text` (fast parser only: undefined means the exact parser must take it): the worker's answer when its
 * parse was started early (startParse, by the same text), else here. Only the early start hands texts to a worker:
 * a worker's heap comes on top of this thread's, and for a file read after start-up (import's read-back of the 10 MB
 * it wrote, say) there are no requests in flight to keep going, so it would cost memory and save nothing.
 */
export function parseFastOffThread(text: string, maxDepth: number): Promise<FastParse | undefined> {
  // Looked up only when there is something to find: hashing a 10 MB text built in pieces flattens it first.
  const early = started.size > 0 ? started.get(text) : undefined;
  if (early) {
    started.delete(text);
    return early;
  }
  return Promise.resolve(parseFast(text, maxDepth));
}

/** Starts the parse of a large text read early on a worker; parseFastOffThread with the same text takes its result. */
export function startParse(text: string, maxDepth: number): void {
  if (started.has(text) || text.length < OFF_THREAD_MIN_CHARS) return;
  // Sources run from TypeScript (the unit tests) have no compiled worker: parsed when asked for, on this thread.
  if (!existsSync(fileURLToPath(WORKER))) return;
  const parsed = queue.then(() => runWorker(text, maxDepth));
  queue = parsed.catch(() => undefined);
  started.set(text, parsed);
}
