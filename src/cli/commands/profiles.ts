// `cwctl profiles list` and `cwctl profiles show NAME`: the integration profiles (built in, each read from its
// vendor's page, and the user's own from profiles/ beside the YAML), as text, a module x function grid in
// markdown, or JSON (with the source, the date read, notes, optional rows and tiers). Read-only; no PSA needed.

import type { Argv, ArgumentsCamelCase, CommandModule } from 'yargs';
import { buildProfileReport } from '../../catalogue/build-profile-report.js';
import type { ProfileReport, ProfileRow } from '../../catalogue/build-profile-report.js';
import { allProfiles, findProfile, listProfileNames } from '../../catalogue/profiles/index.js';
import { registerUserProfiles } from '../../catalogue/profiles/load-user-profiles.js';
import type { IntegrationProfile } from '../../catalogue/types.js';
import { didYouMean, suggestName } from '../../config/suggest.js';
import { CwctlError, ExitCode } from '../../errors.js';
import { hasErrors } from '../../model/diagnostic.js';
import type { GlobalArgs } from '../options.js';
import { printErr, printJson, printOut } from '../output.js';

/** The user's profiles beside -f: errors stop the command (exit 3), warnings are printed. */
export async function useProfilesBeside(file: string): Promise<void> {
  const own = await registerUserProfiles(file);
  for (const d of own.diagnostics) {
    const at = d.source ? `${d.source.file}:${d.source.line}:${d.source.column}: ` : '';
    printErr(`${at}${d.severity}[${d.code}]: ${d.summary}${d.hint ? `\n  hint: ${d.hint}` : ''}`);
  }
  if (hasErrors(own.diagnostics)) {
    throw new CwctlError(`the profiles in ${own.dir} do not validate`, { exitCode: ExitCode.InvalidInput, code: 'invalid-profile', hint: 'fix the files named above (schema/cwctl-profile.schema.json)' });
  }
}

function requireProfile(name: string): IntegrationProfile {
  const profile = findProfile(name);
  if (profile) return profile;
  throw new CwctlError(`unknown profile '${name}'`, {
    exitCode: ExitCode.InvalidInput,
    code: 'unknown-profile',
    hint: didYouMean(suggestName(name, listProfileNames())) ?? 'cwctl profiles list shows them all',
  });
}

function memberLine(r: ProfileReport): string {
  const need = (b: boolean): string => (b ? 'required' : 'not required');
  return `API member: level ${r.member.level}; location ${need(r.member.requiresLocation)}; business unit ${need(r.member.requiresBusinessUnit)}`;
}

function sourceLine(r: ProfileReport): string {
  if (!r.source) return r.origin.kind === 'user' ? `from ${r.origin.file}` : 'source not recorded';
  const from = r.origin.kind === 'user' ? ` (${r.origin.file})` : '';
  return `read from ${r.source.url} on ${r.source.read}${from}`;
}

/** "Function" or "Function (not in cwctl's catalogue)". */
const fnLabel = (row: ProfileRow): string => (row.inCatalogue ? row.function : `${row.function} (vendor's words; checked against the PSA)`);

function textGrid(rows: ProfileRow[]): string[] {
  const headers = ['Module', 'Function', 'Add', 'Edit', 'Delete', 'Inquire'];
  const cells = rows.map((p) => [p.module, fnLabel(p), p.add, p.edit, p.delete, p.inquire]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (c: string[]): string => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  let lastModule = '';
  const body = cells.map((row) => {
    // The module once per group, as the Security Modules screen shows it.
    const shown = row[0] === lastModule ? '' : row[0]!;
    lastModule = row[0]!;
    return line([shown, ...row.slice(1)]);
  });
  return [line(headers), ...body];
}

export function renderProfileText(profile: IntegrationProfile): string {
  const r = buildProfileReport(profile);
  const out = [`${r.title} (${r.name}), ${sourceLine(r)}`];
  if (r.source?.follows) out.push(`follows: ${r.source.follows}`);
  out.push('', ...textGrid(r.permissions), '');
  if (r.optional.length > 0) out.push('Optional (the page marks these optional; not granted by the profile):', ...textGrid(r.optional).map((l) => `  ${l}`), '');
  for (const t of r.tiers) out.push(`Tier ${t.title} (profiles: [${t.select}]) adds:`, ...textGrid(t.permissions).map((l) => `  ${l}`), '');
  if (r.tableSetupAllExcept) out.push(`Table Setup (Customize): every table except ${r.tableSetupAllExcept.length}`, ...r.tableSetupAllExcept.map((t) => `  - ${t}`));
  else out.push(r.tableSetup.length > 0 ? `Table Setup (Customize): ${r.tableSetup.length} tables` : 'Table Setup (Customize): none', ...r.tableSetup.map((t) => `  ${t}`));
  out.push(memberLine(r));
  if (r.notes.length) out.push('Notes:', ...r.notes.map((n) => `  - ${n}`));
  return out.join('\n');
}

function markdownGrid(rows: ProfileRow[]): string[] {
  return ['| Module | Function | Add | Edit | Delete | Inquire |', '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((p) => `| ${p.module} | ${fnLabel(p)} | ${p.add} | ${p.edit} | ${p.delete} | ${p.inquire} |`)];
}

export function renderProfileMarkdown(profile: IntegrationProfile): string {
  const r = buildProfileReport(profile);
  const source = r.source ? `Read from <${r.source.url}> on ${r.source.read}.${r.source.follows ? ` Follows ${r.source.follows}.` : ''}` : sourceLine(r);
  const out = [`## ${r.title} (\`${r.name}\`)`, '', source, '', ...markdownGrid(r.permissions)];
  if (r.optional.length > 0) out.push('', '**Optional** (not granted by the profile):', '', ...markdownGrid(r.optional));
  for (const t of r.tiers) out.push('', `**Tier ${t.title}** (\`profiles: [${t.select}]\`) adds:`, '', ...markdownGrid(t.permissions));
  if (r.tableSetupAllExcept) out.push('', '**Table Setup (Customize):** every table except', ...r.tableSetupAllExcept.map((t) => `- ${t}`));
  else out.push('', '**Table Setup (Customize):** ' + (r.tableSetup.length > 0 ? '' : 'none'), ...r.tableSetup.map((t) => `- ${t}`));
  out.push('', `**${memberLine(r)}**`);
  if (r.notes.length) out.push('', ...r.notes.map((n) => `- ${n}`));
  return out.join('\n');
}

interface ShowArgs extends GlobalArgs {
  name: string;
}

const listCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'list',
  describe: 'List the integration profiles (built in, and your own from profiles/ beside the YAML)',
  handler: async (args: ArgumentsCamelCase<GlobalArgs>) => {
    await useProfilesBeside(args.file);
    const rows = allProfiles().map((p) => {
      const r = buildProfileReport(findProfile(p.name) ?? p);
      return {
        name: r.name, title: r.title, source: r.source, origin: r.origin, functions: r.permissions.length, optional: r.optional.length,
        tiers: r.tiers.map((t) => t.select), tableSetup: r.tableSetup.length, member: r.member,
      };
    });
    if (args.format === 'json') {
      printJson({ profiles: rows });
      return;
    }
    if (args.format === 'markdown') {
      printOut(['| Profile | Integration | Functions | Tiers | Table Setup tables | Read |', '| --- | --- | --- | --- | --- | --- |',
        ...rows.map((r) => `| \`${r.name}\` | ${r.title} | ${r.functions} | ${r.tiers.map((t) => `\`${t}\``).join(', ') || '-'} | ${r.tableSetup} | ${r.source?.read ?? '-'} |`)].join('\n'));
      return;
    }
    const width = Math.max(...rows.map((r) => r.name.length));
    printOut(rows.map((r) => {
      const extra = [r.tiers.length ? `tiers ${r.tiers.map((t) => t.slice(r.name.length)).join(' ')}` : '', r.optional ? `${r.optional} optional` : '', r.origin.kind === 'user' ? 'yours' : '']
        .filter(Boolean).join('; ');
      return `${r.name.padEnd(width)}  ${r.title}: ${r.functions} functions, ${r.tableSetup} Table Setup tables${extra ? ` (${extra})` : ''}`;
    }).join('\n'));
  },
};

const showCommand: CommandModule<GlobalArgs, ShowArgs> = {
  command: 'show <name>',
  describe: 'Show what a profile grants (module x function levels, optional rows, tiers, Table Setup, API member), where it was read and when',
  builder: (yargs: Argv<GlobalArgs>) => yargs.positional('name', { type: 'string', demandOption: true, describe: 'Profile name, or profile:tier (cwctl profiles list)' }),
  handler: async (args: ArgumentsCamelCase<ShowArgs>) => {
    await useProfilesBeside(args.file);
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
