// The --request-timeout and --parallelism global options, set once by the app's middleware and read when a client
// is opened. Its own module so the app can set them without loading the HTTP client and the simulator (open-target.ts).
import { CwctlError, ExitCode } from '../errors.js';
import { parseDuration } from '../state/parse-duration.js';

let requestTimeoutMs: number | undefined;

/** Set once from --request-timeout (a global option, so every command's client honours it). */
export function setRequestTimeout(ms: number | undefined): void {
  requestTimeoutMs = ms;
}

/** The most requests in flight a user may ask for: beyond this a PSA only answers 429s faster. */
export const MAX_PARALLELISM = 64;
let parallelism: number | undefined;

/** Parses --parallelism / CWCTL_PARALLELISM (undefined: the client's default of 8); a bad value is exit 3. */
export function parseParallelism(value: string | number | undefined, from: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > MAX_PARALLELISM) {
    throw new CwctlError(`${from} ${JSON.stringify(String(value))} is not a whole number from 1 to ${MAX_PARALLELISM}`, {
      exitCode: ExitCode.InvalidInput,
      code: 'bad-parallelism',
      hint: `the number of PSA requests in flight at once, e.g. ${from}${from.startsWith('--') ? ' ' : '='}8 (the default); lower it for a busy PSA`,
    });
  }
  return n;
}

/** Set once from --parallelism or CWCTL_PARALLELISM. */
export function setParallelism(n: number | undefined): void {
  parallelism = n;
}

/** The PSA client options of the global --request-timeout and --parallelism values, each falling back to its env variable. */
export interface ClientOptions {
  requestTimeoutMs: number | undefined;
  maxConnections: number | undefined;
}

/**
 * Parses --request-timeout (else CWCTL_REQUEST_TIMEOUT, else 20s) and --parallelism (else CWCTL_PARALLELISM): the
 * app's middleware and the early start of the first reads (early-start.ts) read them the same way. Bad values are exit 3.
 */
export function clientOptionsOf(args: { requestTimeout?: unknown; parallelism?: unknown }, env: NodeJS.ProcessEnv): ClientOptions {
  const given = args.requestTimeout ?? env.CWCTL_REQUEST_TIMEOUT ?? '20s';
  const timeout = typeof given === 'number' ? given : typeof given === 'string' ? given : '20s';
  return {
    requestTimeoutMs: parseDuration(timeout, '--request-timeout') || undefined,
    maxConnections: args.parallelism === undefined
      ? parseParallelism(env.CWCTL_PARALLELISM, 'CWCTL_PARALLELISM')
      : parseParallelism(args.parallelism as string | number, '--parallelism'),
  };
}

/** The options the middleware set (the client's defaults where unset). */
export function currentClientOptions(): ClientOptions {
  return { requestTimeoutMs, maxConnections: parallelism };
}

/** Spread into the HTTP client's options: only what is set, so the client's own defaults apply to the rest. */
export function clientLimits(options: ClientOptions = currentClientOptions()): { requestTimeoutMs?: number; maxConnections?: number } {
  return {
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
  };
}
