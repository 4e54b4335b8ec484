// Renders a drift report as markdown that is ready to be an issue body or a job summary: a hidden marker comment
// first (so a workflow finds its issue again), then drift apart from pending changes. Pure: returns a string.
import { describeMove } from '../../inspect/drift-report.js';
import type { DriftReport } from '../../inspect/drift-report.js';

const esc = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The hidden marker at the top of the drift report: one per config. `--` cannot appear in an HTML comment. */
export function driftMarker(config: string): string {
  return `<!-- cwctl-drift:${config.replace(/--+/g, '-')} -->`;
}

export function renderDriftMarkdown(report: DriftReport, config: string): string {
  const where = report.target.sandbox ? 'the sandbox' : `\`${report.target.company}\` at \`${report.target.site}\``;
  const out: string[] = [driftMarker(config)];
  if (report.inSync) {
    out.push(`## cwctl drift: in sync`, '', `${where} matches \`${config}\` and the last apply (checked ${report.checkedAt}).`, '');
    return out.join('\n');
  }
  out.push(`## cwctl drift: ${report.drift.length} drifted, ${report.pending.length} pending`, '');
  out.push(`Checked ${where} against \`${config}\` at ${report.checkedAt}${report.state?.lastAppliedAt ? `; last apply ${report.state.lastAppliedAt} (state serial ${report.state.serial})` : '; no apply recorded yet'}.`, '');
  if (report.drift.length) {
    out.push('### Drift: changed in the PSA since the last apply', '', '| object | what changed | by | when |', '|---|---|---|---|');
    for (const d of report.drift) {
      out.push(`| \`${esc(d.address)}\` | ${esc(describeMove(d.before, d.after))} | ${esc(d.updatedBy ?? '')} | ${esc(d.lastUpdated ?? '')} |`);
    }
    out.push('');
  }
  if (report.pending.length) {
    out.push('### Pending: the YAML changed and was not applied', '', '| object | action | change |', '|---|---|---|');
    for (const c of report.pending) out.push(`| \`${esc(c.address)}\` | ${c.action} | ${esc(describeMove(c.before, c.after))} |`);
    out.push('');
  }
  out.push('### What to do', '');
  if (report.drift.length) {
    out.push('- To restore what the YAML says, run `cwctl apply` (or merge a pull request, which applies).');
    out.push(`- To keep what the PSA has now, change \`${config}\` to match in a pull request; its apply records the new values.`);
  }
  if (report.pending.length) out.push('- Pending changes are applied by the next `cwctl apply`.');
  out.push('', '<sub>Opened and kept up to date by cwctl drift; closed when the PSA is back in sync.</sub>', '');
  return out.join('\n');
}
