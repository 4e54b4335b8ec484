// The yargs application: global options, every command, the exit-code table in --help.
// Thin: commands live in commands/*.ts and call the library modules; nothing here talks to a PSA.
// Only the command named on the command line is loaded (the others are listed by name and description): a
// command's module pulls in what it needs (the HTTP client, the simulator, the progress view), and loading all
// of them cost `cwctl validate` a quarter of a second before it read a byte.
import yargs from 'yargs';
import type { Argv, CommandModule } from 'yargs';
import { CwctlError, EXIT_CODE_TABLE, ExitCode } from '../errors.js';
import { withGlobalOptions } from './options.js';
import type { GlobalArgs } from './options.js';
import { clientOptionsOf, setParallelism, setRequestTimeout } from './request-timeout.js';
import { setColour } from './output.js';
import { cwctlVersion } from '../version.js';

export const EXIT_CODES_HELP = `Exit codes:\n${EXIT_CODE_TABLE.map((e) => `  ${String(e.code).padStart(3)}  ${e.meaning}`).join('\n')}`;

const TARGET_HELP = [
  'Target: psa.site/psa.company in the file, or CWCTL_SITE/CWCTL_COMPANY; keys from CWCTL_PUBLIC_KEY,',
  'CWCTL_PRIVATE_KEY, CWCTL_CLIENT_ID or --credentials-file. With no site, cwctl uses the embedded sandbox',
  '(a simulated PSA kept in .cwctl/sandbox.json): no PSA and no credentials needed to try it.',
].join(' ');

type Register = (app: Argv<GlobalArgs>) => Argv<GlobalArgs>;

interface TopLevelCommand {
  /** The yargs command string; its first word is how the command line names it. */
  command: string;
  describe: string;
  /** Imports the command's module and returns how to add it to the app (with this entry's command and describe). */
  load: (info: { command: string; describe: string }) => Promise<Register>;
}

/** How to register a command whose module exports one CommandModule (this entry's command and describe win). */
function registerModule<T>(load: () => Promise<CommandModule<GlobalArgs, T>>): TopLevelCommand['load'] {
  return async (info) => {
    const module = await load();
    return (y) => y.command({ ...module, ...info });
  };
}

const COMMANDS: readonly TopLevelCommand[] = [
  {
    command: 'validate',
    describe: 'Check the desired-state file(s): YAML, schema, names against the catalogue, cross-field rules (no PSA needed)',
    load: registerModule(async () => (await import('./commands/validate.js')).validateCommand),
  },
  {
    command: 'plan',
    describe: 'Show what apply would change in the PSA (and what a person must do in its screens); changes nothing',
    load: registerModule(async () => (await import('./commands/plan.js')).planCommand),
  },
  {
    command: 'apply [plan]',
    describe: 'Apply the desired state: API changes now, a verified checklist for what only a person can do in the PSA',
    load: registerModule(async () => (await import('./commands/apply.js')).applyCommand),
  },
  {
    command: 'show [things..]',
    describe: 'Render a saved plan (cwctl show plan.json), or the permission grid of roles: desired vs live, drift, escalations (text, json, html)',
    load: registerModule(async () => (await import('./commands/show.js')).showCommand),
  },
  {
    command: 'drift',
    describe: 'Report what changed in the PSA since the last apply (who, when), apart from YAML changes not yet applied; read-only',
    load: registerModule(async () => (await import('./commands/drift.js')).driftCommand),
  },
  {
    command: 'import',
    describe: 'Write the live PSA (roles, API members, optionally mappings) as YAML and adopt it into state, so the next plan is empty',
    load: registerModule(async () => (await import('./commands/import.js')).importCommand),
  },
  {
    command: 'state <command>',
    describe: 'Inspect and maintain the state lockfile (.cwctl/state.json): list, show, rm, force-unlock',
    load: registerModule(async () => (await import('./commands/state.js')).stateCommand),
  },
  {
    command: 'profiles',
    describe: 'List and show the built-in integration profiles (BrightGauge, Datto RMM, ...)',
    load: registerModule(async () => (await import('./commands/profiles.js')).profilesCommand),
  },
  {
    command: 'check',
    describe: 'Check a live API member against an integration profile: what its role lacks, what it grants beyond, the smallest fix',
    load: registerModule(async () => (await import('./commands/check.js')).checkCommand),
  },
  {
    command: 'audit',
    describe: 'Audit every live API member: which profiles its role fits, what it grants beyond them, shared roles, Admin members',
    load: registerModule(async () => (await import('./commands/audit.js')).auditCommand),
  },
  {
    command: 'init',
    describe: 'Write a commented starter cwctl.yaml (optionally one role and API member per integration profile)',
    load: registerModule(async () => (await import('./commands/init.js')).initCommand),
  },
  {
    command: 'fmt',
    describe: 'Rewrite the desired-state file(s) in one layout (comments, anchors and key order kept); --check for CI',
    load: registerModule(async () => (await import('./commands/fmt.js')).fmtCommand),
  },
  {
    command: 'sim',
    describe: 'Run the PSA simulator (a faithful local PSA for tests, demos and the sandbox), or play a checklist on it',
    load: async (info) => {
      const [{ simCommand }, { simOperatorCommand }] = await Promise.all([import('./commands/sim.js'), import('./commands/sim-operator.js')]);
      return (y) => y.command({ ...info, builder: (sub) => sub.command({ ...simCommand, command: '$0' }).command(simOperatorCommand), handler: () => undefined });
    },
  },
];

/** Builds the app for this command line: the command it names is loaded in full, every other one is a name in --help. */
export async function buildApp(argv: string[]): Promise<Argv> {
  const named = new Set(argv);
  let app = withGlobalOptions(yargs(argv));
  for (const entry of COMMANDS) {
    const info = { command: entry.command, describe: entry.describe };
    // A word that only looks like a command (a file called "plan") loads one module too many: harmless.
    if (named.has(entry.command.split(' ')[0]!)) app = (await entry.load(info))(app);
    else app = app.command({ ...info, builder: (y) => y, handler: () => undefined });
  }
  app = app
    .scriptName('cwctl')
    // --color / --no-color override the TTY and NO_COLOR detection for every renderer.
    .middleware((args) => setColour(typeof args.color === 'boolean' ? args.color : undefined))
    .middleware((args) => {
      const client = clientOptionsOf(args, process.env);
      setRequestTimeout(client.requestTimeoutMs);
      setParallelism(client.maxConnections);
    })
    .usage('cwctl: ConnectWise PSA security as code.\n\nUsage: cwctl <command> [options]')
    // `cwctl completion >> ~/.bashrc` (or ~/.zshrc): commands and, once a command is typed, its options.
    .completion('completion', 'Print a bash/zsh completion script: cwctl completion >> ~/.bashrc')
    .demandCommand(1, 'Name a command: cwctl --help lists them.')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    // cwctl's own version: yargs alone looks for a package.json from the folder cwctl runs in.
    .version(cwctlVersion())
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
  skipHelpLayout(app);
  return app;
}

/**
 * yargs lays out the whole --help text of the command it is about to run (`cacheHelpMessage`), in case the command
 * later asks to show it: 30-45 ms of string-width and wrapping on every run. cwctl never shows help from inside a
 * command (`.fail` throws, and nothing calls showHelp), and `--help` itself lays the text out afresh. So the cache
 * is not filled. Guarded: if a yargs release renames this internal, the app works as before, only slower.
 */
function skipHelpLayout(app: Argv): void {
  const internals = (app as unknown as { getInternalMethods?: () => { getUsageInstance?: () => unknown } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.() as { cacheHelpMessage?: unknown } | undefined;
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}
