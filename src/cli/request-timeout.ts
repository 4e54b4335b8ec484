// The --request-timeout and --parallelism global options, set once by the app's middleware and read when a client
// is opened. Its own module so the app can set them without loading the HTTP client and the simulator (open-target.ts).
import { CwctlError, ExitCode } from '../errors.js';

let requestTimeoutMs: number | undefined;

/** Set once from --request-timeout (a global option, so every command's client honours it). */
export function setRequestTimeout(ms: number | undefined): void {
  requestTimeoutMs = ms;
}

/** Spread into client options: nothing when unset, so the client's own default applies. */
export function requestTimeoutOption(): { requestTimeoutMs?: number } {
  return requestTimeoutMs === undefined ? {} : { requestTimeoutMs };
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

/** Spread into client options: nothing when unset, so the client's own default applies. */
export function parallelismOption(): { maxConnections?: number } {
  return parallelism === undefined ? {} : { maxConnections: parallelism };
}
