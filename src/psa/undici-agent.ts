// undici's Agent (keep-alive connection pool, bounded connections) without the rest of the package. cwctl sends
// with Node's global fetch and this Agent as its dispatcher (nock intercepts that fetch in tests), so it never
// needs undici's own fetch, web streams, cookies, caches or mocks, which its index loads: they were about 60% of
// undici's load time, paid before a command's first request. The file is not in undici's documented exports
// (the package has no "exports" map, so Node resolves it): if a release moves it, the whole package is loaded.
import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import type { Agent as UndiciAgent } from 'undici';

const require = createRequire(import.meta.url);

function loadAgent(): typeof UndiciAgent {
  try {
    const agent = require('undici/lib/dispatcher/agent.js') as unknown;
    if (typeof agent === 'function') return agent as typeof UndiciAgent;
  } catch {
    // moved in this release of undici: the documented entry point below
  }
  return (require('undici') as typeof Undici).Agent;
}

export const Agent = loadAgent();
export type Agent = UndiciAgent;
