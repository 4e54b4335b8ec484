// Renders a `cwctl check` report for a terminal: verdict, missing and excess cells, member requirements and
// the smallest fix. Pure: returns a string (colour only through paint); the command prints it.
import type { CellFinding, CheckReport } from '../../gitops/build-check-report.js';
import { paint } from '../output.js';

const cell = (c: CellFinding): string => `${c.function}: ${c.kind} ${c.have} -> ${c.need}`;

export function renderCheckText(report: CheckReport): string {
  const m = report.member;
  const lines: string[] = [];
  const verdict = report.fits
    ? paint('green', `fits: ${m.identifier} has exactly what ${report.profile.title} needs`)
    : paint('yellow', `does not fit: ${m.identifier} against ${report.profile.title}`);
  lines.push(verdict, '');
  lines.push(`member  ${m.identifier} (${m.name})${m.inactive ? ' [inactive]' : ''}`);
  lines.push(`role    ${m.role?.name ?? '(none)'}${report.roleSharedWith.length ? `  (also held by ${report.roleSharedWith.join(', ')})` : ''}`);
  lines.push(`level   ${m.level ?? '(none)'}   location ${m.location ?? '(none)'}   business unit ${m.businessUnit ?? '(none)'}`);
  if (report.missing.length) {
    lines.push('', paint('red', `Missing (${report.missing.length}): what ${report.profile.title} needs and the role lacks`));
    for (const c of report.missing) lines.push(`  - ${cell(c)}`);
  }
  if (report.excess.length) {
    lines.push('', paint('yellow', `Beyond the profile (${report.excess.length}): what the role grants and ${report.profile.title} does not need`));
    for (const c of report.excess) lines.push(`  - ${cell(c)}`);
  }
  if (report.memberIssues.length) {
    lines.push('', paint('red', 'Member requirements'));
    for (const i of report.memberIssues) lines.push(`  - ${i.message}${i.have ? ` (now: ${i.have})` : ''}`);
  }
  for (const c of report.customize) {
    const label = c.list === 'SystemTableSetup' ? 'Table Setup' : c.list;
    if (c.status === 'missing') lines.push('', paint('red', `${label}: not allowed: ${c.missing.join(', ')}`));
    else if (c.status === 'unverified') lines.push('', `${label}: needs ${c.required.join(', ')} (not verified)`);
    else lines.push('', `${label}: ok${c.extra.length ? ` (also allows ${c.extra.join(', ')})` : ''}`);
  }
  if (report.fix) {
    lines.push('', paint('bold', 'Smallest fix, as YAML (cwctl plan/apply):'), '', ...report.fix.yaml.trimEnd().split('\n').map((l) => `  ${l}`));
    lines.push('', paint('bold', 'or by hand in the PSA:'));
    for (const p of report.fix.clickPaths) lines.push(`  - ${p}`);
  }
  for (const n of report.notes) lines.push('', paint('cyan', 'note: ') + n);
  return `${lines.join('\n')}\n`;
}
