// `cwctl init [--profile NAME...] [--force]`: writes a commented starter cwctl.yaml (to -f, default cwctl.yaml).
// Refuses to overwrite an existing file without --force (exit 6). What it writes is validated first.
// Also writes (or completes) the .gitignore beside it, so key files and saved plans stay out of git.

import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Argv, ArgumentsCamelCase, CommandModule } from 'yargs';
import { findProfile, listProfileNames } from '../../catalogue/profiles/index.js';
import type { IntegrationProfile } from '../../catalogue/types.js';
import { buildStarterFile } from '../../config/build-starter-file.js';
import { loadDesiredStateFromText } from '../../config/load-desired-state-from-text.js';
import { didYouMean, suggestName } from '../../config/suggest.js';
import { CwctlError, ExitCode } from '../../errors.js';
import { writeFileAtomic } from '../../state/atomic-write.js';
import { mergeGitignore } from '../gitignore-lines.js';
import type { GlobalArgs } from '../options.js';
import { printOut } from '../output.js';

interface InitArgs extends GlobalArgs {
  profile: string[];
  force: boolean;
}

function resolveProfiles(names: readonly string[]): IntegrationProfile[] {
  const out: IntegrationProfile[] = [];
  for (const name of names.flatMap((n) => n.split(',')).map((n) => n.trim()).filter((n) => n !== '')) {
    const p = findProfile(name);
    if (!p) {
      throw new CwctlError(`unknown profile '${name}'`, {
        exitCode: ExitCode.InvalidInput,
        code: 'unknown-profile',
        hint: didYouMean(suggestName(name, listProfileNames())) ?? `the profiles are ${listProfileNames().join(', ')}`,
      });
    }
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

export const initCommand: CommandModule<GlobalArgs, InitArgs> = {
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('profile', { type: 'string', array: true, default: [] as string[], describe: 'Integration profile(s) to start from (cwctl profiles list)' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite the file if it exists' })
      .example('cwctl init --profile brightgauge --profile datto-rmm', 'one role and API member for each'),
  handler: async (args: ArgumentsCamelCase<InitArgs>) => {
    const profiles = resolveProfiles(args.profile);
    const text = buildStarterFile(profiles);
    const check = loadDesiredStateFromText(text, args.file);
    if (!check.state) {
      // The template is ours: failing its own validation is a bug, not the user's input.
      throw new CwctlError(`the starter file does not validate: ${check.diagnostics[0]?.summary ?? 'unknown problem'}`, { exitCode: ExitCode.Internal, code: 'init-template' });
    }
    try {
      await writeFile(args.file, text, { flag: args.force ? 'w' : 'wx', mode: 0o644 });
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        throw new CwctlError(`${args.file} already exists; not overwriting it`, { exitCode: ExitCode.Unsafe, code: 'file-exists', hint: 'pass --force to overwrite it, or -f OTHER.yaml to write elsewhere' });
      }
      throw new CwctlError(`cannot write ${args.file}: ${(error as Error).message}`, { exitCode: ExitCode.InvalidInput, code: 'file-unwritable', cause: error });
    }
    const s = check.state;
    // Beside the file: key pairs and saved plans must not reach git by a careless `git add .`.
    const gitignore = join(dirname(args.file), '.gitignore');
    const existing = await readFile(gitignore, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new CwctlError(`cannot read ${gitignore}: ${error.message}`, { exitCode: ExitCode.InvalidInput, code: 'file-unreadable' });
    });
    const merged = mergeGitignore(existing);
    if (merged !== undefined) await writeFileAtomic(gitignore, merged);
    printOut(`wrote ${args.file}: ${s.roles.length} role${s.roles.length === 1 ? '' : 's'}, ${s.members.length} member${s.members.length === 1 ? '' : 's'}`);
    if (merged !== undefined) printOut(`${existing === undefined ? 'wrote' : 'updated'} ${gitignore}: secrets.env, saved plans, the state lock and the sandbox stay out of git`);
    printOut('next: cwctl validate, then cwctl plan (no psa: block, so it targets the sandbox)');
  },
};
