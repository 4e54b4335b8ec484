// undici's Agent (keep-alive connection pool, bounded connections) and its `request` API, without the rest of
// the package. cwctl sends with `request` on this Agent: it costs about half the CPU per answer of Node's global
// fetch (no Request/Response/Headers objects, no web streams), and it does not load Node's bundled second copy
// of undici on the first request (~40 ms before anything leaves). undici's index also loads its fetch, caches,
// cookies and mocks, about 60% of its load time, paid before a command's first request; hence the deep paths.
// They are not in undici's documented exports (the package has no "exports" map, so Node resolves them): if a
// release moves them, the whole package is loaded instead.
import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';

const require = createRequire(import.meta.url);

function loadDeep<T>(path: string, pick: (pkg: typeof Undici) => T): T {
  try {
    const found = require(path) as unknown;
    if (typeof found === 'function') return found as T;
  } catch {
    // moved in this release of undici: the documented entry point below
  }
  return pick(require('undici') as typeof Undici);
}

export const Agent = loadDeep('undici/lib/dispatcher/agent.js', (pkg) => pkg.Agent);
export type Agent = UndiciAgent;

type RequestFn = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
// The package's own export is `request(url, options)` on the global dispatcher: the fallback calls the method that
// index.js mixes into every dispatcher instead.
const requestApi = loadDeep<RequestFn>('undici/lib/api/api-request.js', () => function request(this: Dispatcher, options) {
  return this.request(options);
});

/** One request on `dispatcher` (the family's Agent, or a test's MockAgent): undici's `dispatcher.request`. */
export function requestOn(dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return requestApi.call(dispatcher, options);
}
