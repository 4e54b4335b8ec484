// The --request-timeout global option, set once by the app's middleware and read when a client is opened.
// Its own module so the app can set it without loading the HTTP client and the simulator (open-target.ts).

let requestTimeoutMs: number | undefined;

/** Set once from --request-timeout (a global option, so every command's client honours it). */
export function setRequestTimeout(ms: number | undefined): void {
  requestTimeoutMs = ms;
}

/** Spread into client options: nothing when unset, so the client's own default applies. */
export function requestTimeoutOption(): { requestTimeoutMs?: number } {
  return requestTimeoutMs === undefined ? {} : { requestTimeoutMs };
}
