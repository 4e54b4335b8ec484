// `cwctl profiles list` and `cwctl profiles show NAME`: the built-in integration profiles (from the vendor guides
// in shared/seeds), as text, a module x function grid in markdown, or JSON. Read-only; no PSA needed.

import type { Argv, ArgumentsCamelCase, CommandModule } from 'yargs';
import { buildProfileReport } from '../../catalogue/build-profile-report.js';
import type { ProfileReport } from '../../catalogue/build-profile-report.js';
import { findProfile, listProfileNames, PROFILES } from '../../catalogue/profiles/index.js';
import type { IntegrationProfile } from '../../catalogue/types.js';
import { didYouMean, suggestName } from '../../config/suggest.js';
import { CwctlError, ExitCode } from '../../errors.js';
import type { GlobalArgs } from '../options.js';
import { printJson, printOut } from '../output.js';

function requireProfile(name: string): IntegrationProfile {
  const profile = findProfile(name);
  if (profile) return profile;
  throw new CwctlError(`unknown profile '${name}'`, {
    exitCode: ExitCode.InvalidInput,
    code: 'unknown-profile',
    hint: didYouMean(suggestName(name, listProfileNames())) ?? `the profiles are ${listProfileNames().join(', ')}`,
  });
}

function memberLine(r: ProfileReport): string {
  const need = (b: boolean): string => (b ? 'required' : 'not required');
  return `API member: level ${r.member.level}; location ${need(r.member.requiresLocation)}; business unit ${need(r.member.requiresBusinessUnit)}`;
}

export function renderProfileText(profile: IntegrationProfile): string {
  const r = buildProfileReport(profile);
  const headers = ['Module', 'Function', 'Add', 'Edit', 'Delete', 'Inquire'];
  const rows = r.permissions.map((p) => [p.module, p.function, p.add, p.edit, p.delete, p.inquire]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  let lastModule = '';
  const body = rows.map((row) => {
    // Print the module once per group, as the Security Modules screen does.
    const shown = row[0] === lastModule ? '' : row[0]!;
    lastModule = row[0]!;
    return line([shown, ...row.slice(1)]);
  });
  const out = [`${profile.title} (${profile.name}), from seed ${profile.seed}`, '', line(headers), ...body, ''];
  out.push(r.tableSetup.length > 0 ? `Table Setup (Customize): ${r.tableSetup.length} tables` : 'Table Setup (Customize): none');
  for (const t of r.tableSetup) out.push(`  ${t}`);
  out.push(memberLine(r));
  if (profile.notes?.length) out.push('Notes:', ...profile.notes.map((n) => `  - ${n}`));
  return out.join('\n');
}

export function renderProfileMarkdown(profile: IntegrationProfile): string {
  const r = buildProfileReport(profile);
  const out = [`## ${profile.title} (\`${profile.name}\`)`, '', `From seed \`${profile.seed}\`.`, '', '| Module | Function | Add | Edit | Delete | Inquire |', '| --- | --- | --- | --- | --- | --- |'];
  for (const p of r.permissions) out.push(`| ${p.module} | ${p.function} | ${p.add} | ${p.edit} | ${p.delete} | ${p.inquire} |`);
  out.push('', '**Table Setup (Customize):** ' + (r.tableSetup.length > 0 ? '' : 'none'));
  for (const t of r.tableSetup) out.push(`- ${t}`);
  out.push('', `**${memberLine(r)}**`);
  if (profile.notes?.length) out.push('', ...profile.notes.map((n) => `- ${n}`));
  return out.join('\n');
}

interface ShowArgs extends GlobalArgs {
  name: string;
}

const listCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'list',
  describe: 'List the built-in integration profiles',
  handler: (args: ArgumentsCamelCase<GlobalArgs>) => {
    const rows = PROFILES.map((p) => {
      const r = buildProfileReport(p);
      return { name: p.name, title: p.title, seed: p.seed, functions: r.permissions.length, tableSetup: r.tableSetup.length, member: r.member };
    });
    if (args.format === 'json') {
      printJson({ profiles: rows });
      return;
    }
    if (args.format === 'markdown') {
      printOut(['| Profile | Integration | Functions | Table Setup tables | Location / business unit |', '| --- | --- | --- | --- | --- |',
        ...rows.map((r) => `| \`${r.name}\` | ${r.title} | ${r.functions} | ${r.tableSetup} | ${r.member.requiresLocation || r.member.requiresBusinessUnit ? 'required' : '-'} |`)].join('\n'));
      return;
    }
    const width = Math.max(...rows.map((r) => r.name.length));
    printOut(rows.map((r) => `${r.name.padEnd(width)}  ${r.title}: ${r.functions} functions, ${r.tableSetup} Table Setup tables`).join('\n'));
  },
};

const showCommand: CommandModule<GlobalArgs, ShowArgs> = {
  command: 'show <name>',
  describe: 'Show what a profile grants: module x function levels, Table Setup list, API member needs',
  builder: (yargs: Argv<GlobalArgs>) => yargs.positional('name', { type: 'string', demandOption: true, describe: 'Profile name (cwctl profiles list)' }),
  handler: (args: ArgumentsCamelCase<ShowArgs>) => {
    const profile = requireProfile(args.name);
    if (args.format === 'json') printJson(buildProfileReport(profile));
    else if (args.format === 'markdown') printOut(renderProfileMarkdown(profile));
    else printOut(renderProfileText(profile));
  },
};

export const profilesCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(listCommand).command(showCommand).demandCommand(1, 'Name a subcommand: list or show NAME'),
  handler: () => undefined,
};
