// `cwctl import`: writes the live PSA (or a selection) as v1 YAML a person would write, checks that cwctl reads
// back what it wrote, and adopts it into state so the next plan is empty. Refuses to overwrite without --force.
// Never imports secrets: no API keys, no mapping passwords.
import { access, mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { loadDesiredState } from '../../config/load-desired-state.js';
import { CwctlError, ExitCode } from '../../errors.js';
import { adoptImport } from '../../inspect/adopt-import.js';
import { importLive } from '../../inspect/import-live.js';
import type { ImportResult } from '../../inspect/import-live.js';
import { splitGlobs } from '../../inspect/match-glob.js';
import { readPsaTarget } from '../../inspect/read-psa-target.js';
import { hasErrors } from '../../model/diagnostic.js';
import { buildPlan } from '../../plan/build-plan.js';
import type { LiveState } from '../../model/live.js';
import type { StateFile } from '../../model/state.js';
import { parseAddress } from '../../model/parse-address.js';
import { readLiveState, readLookups } from '../../psa/read-live-state.js';
import { readMemberKeysFromEnv } from '../../psa/credentials.js';
import { assertStateTarget, readStateFile } from '../../state/state-file.js';
import { interruptSignal } from '../interrupt.js';
import { openTarget } from '../open-target.js';
import type { GlobalArgs } from '../options.js';
import { printErr, printJson, printOut } from '../output.js';
import { registerSecret } from '../redact.js';
import { renderDiagnostics } from '../views/diagnostics.js';

interface ImportArgs extends GlobalArgs {
  roles?: string[];
  members?: string[];
  mappings: boolean;
  out?: string;
  force: boolean;
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/** Where the YAML goes: one file, or (for a directory) cwctl.yaml inside it. */
async function resolveOut(out: string): Promise<string> {
  const info = await stat(out).catch(() => undefined);
  return info?.isDirectory() || /[/\\]$/.test(out) ? join(out, 'cwctl.yaml') : out;
}

/**
 * Writes the YAML and lets go of its text: the 10 MB of a 2,000-role import is not held through the check that
 * reads the file back, the adoption and the plan (import's peak memory).
 */
async function writeImported(out: string, force: boolean, result: ImportResult): Promise<Omit<ImportResult, 'yaml'>> {
  const { yaml, ...imported } = result;
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, yaml, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  return imported;
}

/** Whether everything state owns was read by the import (roles, members, mappings), so no second read is needed. */
function importReadCovers(live: LiveState, state: StateFile): boolean {
  return Object.keys(state.resources).every((address) => {
    const p = parseAddress(address);
    if (p?.kind === 'role' || p?.kind === 'setting' || p?.kind === 'customize') return live.roles[p.role] !== undefined;
    if (p?.kind === 'member' || p?.kind === 'apiKey') return live.members[p.identifier] !== undefined;
    if (p?.kind === 'mapping' || p?.kind === 'crossReference') return live.managedDevices[p.mapping] !== undefined;
    return p !== undefined;
  });
}

export const importCommand: CommandModule<GlobalArgs, ImportArgs> = {
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('roles', { type: 'string', array: true, describe: 'Only roles whose name matches these globs (* and ?; comma-separated or repeated)' })
      .option('members', { type: 'string', array: true, describe: 'Only API members whose identifier matches these globs' })
      .option('mappings', { type: 'boolean', default: false, describe: 'Also import managed-devices mappings and their cross references' })
      .option('out', { type: 'string', describe: 'File to write (a directory: DIR/cwctl.yaml); default: the -f file' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite the file if it exists' })
      .epilogue(
        "Table Setup access can only be read with a member's own keys (CWCTL_NEW_KEY_<MEMBER>=PUBLIC:PRIVATE); lists no API could read\n" +
          'are written empty and recorded as confirmed by the import, with a comment on the role.',
      ),
  handler: async (argv) => {
    const out = await resolveOut(argv.out ?? argv.file);
    if (!argv.force && (await exists(out))) {
      throw new CwctlError(`${out} exists: import does not overwrite it`, {
        exitCode: ExitCode.InvalidInput,
        code: 'file-exists',
        hint: 'pass --force to replace it, or --out FILE to write somewhere else',
      });
    }
    const psa = await readPsaTarget(out);
    const signal = interruptSignal();
    const opened = await openTarget({ psa, stateDir: argv.stateDir, credentialsFile: argv.credentialsFile });
    try {
      // A state of another PSA would refuse the adoption: find out before reading anything or writing the file.
      const existing = await readStateFile(argv.stateDir);
      if (existing) assertStateTarget(existing, opened.target, argv.stateDir);
      const memberKeys = readMemberKeysFromEnv(process.env);
      for (const pair of Object.values(memberKeys)) registerSecret(pair.privateKey);
      const roles = splitGlobs(argv.roles);
      const members = splitGlobs(argv.members);
      const imported = await writeImported(out, argv.force, await importLive({
        client: opened.client,
        ...(roles.length ? { roles } : {}),
        ...(members.length ? { members } : {}),
        mappings: argv.mappings,
        ...(opened.sandbox ? {} : { psa: opened.target }),
        memberKeys,
        ...(opened.callerIdentifier ? { callerIdentifier: opened.callerIdentifier } : {}),
        signal,
      }));
      // What was written must read back without an error, or it is not adopted (a bug in import, not the user's).
      const loaded = await loadDesiredState(out);
      if (hasErrors(loaded.diagnostics) || !loaded.state) {
        printErr(renderDiagnostics(loaded.diagnostics, process.stderr));
        await unlink(out).catch(() => undefined);
        throw new CwctlError(`the imported YAML does not validate; nothing was adopted and ${out} was removed`, {
          exitCode: ExitCode.Internal,
          code: 'import-invalid',
          hint: 'this is a bug in cwctl import: please report the errors above',
        });
      }
      const now = new Date().toISOString();
      const adopted = await adoptImport({ stateDir: argv.stateDir, target: opened.target, imported, now, signal }).catch(async (error: unknown) => {
        // Not adopted (state locked, say): a new file would promise an empty plan it cannot keep, so it goes.
        if (!argv.force) await unlink(out).catch(() => undefined);
        throw error;
      });

      // The promise of import is an empty plan: check it the way plan would, from the file just written and what
      // import read (each role once), plus the lookups the file's names resolve through. A state that owns more
      // than import read (an earlier apply's objects) needs those read too: then the whole live read again.
      const live = importReadCovers(imported.live, adopted.state)
        ? { ...imported.live, lookups: await readLookups(opened.client, loaded.state, { signal }) }
        : await readLiveState(opened.client, { desired: loaded.state, state: adopted.state }, {
          signal,
          ...(opened.callerIdentifier ? { callerIdentifier: opened.callerIdentifier } : {}),
        });
      const plan = buildPlan({
        desired: loaded.state, live, state: adopted.state, capabilities: opened.client.capabilities, now, target: opened.target, sandbox: opened.sandbox,
      });
      const leftover = [...plan.changes.map((c) => c.address), ...plan.drift.map((d) => d.address)];

      const summary = {
        file: out,
        stateFile: join(argv.stateDir, 'state.json'),
        ...imported.counts,
        externalRoles: imported.externalRoles,
        adopted: adopted.adopted,
        confirmedLists: adopted.confirmedLists,
        serial: adopted.state.serial,
        planEmpty: leftover.length === 0,
        /** PSA requests the import took, its own plan check included. */
        requests: opened.client.requestCount(),
        leftover,
        notes: imported.notes,
      };
      if (argv.format === 'json') {
        printJson(summary);
      } else {
        const c = imported.counts;
        printOut(
          `wrote ${out}: ${c.roles} role${c.roles === 1 ? '' : 's'} (${c.profiles} as a profile), ${c.members} API member${c.members === 1 ? '' : 's'}` +
            (argv.mappings ? `, ${c.mappings} mapping${c.mappings === 1 ? '' : 's'} (${c.crossReferences} cross references)` : '') +
            (imported.externalRoles.length ? `, ${imported.externalRoles.length} external role${imported.externalRoles.length === 1 ? '' : 's'}` : ''),
        );
        printOut(
          `adopted ${adopted.adopted} objects into ${summary.stateFile} (serial ${adopted.state.serial})` +
            (leftover.length === 0 ? ': cwctl plan shows no changes' : ''),
        );
        if (leftover.length > 0) {
          printErr(`warning: the plan after import is not empty (${leftover.length}): ${leftover.slice(0, 8).join(', ')}${leftover.length > 8 ? ', ...' : ''}`);
          printErr('  this is a bug in cwctl import; cwctl plan shows the details: please report it');
        }
        for (const note of imported.notes) printErr(`note: ${note}`);
      }
    } finally {
      await opened.close();
    }
  },
};
