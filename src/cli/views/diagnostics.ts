// Renders Diagnostics as compiler-style lines: `file:line:col: error[code]: summary`, then the hint.
// Pure: returns a string; the CLI prints it. Every piece comes from outside (file names, names quoted from the YAML or
// the PSA) and is escaped: a newline in a role name must not forge an `error:` line of its own.
import { capDiagnostics, describeOmitted } from '../../config/cap-diagnostics.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { paint } from '../output.js';
import { escapeTerminal as esc } from './escape-terminal.js';

export function renderDiagnostic(d: Diagnostic, stream?: NodeJS.WriteStream): string {
  const where = d.source ? `${esc(d.source.file)}:${d.source.line}:${d.source.column}: ` : d.address ? `${esc(d.address)}: ` : '';
  const label = paint(d.severity === 'error' ? 'red' : 'yellow', `${d.severity}[${esc(d.code)}]`, stream);
  // Summaries quote names, so they get room for a few of them before the cut.
  const lines = [`${where}${label}: ${esc(d.summary, 2000)}`];
  if (d.detail) lines.push(`  ${esc(d.detail, 2000)}`);
  if (d.hint) lines.push(`  ${paint('cyan', 'hint', stream)}: ${esc(d.hint, 2000)}`);
  return lines.join('\n');
}

/**
 * Every diagnostic, at most MAX_DIAGNOSTICS_PER_FILE per file (then "... and N more"), and a tally that counts
 * the ones not shown too.
 */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], stream?: NodeJS.WriteStream): string {
  if (diagnostics.length === 0) return '';
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const { shown, omitted } = capDiagnostics(diagnostics);
  const lines = shown.map((d) => renderDiagnostic(d, stream));
  for (const o of omitted) lines.push(paint(o.errors > 0 ? 'red' : 'yellow', esc(describeOmitted(o), Infinity), stream));
  const tally = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return `${lines.join('\n')}\n${tally}`;
}
