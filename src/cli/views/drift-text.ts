// Renders a drift report for a terminal: drift (who and when) apart from pending YAML changes, and what to do.
// Pure: returns a string; the command prints it.
import { describeMove } from '../../inspect/drift-report.js';
import type { DriftReport } from '../../inspect/drift-report.js';
import { paint } from '../output.js';
import { escapeTerminal as esc } from './escape-terminal.js';

export function renderDriftText(report: DriftReport): string {
  const lines: string[] = [];
  const where = report.target.sandbox ? 'the sandbox' : `${esc(report.target.company)} at ${esc(report.target.site)}`;
  if (report.inSync) {
    lines.push(paint('green', `in sync: ${where} matches the YAML and the last apply`));
    return `${lines.join('\n')}\n`;
  }
  if (!report.state) lines.push(paint('yellow', 'no state yet (nothing applied): every difference counts as pending'), '');
  if (report.drift.length) {
    lines.push(paint('red', `Drift (${report.drift.length}): changed in the PSA since the last apply`));
    for (const d of report.drift) {
      // Who and when come from the PSA; the address and values from the YAML or the PSA: all escaped.
      const who = [d.updatedBy ? `by ${esc(d.updatedBy)}` : '', d.lastUpdated ? `at ${esc(d.lastUpdated)}` : ''].filter(Boolean).join(' ');
      lines.push(`  ~ ${esc(d.address)}: ${esc(describeMove(d.before, d.after))}${who ? `  (${who})` : ''}`);
    }
    lines.push('');
  }
  if (report.pending.length) {
    lines.push(paint('yellow', `Pending (${report.pending.length}): the YAML changed and was not applied`));
    for (const c of report.pending) lines.push(`  ${c.action === 'create' ? '+' : c.action === 'delete' ? '-' : '~'} ${esc(c.address)}: ${esc(describeMove(c.before, c.after))}`);
    lines.push('');
  }
  if (report.drift.length) {
    lines.push('To restore what the YAML says: cwctl apply. To keep what the PSA has now: change the YAML to match, then cwctl apply.');
  } else if (report.pending.length) {
    lines.push('To apply the YAML: cwctl plan, then cwctl apply.');
  } else if (report.restores.length) {
    lines.push(`${report.restores.length} difference${report.restores.length === 1 ? '' : 's'} an apply would restore.`);
  }
  return `${lines.join('\n')}\n`;
}
