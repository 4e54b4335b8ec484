// `cwctl validate`: loads and checks the desired-state file(s) without touching a PSA. Exit 0 when valid
// (warnings allowed), 3 when not. Thin: the work is config/load-desired-state.ts (checkDesiredState: load and
// check, no normalize); this only prints.

import type { ArgumentsCamelCase, CommandModule } from 'yargs';
import { capDiagnostics, describeOmitted } from '../../config/cap-diagnostics.js';
import { checkDesiredState } from '../../config/load-desired-state.js';
import type { LoadedConfig } from '../../config/loaded-config.js';
import { ExitCode } from '../../errors.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { hasErrors } from '../../model/diagnostic.js';
import { requestExitCode } from '../exit-status.js';
import type { GlobalArgs } from '../options.js';
import { printErr, printJson, printOut } from '../output.js';
import { renderDiagnostics } from '../views/diagnostics.js';
import { escapeTerminal } from '../views/escape-terminal.js';

function summarise(config: LoadedConfig | undefined): { roles: number; members: number; mappings: number } | undefined {
  return config ? { roles: config.roles.length, members: config.members.length, mappings: config.managedDevices.length } : undefined;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function renderMarkdown(file: string, valid: boolean, diagnostics: readonly Diagnostic[], config: LoadedConfig | undefined): string {
  const lines = [`### cwctl validate: ${file} ${valid ? 'is valid' : 'is not valid'}`, ''];
  const s = summarise(config);
  if (s) lines.push(`${count(s.roles, 'role')}, ${count(s.members, 'member')}, ${count(s.mappings, 'mapping')}.`, '');
  if (diagnostics.length > 0) {
    const cell = (t: string): string => escapeTerminal(t, 2000).replace(/\|/g, '\\|').replace(/</g, '&lt;');
    const { shown, omitted } = capDiagnostics(diagnostics);
    lines.push('| where | severity | code | message | hint |', '| --- | --- | --- | --- | --- |');
    for (const d of shown) {
      const where = d.source ? `${d.source.file}:${d.source.line}:${d.source.column}` : '';
      lines.push(`| ${cell(where)} | ${d.severity} | ${d.code} | ${cell(d.summary)} | ${cell(d.hint ?? '')} |`);
    }
    if (omitted.length > 0) lines.push('', ...omitted.map((o) => cell(describeOmitted(o))));
  }
  return lines.join('\n');
}

export const validateCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  builder: (yargs) => yargs.example('cwctl validate -f cwctl.yaml', 'check one file').example('cwctl validate -f config/', 'check every *.yaml of a directory'),
  handler: async (args: ArgumentsCamelCase<GlobalArgs>) => {
    const { config, diagnostics } = await checkDesiredState(args.file);
    const valid = !hasErrors(diagnostics);
    if (args.format === 'json') {
      // The counts cover every diagnostic; the list holds the first MAX_DIAGNOSTICS_PER_FILE of each file.
      const { shown, omitted } = capDiagnostics(diagnostics);
      printJson({
        file: args.file,
        valid,
        errors: diagnostics.filter((d) => d.severity === 'error').length,
        warnings: diagnostics.filter((d) => d.severity === 'warning').length,
        diagnostics: shown,
        ...(omitted.length > 0 ? { omitted } : {}),
        ...(summarise(config) ? { summary: summarise(config) } : {}),
      });
    } else if (args.format === 'markdown') {
      printOut(renderMarkdown(args.file, valid, diagnostics, config));
    } else {
      if (diagnostics.length > 0) printErr(renderDiagnostics(diagnostics, process.stderr));
      const s = summarise(config);
      if (valid && s) printOut(`${args.file}: valid (${count(s.roles, 'role')}, ${count(s.members, 'member')}, ${count(s.mappings, 'mapping')})`);
      else printErr(`${args.file}: not valid`);
    }
    if (!valid) requestExitCode(ExitCode.InvalidInput);
  },
};
