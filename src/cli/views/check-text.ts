// Renders a `cwctl check` report for a terminal: verdict, missing and excess cells, member requirements and
// the smallest fix. Pure: returns a string (colour only through paint); the command prints it.
import type { CellFinding, CheckReport } from '../../inspect/build-check-report.js';
import { paint } from '../output.js';
import { escapeTerminal as esc, escapeTerminalLines } from './escape-terminal.js';

// Names and levels come from the PSA or the catalogue: escaped before they reach the terminal.
const cell = (c: CellFinding): string => esc(`${c.function}: ${c.kind} ${c.have} -> ${c.need}`);
const list = (items: readonly string[]): string => items.map((i) => esc(i)).join(', ');

export function renderCheckText(report: CheckReport): string {
  const m = report.member;
  const lines: string[] = [];
  const verdict = report.fits
    ? paint('green', `fits: ${esc(m.identifier)} has exactly what ${esc(report.profile.title)} needs`)
    : paint('yellow', `does not fit: ${esc(m.identifier)} against ${esc(report.profile.title)}`);
  lines.push(verdict, '');
  lines.push(`member  ${esc(m.identifier)} (${esc(m.name)})${m.inactive ? ' [inactive]' : ''}`);
  lines.push(`role    ${esc(m.role?.name ?? '(none)')}${report.roleSharedWith.length ? `  (also held by ${list(report.roleSharedWith)})` : ''}`);
  lines.push(`level   ${esc(m.level ?? '(none)')}   location ${esc(m.location ?? '(none)')}   business unit ${esc(m.businessUnit ?? '(none)')}`);
  if (report.missing.length) {
    lines.push('', paint('red', `Missing (${report.missing.length}): what ${esc(report.profile.title)} needs and the role lacks`));
    for (const c of report.missing) lines.push(`  - ${cell(c)}`);
  }
  if (report.excess.length) {
    lines.push('', paint('yellow', `Beyond the profile (${report.excess.length}): what the role grants and ${esc(report.profile.title)} does not need`));
    for (const c of report.excess) lines.push(`  - ${cell(c)}`);
  }
  if (report.memberIssues.length) {
    lines.push('', paint('red', 'Member requirements'));
    for (const i of report.memberIssues) lines.push(`  - ${esc(i.message)}${i.have ? ` (now: ${esc(i.have)})` : ''}`);
  }
  for (const c of report.customize) {
    const label = c.list === 'SystemTableSetup' ? 'Table Setup' : c.list;
    if (c.status === 'missing') lines.push('', paint('red', `${esc(label)}: not allowed: ${list(c.missing)}`));
    else if (c.status === 'unverified') lines.push('', `${esc(label)}: needs ${list(c.required)} (not verified)`);
    else lines.push('', `${esc(label)}: ok${c.extra.length ? ` (also allows ${list(c.extra)})` : ''}`);
  }
  if (report.fix) {
    lines.push('', paint('bold', 'Smallest fix, as YAML (cwctl plan/apply):'), '', ...escapeTerminalLines(report.fix.yaml.trimEnd()).split('\n').map((l) => `  ${l}`));
    lines.push('', paint('bold', 'or by hand in the PSA:'));
    for (const p of report.fix.clickPaths) lines.push(`  - ${esc(p)}`);
  }
  for (const n of report.notes) lines.push('', paint('cyan', 'note: ') + esc(n));
  return `${lines.join('\n')}\n`;
}
