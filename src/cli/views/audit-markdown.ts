// Renders a `cwctl audit` report as markdown (a job summary, an issue body): a table of API members, then what
// each grants beyond its closest profile, shared roles and Admin members. Pure.
import type { AuditReport } from '../../inspect/build-audit-report.js';
import { VERDICT_WORDS } from './audit-text.js';

const esc = (text: string): string => text.replace(/\|/g, '\\|');

export function renderAuditMarkdown(report: AuditReport): string {
  const out = [`## cwctl audit: ${esc(report.target.company)}`, ''];
  out.push(report.beyondLeastPrivilege ? '**Some API members have more than least privilege.**' : 'Every API member has least privilege.', '');
  out.push('| Member | Role | Closest profile | Beyond | Shared with | Verdict |', '| --- | --- | --- | --- | --- | --- |');
  for (const m of report.members) {
    out.push(`| \`${esc(m.identifier)}\` | ${m.role ? esc(m.role.name) + (m.role.admin ? ' (Admin)' : '') : '-'} | ${m.closest ? `\`${m.closest}\`` : '-'} | ${m.beyond.length} | ${m.sharesRoleWith.map(esc).join(', ') || '-'} | ${VERDICT_WORDS[m.verdict]} |`);
  }
  for (const m of report.members.filter((x) => x.beyond.length > 0)) {
    out.push('', `### \`${esc(m.identifier)}\`: beyond ${m.closest ? `\`${m.closest}\`` : 'any profile'}`, '');
    for (const c of m.beyond) out.push(`- ${esc(c.function)}: ${c.kind} ${c.have}${c.need === 'None' ? '' : ` (profile: ${c.need})`}`);
  }
  if (report.sharedRoles.length) {
    out.push('', '### Shared roles', '');
    for (const s of report.sharedRoles) out.push(`- ${esc(s.role)}: ${s.members.map(esc).join(', ')}`);
  }
  if (report.admins.length) out.push('', `**Running as Admin:** ${report.admins.map(esc).join(', ')}`);
  out.push('', ...report.notes.map((n) => `> ${n}`));
  return out.join('\n');
}
