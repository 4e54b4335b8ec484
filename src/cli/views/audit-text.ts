// Renders a `cwctl audit` report for a terminal: one block per API member (role, closest profile, what it grants
// beyond it), then shared roles and Admin members. Pure: returns a string; the command prints it.
import type { AuditCell, AuditMember, AuditReport } from '../../inspect/build-audit-report.js';
import { paint } from '../output.js';

const cell = (c: AuditCell): string => `${c.function}: ${c.kind} ${c.have}${c.need === 'None' ? '' : ` (profile: ${c.need})`}`;

export const VERDICT_WORDS: Record<AuditMember['verdict'], string> = {
  'least-privilege': 'least privilege',
  beyond: 'grants beyond its profile',
  admin: 'runs as Admin',
  'no-profile': 'no profile fits its role',
  'no-role': 'has no role',
  inactive: 'inactive',
};

export function renderAuditText(report: AuditReport): string {
  const lines: string[] = [];
  const flagged = report.members.filter((m) => ['beyond', 'admin', 'no-profile'].includes(m.verdict)).length;
  lines.push(report.beyondLeastPrivilege
    ? paint('yellow', `${flagged} of ${report.members.length} API members have more than least privilege`)
    : paint('green', `every one of ${report.members.length} API members has least privilege`), '');
  for (const m of report.members) {
    const colour = m.verdict === 'least-privilege' ? 'green' : m.verdict === 'inactive' || m.verdict === 'no-role' ? 'cyan' : 'yellow';
    lines.push(`${paint('bold', m.identifier)} (${m.name}): ${paint(colour, VERDICT_WORDS[m.verdict])}`);
    lines.push(`  role     ${m.role ? `${m.role.name}${m.role.admin ? ' [Admin]' : ''}` : '(none)'}${m.sharesRoleWith.length ? `  (shared with ${m.sharesRoleWith.join(', ')})` : ''}`);
    lines.push(`  fits     ${m.fits.length ? m.fits.map((f) => `${f.profile}${f.beyond ? ` (+${f.beyond})` : ''}`).join(', ') : '(no profile)'}`);
    if (m.role?.admin) lines.push(`  beyond   everything an Admin role grants (${m.beyond.length} cells; --format json lists them)`);
    else if (m.beyond.length) {
      lines.push(`  beyond ${m.closest ?? 'any profile'} (${m.beyond.length}):`);
      for (const c of m.beyond.slice(0, 20)) lines.push(`    - ${cell(c)}`);
      if (m.beyond.length > 20) lines.push(`    ... and ${m.beyond.length - 20} more (--format json lists all)`);
    }
    if (m.optionalGranted.length) lines.push(`  optional rows of ${m.closest} granted: ${m.optionalGranted.map((c) => `${c.function} ${c.kind}`).join(', ')}`);
    lines.push('');
  }
  if (report.sharedRoles.length) {
    lines.push(paint('bold', 'Roles held by more than one member:'));
    for (const s of report.sharedRoles) lines.push(`  - ${s.role}: ${s.members.join(', ')}`);
    lines.push('');
  }
  if (report.admins.length) lines.push(paint('yellow', `Running as Admin: ${report.admins.join(', ')}`), '');
  for (const n of report.notes) lines.push(paint('cyan', 'note: ') + n);
  return `${lines.join('\n')}\n`;
}
