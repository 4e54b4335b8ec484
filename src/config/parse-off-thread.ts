// Parses a large YAML text on a worker thread. A plan's reads are in flight while its files load, and a parse on
// the main thread held their answers (and so the next requests) for as long as it ran: 140 ms for a 200-role file,
// all of it a stall of the request pipeline. On the worker it runs on another core while the main thread keeps
// the requests going and loads the rest of the command. One parse at a time (a worker's heap is freed when it
// ends), and a text can be handed over early (main.ts's early start reads the files before yargs has loaded) and
// its parse taken later by the same text. Anything that goes wrong with the worker falls back to parsing here.
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
    worker.once('message', (message: { value: unknown; index: VerifiedIndex } | null) => {
      // The clone gives every string its own copy: the short ones are shared again, as on this thread.
      settle(message ? { value: shareScalars(message.value), spans: Spans.verified(message.value, message.index) } : undefined);
    });
    worker.once('error', () => settle('inline'));
    worker.once('exit', () => settle('inline'));
  });
}

/** Parses `text` (fast parser only: undefined means the exact parser must take it), off the main thread when it is large. */
export function parseFastOffThread(text: string, maxDepth: number): Promise<FastParse | undefined> {
  const early = started.get(text);
  if (early) {
    started.delete(text);
    return early;
  }
  // Sources run from TypeScript (the unit tests) have no compiled worker: parsed here.
  if (text.length < OFF_THREAD_MIN_CHARS || !existsSync(fileURLToPath(WORKER))) return Promise.resolve(parseFast(text, maxDepth));
  const parsed = queue.then(() => runWorker(text, maxDepth));
  queue = parsed.catch(() => undefined);
  return parsed;
}

/** Starts the parse of a text read early; parseFastOffThread with the same text takes its result. */
export function startParse(text: string, maxDepth: number): void {
  if (started.has(text) || text.length < OFF_THREAD_MIN_CHARS) return;
  started.set(text, parseFastOffThread(text, maxDepth));
}
