// Options every command shares (-f, --format, --debug, --credentials-file, --state-dir, --no-color) and
// their types, so commands read typed arguments instead of yargs' loose bag.
import type { Argv } from 'yargs';
import { readLogLevel } from './log-level.js';
import type { Format } from './output.js';
import { FORMATS } from './output.js';

export interface GlobalArgs {
  file: string;
  format: Format;
  debug: boolean;
  color: boolean | undefined;
  credentialsFile: string | undefined;
  stateDir: string;
  requestTimeout: string;
  parallelism: string | undefined;
}

// The one cast left: yargs' types key a kebab-case option ('credentials-file') by that name only, while yargs also
// gives it camelCased (credentialsFile), which is what commands read; and they keep `format` a string despite its
// choices. GlobalArgs states what yargs really hands over.
export function withGlobalOptions<T>(yargs: Argv<T>): Argv<T & GlobalArgs> {
  return yargs
    .option('file', {
      alias: 'f',
      type: 'string',
      default: 'cwctl.yaml',
      describe: 'Desired-state YAML file, or a directory of *.yaml files',
      global: true,
    })
    .option('format', {
      type: 'string',
      choices: FORMATS,
      default: 'text',
      describe: 'Report format',
      global: true,
    })
    .option('debug', { type: 'boolean', default: readLogLevel(process.env) === 'debug', describe: 'Log requests (credentials redacted) and show stacks of internal errors (env CWCTL_LOG=debug)', global: true })
    .option('color', { type: 'boolean', describe: 'Force colours on or off (default: only on a TTY; NO_COLOR is honoured)', global: true })
    .option('credentials-file', {
      type: 'string',
      describe: 'JSON or KEY=VALUE file with CWCTL_PUBLIC_KEY, CWCTL_PRIVATE_KEY, CWCTL_CLIENT_ID (instead of the environment)',
      global: true,
    })
    .option('request-timeout', {
      type: 'string',
      default: process.env.CWCTL_REQUEST_TIMEOUT ?? '20s',
      describe: 'Give up on one PSA request attempt after this long (env CWCTL_REQUEST_TIMEOUT), e.g. 20s, 2m; retries and waits included, a request gives up after twice this',
      global: true,
    })
    .option('parallelism', {
      type: 'string',
      describe: 'PSA requests in flight at once, 1-64 (env CWCTL_PARALLELISM; default 8); halved on a 429 and paced below a limit the PSA showed',
      global: true,
    })
    .option('state-dir', {
      type: 'string',
      default: process.env.CWCTL_STATE_DIR ?? '.cwctl',
      describe: 'Directory of the state lockfile, the sandbox and a cache (env CWCTL_STATE_DIR)',
      global: true,
    }) as unknown as Argv<T & GlobalArgs>;
}
