// The yargs application: global options, every command, the exit-code table in --help.
// Thin: commands live in commands/*.ts and call the library modules; nothing here talks to a PSA.
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { CwctlError, EXIT_CODE_TABLE, ExitCode } from '../errors.js';
import { applyCommand } from './commands/apply.js';
import { checkCommand } from './commands/check.js';
import { driftCommand } from './commands/drift.js';
import { importCommand } from './commands/import.js';
import { initCommand } from './commands/init.js';
import { planCommand } from './commands/plan.js';
import { profilesCommand } from './commands/profiles.js';
import { simOperatorCommand } from './commands/sim-operator.js';
import { simCommand } from './commands/sim.js';
import { stateCommand } from './commands/state.js';
import { validateCommand } from './commands/validate.js';
import { withGlobalOptions } from './options.js';
import { setRequestTimeout } from './open-target.js';
import { setColour } from './output.js';
import { parseDuration } from '../state/parse-duration.js';

export const EXIT_CODES_HELP = `Exit codes:\n${EXIT_CODE_TABLE.map((e) => `  ${String(e.code).padStart(3)}  ${e.meaning}`).join('\n')}`;

const TARGET_HELP = [
  'Target: psa.site/psa.company in the file, or CWCTL_SITE/CWCTL_COMPANY; keys from CWCTL_PUBLIC_KEY,',
  'CWCTL_PRIVATE_KEY, CWCTL_CLIENT_ID or --credentials-file. With no site, cwctl uses the embedded sandbox',
  '(a simulated PSA kept in .cwctl/sandbox.json): no PSA and no credentials needed to try it.',
].join(' ');

export function buildApp(argv: string[]): Argv {
  const app = withGlobalOptions(yargs(argv))
    .scriptName('cwctl')
    // --color / --no-color override the TTY and NO_COLOR detection for every renderer.
    .middleware((args) => setColour(typeof args.color === 'boolean' ? args.color : undefined))
    .middleware((args) => setRequestTimeout(parseDuration(String(args.requestTimeout ?? '30s'), '--request-timeout') || undefined))
    .usage('cwctl: ConnectWise PSA security as code.\n\nUsage: cwctl <command> [options]')
    .command(validateCommand)
    .command(planCommand)
    .command(applyCommand)
    .command(driftCommand)
    .command(importCommand)
    .command(stateCommand)
    .command(profilesCommand)
    .command(checkCommand)
    .command(initCommand)
    .command({
      command: 'sim',
      describe: 'Run the PSA simulator (a faithful local PSA for tests, demos and the sandbox), or play a checklist on it',
      builder: (y) => y.command({ ...simCommand, command: '$0' }).command(simOperatorCommand),
      handler: () => undefined,
    })
    .demandCommand(1, 'Name a command: cwctl --help lists them.')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue(`${TARGET_HELP}\n\n${EXIT_CODES_HELP}`)
    .fail((message: string | undefined, error: Error | undefined) => {
      // Errors thrown by handlers pass through untouched; yargs' own usage errors become exit 3.
      if (error) throw error;
      throw new CwctlError(message ?? 'invalid command line', {
        exitCode: ExitCode.InvalidInput,
        code: 'usage',
        hint: 'cwctl --help lists the commands; cwctl <command> --help the options',
      });
    });
  return app;
}
