// `cwctl sim`: runs the PSA simulator in the foreground. Prints `export CWCTL_...=` lines on stdout (so
// `eval` works) and a human summary on stderr, then serves until SIGINT/SIGTERM, flushes the data file and
// returns (exit 0). Printing the admin private key is deliberate: it is the simulator's own throwaway key.
// Never logs request headers.

import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { CwctlError, ExitCode } from '../../errors.js';
import { SimDataFileError } from '../../sim/persist.js';
import { SimWorldError } from '../../sim/world.js';
import { DEFAULT_COMPANY, DEFAULT_SEED, startSimulator } from '../../sim/start-simulator.js';
import type { SimulatorOptions } from '../../sim/start-simulator.js';
import { printErr, printOut } from '../output.js';
import { shellQuote } from '../../shell-quote.js';

interface SimArgs {
  port: number;
  data?: string;
  world?: string;
  latency: number;
  jitter: number;
  'fault-rate': number;
  'throttle-rate': number;
  'drop-rate': number;
  'rate-limit': number;
  seed: number;
  roles?: number;
  members?: number;
  company: string;
  'require-client-id': boolean;
}

function invalid(message: string): CwctlError {
  return new CwctlError(message, { exitCode: ExitCode.InvalidInput, code: 'usage', hint: 'cwctl sim --help lists the options' });
}

/** The data file's folder must exist: the simulator writes the file there at once (a typo is exit 3, not a crash). */
function checkDataFolder(file: string): void {
  const folder = dirname(resolve(file));
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new CwctlError(`--data ${file}: the folder ${folder} does not exist`, { exitCode: ExitCode.InvalidInput, code: 'sim-data', hint: `create it first (mkdir -p ${folder}) or choose another path` });
  }
  if (!isFolder) throw new CwctlError(`--data ${file}: ${folder} is not a folder`, { exitCode: ExitCode.InvalidInput, code: 'sim-data', hint: 'choose a path inside a folder' });
}

function checkArgs(a: SimArgs): void {
  const ints: [keyof SimArgs, number, number][] = [['port', 0, 65535], ['latency', 0, 600_000], ['jitter', 0, 600_000], ['rate-limit', 0, 1e9], ['seed', 0, 2 ** 32 - 1]];
  for (const [k, lo, hi] of ints) {
    const v = a[k] as number;
    if (!Number.isInteger(v) || v < lo || v > hi) throw invalid(`--${k} must be an integer from ${lo} to ${hi} (got ${String(v)})`);
  }
  for (const k of ['fault-rate', 'throttle-rate', 'drop-rate'] as const) {
    if (!Number.isFinite(a[k]) || a[k] < 0 || a[k] > 1) throw invalid(`--${k} is a probability from 0 to 1 (got ${String(a[k])})`);
  }
  for (const k of ['roles', 'members'] as const) {
    const v = a[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > 1_000_000)) throw invalid(`--${k} must be a positive integer (got ${String(v)})`);
  }
  if (a.data !== undefined) checkDataFolder(a.data);
  if (!/^[A-Za-z0-9_.-]{1,50}$/.test(a.company)) throw invalid(`--company must be 1-50 letters, digits, '.', '_' or '-' (got '${a.company}')`);
}

export const simCommand: CommandModule<object, SimArgs> = {
  command: 'sim',
  describe: 'Run the PSA simulator on 127.0.0.1 (prints export lines for CWCTL_* variables)',
  builder: (y: Argv) =>
    y
      .option('port', { type: 'number', default: 0, describe: 'TCP port on 127.0.0.1 (0 picks a free one)' })
      .option('data', { type: 'string', describe: 'JSON data file: loaded when present, else seeded and written; rewritten atomically after changes' })
      .option('world', { type: 'string', describe: 'JSON file of the security content to serve (modules, functions and their offered levels, Table Setup screens, structure levels) instead of the built-in catalogue; see src/sim/README.md' })
      .option('latency', { type: 'number', default: 0, describe: 'added latency per request, ms' })
      .option('jitter', { type: 'number', default: 0, describe: 'extra random latency up to this many ms' })
      .option('fault-rate', { type: 'number', default: 0, describe: 'probability of an injected 500' })
      .option('throttle-rate', { type: 'number', default: 0, describe: 'probability of an injected 429 with Retry-After' })
      .option('drop-rate', { type: 'number', default: 0, describe: 'probability of a dropped connection' })
      .option('rate-limit', { type: 'number', default: 0, describe: 'requests per minute per API key before 429 (0: no limit)' })
      .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'seed for generated data and injected faults' })
      .option('roles', { type: 'number', describe: 'total security roles to generate (large tenants for benchmarks)' })
      .option('members', { type: 'number', describe: 'total members to generate' })
      .option('company', { type: 'string', default: DEFAULT_COMPANY, describe: 'company id used in Basic auth and /login/companyinfo' })
      .option('require-client-id', { type: 'boolean', default: true, describe: 'answer 403 to API calls without a clientId header' }),
  handler: async (argv) => {
    checkArgs(argv);
    const opts: SimulatorOptions = {
      port: argv.port,
      latencyMs: argv.latency,
      jitterMs: argv.jitter,
      faultRate: argv['fault-rate'],
      throttleRate: argv['throttle-rate'],
      dropRate: argv['drop-rate'],
      rateLimitPerMinute: argv['rate-limit'],
      seed: argv.seed,
      company: argv.company,
      requireClientId: argv['require-client-id'],
      ...(argv.data ? { dataFile: argv.data } : {}),
      ...(argv.world ? { world: argv.world } : {}),
      ...(argv.roles ? { roles: argv.roles } : {}),
      ...(argv.members ? { members: argv.members } : {}),
    };
    let sim;
    try {
      sim = await startSimulator(opts);
    } catch (e) {
      if (e instanceof SimWorldError) throw new CwctlError(e.message, { exitCode: ExitCode.InvalidInput, code: 'sim-world', hint: 'the world format is in src/sim/README.md ("Worlds"); test/worlds/ has an example' });
      if (e instanceof SimDataFileError) throw new CwctlError(e.message, { exitCode: ExitCode.InvalidInput, code: 'sim-data', hint: 'move the file away to start from a fresh seed' });
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        throw new CwctlError(`cannot listen on 127.0.0.1:${argv.port} (${code})`, { exitCode: ExitCode.InvalidInput, code: 'sim-port', hint: 'choose another --port, or --port 0 for a free one' });
      }
      throw e;
    }
    printOut([
      `export CWCTL_SITE=${shellQuote(sim.url)}`,
      `export CWCTL_COMPANY=${shellQuote(sim.company)}`,
      `export CWCTL_PUBLIC_KEY=${shellQuote(sim.admin.publicKey)}`,
      `export CWCTL_PRIVATE_KEY=${shellQuote(sim.admin.privateKey)}`,
      `export CWCTL_CLIENT_ID=${shellQuote(sim.clientId)}`,
    ].join('\n'));
    printErr(`cwctl sim: PSA simulator on ${sim.url} (company ${sim.company}, API base ${sim.url}/v4_6_release/apis/3.0)`);
    printErr(`  admin API member ${sim.admin.memberIdentifier}; simulator-only screens under ${sim.url}/__sim/ui/ (not part of the PSA API)`);
    printErr(`  world: ${sim.world}; data: ${argv.data ?? '(in memory)'}; stop with Ctrl-C`);
    const running = sim;
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await running.close();
    printErr('cwctl sim: stopped (data flushed)');
  },
};
