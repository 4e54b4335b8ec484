// Decides which PSA a command talks to and opens a client for it: the site in the file or CWCTL_SITE
// with keys from the environment or --credentials-file; with no site at all, the embedded sandbox
// (a simulator persisted under the state dir, started in-process). Never prints or stores keys.
import { join } from 'node:path';
import { CwctlError, ExitCode } from '../errors.js';
import type { PsaClient, PsaTarget } from '../psa/client.js';
import { loadCredentials } from '../psa/credentials.js';
import { createHttpPsaClient } from '../psa/http-client.js';
import { ensureStateDir } from '../state/ensure-state-dir.js';
import { openCodebaseCache } from './codebase-cache.js';
import { registerSecret } from './redact.js';
import { clientLimits } from './request-timeout.js';
import type { ClientOptions } from './request-timeout.js';

export interface OpenedTarget {
  client: PsaClient;
  target: PsaTarget;
  /** true when talking to the embedded sandbox. */
  sandbox: boolean;
  /** Identifier of the member whose keys the client uses, when known. */
  callerIdentifier?: string;
  close(): Promise<void>;
}

export interface OpenTargetOptions {
  /** psa: block of the desired state, if any. */
  psa?: { site: string; company: string } | undefined;
  stateDir: string;
  credentialsFile?: string | undefined;
  env?: NodeJS.ProcessEnv;
  debugLog?: (line: string) => void;
  /** The client's timeout and parallelism, when not yet set by the app's middleware (the early start, before yargs). */
  clientOptions?: ClientOptions;
  /** The state folder whose cache/ keeps the codebase discovery found (default: stateDir; '' for none). */
  codebaseCacheDir?: string;
}

export const SANDBOX_COMPANY = 'sandbox';

/** true when openTarget would open the embedded sandbox (no site in the file or CWCTL_SITE). */
export function isSandboxTarget(psa: OpenTargetOptions['psa'], env: NodeJS.ProcessEnv = process.env): boolean {
  return !(psa?.site ?? env.CWCTL_SITE);
}

export async function openTarget(options: OpenTargetOptions): Promise<OpenedTarget> {
  const env = options.env ?? process.env;
  const site = options.psa?.site ?? env.CWCTL_SITE;
  const company = options.psa?.company ?? env.CWCTL_COMPANY;

  if (!site) {
    await ensureStateDir(options.stateDir);
    // Loaded only for the sandbox: a real site's run does not pay for the simulator's two dozen modules.
    const [{ startSimulator }, { createSimAdminClient }] = await Promise.all([import('../sim/start-simulator.js'), import('../sim/admin-client.js')]);
    // followDataFile: `cwctl sim operator` (another process) plays the checklist on this same file while an
    // `apply --wait` polls; the sandbox serves what the operator did instead of its own, older copy.
    const sim = await startSimulator({ port: 0, dataFile: join(options.stateDir, 'sandbox.json'), company: SANDBOX_COMPANY, followDataFile: true });
    registerSecret(sim.admin.privateKey);
    const client = createSimAdminClient(sim, {
      ...clientLimits(options.clientOptions),
      ...(options.debugLog ? { debugLog: options.debugLog } : {}),
    });
    return {
      client,
      // The sandbox's port changes every run; state and plans name it by a stable target.
      target: { site: 'sandbox', company: sim.company },
      sandbox: true,
      callerIdentifier: sim.admin.memberIdentifier,
      close: async () => {
        await client.close();
        await sim.close();
      },
    };
  }

  if (!company) {
    throw new CwctlError(`no company id for site ${site}`, {
      exitCode: ExitCode.InvalidInput,
      code: 'no-company',
      hint: 'set psa.company in the file or CWCTL_COMPANY',
    });
  }
  const credentials = await loadCredentials({ env, ...(options.credentialsFile ? { file: options.credentialsFile } : {}) });
  if (!credentials) {
    throw new CwctlError(`no API keys for ${company} at ${site}`, {
      exitCode: ExitCode.InvalidInput,
      code: 'no-credentials',
      hint: 'export CWCTL_PUBLIC_KEY, CWCTL_PRIVATE_KEY and CWCTL_CLIENT_ID, or pass --credentials-file FILE (keys never go in the YAML)',
    });
  }
  registerSecret(credentials.privateKey);
  const target = { site, company };
  const cacheDir = options.codebaseCacheDir ?? options.stateDir;
  const cache = cacheDir === '' ? undefined : openCodebaseCache(cacheDir, site, company);
  // Kept when the command is done: the cache goes only into a state folder that exists, and a first apply creates
  // its state folder after discovery has answered.
  let found: string | undefined;
  const client = createHttpPsaClient({
    target, credentials, ...clientLimits(options.clientOptions), ...(options.debugLog ? { debugLog: options.debugLog } : {}),
    ...(cache ? { onCodebase: (codebase: string) => (found = codebase), ...(cache.hint === undefined ? {} : { codebaseHint: cache.hint }) } : {}),
  });
  return {
    client, target, sandbox: false,
    close: async () => {
      await client.close();
      if (found !== undefined) await cache?.remember(found);
    },
  };
}
