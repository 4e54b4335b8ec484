// Renders a `cwctl check` report as markdown (a ticket, a PR comment or a job summary). Pure: returns a string.
import type { CellFinding, CheckReport } from '../../inspect/build-check-report.js';

const esc = (text: string): string => text.replace(/\|/g, '\\|');
const row = (c: CellFinding): string => `| ${esc(c.function)} | ${c.kind} | ${c.have} | ${c.need} |`;

export function renderCheckMarkdown(report: CheckReport): string {
  const m = report.member;
  const out: string[] = [];
  out.push(`## cwctl check: \`${m.identifier}\` against ${report.profile.title}`, '');
  out.push(report.fits ? `**Fits exactly.** The role grants what ${report.profile.title} needs, nothing more.` : '**Does not fit.**', '');
  out.push('| member | role | level | location | business unit |', '|---|---|---|---|---|');
  out.push(`| ${esc(m.identifier)}${m.inactive ? ' (inactive)' : ''} | ${esc(m.role?.name ?? '(none)')} | ${esc(m.level ?? '(none)')} | ${esc(m.location ?? '(none)')} | ${esc(m.businessUnit ?? '(none)')} |`, '');
  const table = (title: string, cells: CellFinding[]): void => {
    if (!cells.length) return;
    out.push(`### ${title} (${cells.length})`, '', '| function | column | has | needs |', '|---|---|---|---|', ...cells.map(row), '');
  };
  table(`Missing: what ${report.profile.title} needs and the role lacks`, report.missing);
  table(`Beyond the profile: least privilege`, report.excess);
  if (report.memberIssues.length) out.push('### Member requirements', '', ...report.memberIssues.map((i) => `- ${i.message}${i.have ? ` (now: ${i.have})` : ''}`), '');
  for (const c of report.customize) {
    const label = c.list === 'SystemTableSetup' ? 'Table Setup' : c.list;
    if (c.status === 'missing') out.push(`- ${label}: not allowed: ${c.missing.join(', ')}`);
    else if (c.status === 'unverified') out.push(`- ${label}: needs ${c.required.join(', ')} (not verified)`);
    else out.push(`- ${label}: ok`);
  }
  if (report.customize.length) out.push('');
  if (report.fix) {
    out.push('### Smallest fix', '', '```yaml', report.fix.yaml.trimEnd(), '```', '', 'or by hand in the PSA:', '');
    for (const p of report.fix.clickPaths) out.push(`- [ ] ${p}`);
    out.push('');
  }
  for (const n of report.notes) out.push(`> ${n}`, '');
  return out.join('\n');
}
