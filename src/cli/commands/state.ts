// `cwctl state list|show ADDRESS|rm ADDRESS...|force-unlock LOCK_ID`: inspect the state lockfile, forget
// resources (rm only drops them from state: the PSA is not touched), and clear a lock left by a dead run.
// Thin: the state and lock modules do the work; rm takes the lock like apply does.
import type { Argv, CommandModule } from 'yargs';
import { suggestName } from '../../config/suggest.js';
import { CwctlError, ExitCode } from '../../errors.js';
import type { Address } from '../../model/address.js';
import type { StateFile } from '../../model/state.js';
import { acquireLock, currentUser, describeHolder, forceUnlock } from '../../state/lock.js';
import { parseDuration } from '../../state/parse-duration.js';
import { readStateFile, stateFilePath, writeStateFile } from '../../state/state-file.js';
import type { GlobalArgs } from '../options.js';
import { paint, printErr, printJson, printOut } from '../output.js';

interface StateArgs extends GlobalArgs {
  address?: string[] | string;
  id?: string;
  'lock-timeout': string;
}

async function requireState(stateDir: string): Promise<StateFile> {
  const state = await readStateFile(stateDir);
  if (!state) {
    throw new CwctlError(`no state yet: ${stateFilePath(stateDir)} does not exist`, {
      exitCode: ExitCode.InvalidInput,
      code: 'no-state',
      hint: 'cwctl apply writes it (or cwctl import adopts what is live); pass --state-dir if it lives elsewhere',
    });
  }
  return state;
}

function unknownAddress(state: StateFile, address: Address, stateDir: string): CwctlError {
  const guess = suggestName(address, Object.keys(state.resources));
  return new CwctlError(`${stateFilePath(stateDir)}: no resource ${address}`, {
    exitCode: ExitCode.InvalidInput,
    code: 'unknown-address',
    hint: guess ? `did you mean '${guess}'? (cwctl state list shows them all)` : 'cwctl state list shows the addresses in state',
  });
}

const listCommand: CommandModule<GlobalArgs, StateArgs> = {
  command: 'list',
  describe: 'List the resources cwctl owns in this PSA (address, kind, PSA id, when applied, how verified)',
  handler: async (args) => {
    const state = await requireState(args.stateDir);
    const rows = Object.entries(state.resources);
    if (args.format === 'json') {
      printJson({ lineage: state.lineage, serial: state.serial, target: state.target, resources: state.resources });
      return;
    }
    if (args.format === 'markdown') {
      printOut([
        `State of \`${state.target.company}\` at \`${state.target.site}\` (serial ${state.serial})`,
        '',
        '| address | kind | PSA id | applied | verified |',
        '| --- | --- | --- | --- | --- |',
        ...rows.map(([a, r]) => `| \`${a}\` | ${r.kind} | ${r.psaId ?? ''} | ${r.appliedAt} | ${r.verifiedBy ?? ''} |`),
      ].join('\n'));
      return;
    }
    printOut(paint('dim', `# ${state.target.company} at ${state.target.site}, serial ${state.serial}, ${rows.length} resource(s)`));
    for (const [address, r] of rows) {
      const extra = [r.psaId !== undefined ? `id ${r.psaId}` : '', r.verifiedBy ? `verified by ${r.verifiedBy}` : '', r.publicKeySuffix ? `key …${r.publicKeySuffix}` : '']
        .filter(Boolean).join(', ');
      printOut(`${address}${extra ? paint('dim', `  (${extra})`) : ''}`);
    }
  },
};

const showCommand: CommandModule<GlobalArgs, StateArgs> = {
  command: 'show <address>',
  describe: 'Show what state records for one address (never a secret: API keys keep only the last 4 characters)',
  builder: (y: Argv<GlobalArgs>) => y.positional('address', { type: 'string', demandOption: true, describe: 'e.g. role:BrightGaugeAPI' }) as Argv<StateArgs>,
  handler: async (args) => {
    const state = await requireState(args.stateDir);
    const address = String(args.address);
    const resource = state.resources[address];
    if (!resource) throw unknownAddress(state, address, args.stateDir);
    if (args.format === 'json') {
      printJson({ address, ...resource });
      return;
    }
    printOut(`${paint('bold', address)}\n${JSON.stringify(resource, null, 2)}`);
  },
};

const rmCommand: CommandModule<GlobalArgs, StateArgs> = {
  command: 'rm <address..>',
  describe: 'Forget resources (and what sits under them): cwctl stops owning them; the PSA is not changed',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('address', { type: 'string', array: true, demandOption: true })
      .option('lock-timeout', { type: 'string', default: '0', describe: 'How long to wait for another run holding the state lock' }),
  handler: async (args) => {
    const lock = await acquireLock({ stateDir: args.stateDir, operation: 'state rm', who: currentUser(), timeoutMs: parseDuration(args['lock-timeout'], '--lock-timeout') });
    try {
      const state = await requireState(args.stateDir);
      const wanted = ([] as string[]).concat(args.address ?? []);
      const resources = { ...state.resources };
      const forgotten: Address[] = [];
      for (const address of wanted) {
        if (!resources[address]) throw unknownAddress(state, address, args.stateDir);
        for (const key of Object.keys(resources)) {
          if (key === address || key.startsWith(`${address}/`)) {
            delete resources[key];
            forgotten.push(key);
          }
        }
      }
      const written = await writeStateFile(args.stateDir, { ...state, resources });
      if (args.format === 'json') printJson({ forgotten, serial: written.serial });
      else {
        for (const a of forgotten) printOut(`forgot ${a}`);
        printErr(paint('dim', `${forgotten.length} resource(s) removed from state (serial ${written.serial}); the PSA is unchanged. The next plan will offer to adopt what is still live.`, process.stderr));
      }
    } finally {
      await lock.release();
    }
  },
};

const forceUnlockCommand: CommandModule<GlobalArgs, StateArgs> = {
  command: 'force-unlock <id>',
  describe: 'Remove the state lock left by a run that died (needs the lock id, printed by the run that found it)',
  builder: (y: Argv<GlobalArgs>) => y.positional('id', { type: 'string', demandOption: true }) as Argv<StateArgs>,
  handler: async (args) => {
    const removed = await forceUnlock(args.stateDir, String(args.id));
    if (args.format === 'json') printJson({ removed });
    else printOut(`removed the lock of ${describeHolder(removed)}`);
  },
};

export const stateCommand: CommandModule<GlobalArgs, StateArgs> = {
  builder: (y: Argv<GlobalArgs>) =>
    y.command(listCommand).command(showCommand).command(rmCommand).command(forceUnlockCommand).demandCommand(1, 'Name a state command: list, show, rm or force-unlock') as Argv<StateArgs>,
  handler: () => undefined,
};
