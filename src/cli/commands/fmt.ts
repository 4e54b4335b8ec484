// `cwctl fmt [--check]`: rewrites the desired-state file(s) (-f FILE or DIR) in cwctl's one layout (see
// format-yaml.ts), keeping comments, anchors and key order. --check writes nothing and exits 2 when a file
// would change (for CI). A file that does not parse is exit 3 with file:line and is never touched.
import { readFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { loadYamlFiles } from '../../config/load.js';
import { CwctlError, ExitCode } from '../../errors.js';
import { writeFileAtomic } from '../../state/atomic-write.js';
import { requestExitCode } from '../exit-status.js';
import { FormatYamlError, formatYaml } from '../format-yaml.js';
import type { GlobalArgs } from '../options.js';
import { printErr, printJson, printOut } from '../output.js';
import { renderDiagnostics } from '../views/diagnostics.js';

interface FmtArgs extends GlobalArgs {
  check: boolean;
}

export const fmtCommand: CommandModule<GlobalArgs, FmtArgs> = {
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('check', { type: 'boolean', default: false, describe: 'Write nothing; exit 2 when a file is not formatted' })
      .example('cwctl fmt', 'format cwctl.yaml in place')
      .example('cwctl fmt -f sites/eu --check', 'in CI: fail when a file of the directory is not formatted'),
  handler: async (args) => {
    const loaded = await loadYamlFiles(args.file);
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      printErr(renderDiagnostics(errors, process.stderr));
      throw new CwctlError(`cannot format ${args.file}: fix the YAML first`, { exitCode: ExitCode.InvalidInput, code: 'fmt-invalid' });
    }
    const changed: string[] = [];
    for (const file of loaded.files) {
      const text = await readFile(file, 'utf8');
      let formatted: string;
      try {
        formatted = formatYaml(text);
      } catch (error) {
        if (!(error instanceof FormatYamlError)) throw error;
        throw new CwctlError(`${file}: ${error.message}`, { exitCode: ExitCode.InvalidInput, code: 'fmt-invalid' });
      }
      if (formatted === text) continue;
      changed.push(file);
      if (!args.check) await writeFileAtomic(file, formatted);
    }
    if (args.format === 'json') printJson({ files: loaded.files, changed, written: !args.check });
    else if (changed.length === 0) printOut(`${loaded.files.length} file(s) already formatted`);
    else printOut(changed.map((f) => (args.check ? `would reformat ${f}` : `formatted ${f}`)).join('\n'));
    if (args.check && changed.length > 0) requestExitCode(ExitCode.ChangesPresent);
  },
};
