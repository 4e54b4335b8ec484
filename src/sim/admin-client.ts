// A PSA client that talks to a running simulator as its admin: the sandbox, tests and benchmarks all reach the
// simulator this way, so the admin's keys and the clientId are wired in one place.
import type { PsaClient } from '../psa/client.js';
import { createHttpPsaClient } from '../psa/http-client.js';
import type { HttpPsaClientOptions } from '../psa/http-client.js';
import type { RunningSimulator } from './start-simulator.js';

export type SimulatorAddress = Pick<RunningSimulator, 'url' | 'company' | 'clientId'> & { admin: Pick<RunningSimulator['admin'], 'publicKey' | 'privateKey'> };

/** A client of `sim` with the admin's keys; `extra` sets anything else (concurrency, retries, a different site). */
export function createSimAdminClient(sim: SimulatorAddress, extra: Partial<HttpPsaClientOptions> = {}): PsaClient {
  return createHttpPsaClient({
    target: { site: sim.url, company: sim.company },
    credentials: { publicKey: sim.admin.publicKey, privateKey: sim.admin.privateKey, clientId: sim.clientId },
    ...extra,
  });
}
