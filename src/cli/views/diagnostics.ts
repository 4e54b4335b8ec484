// Renders Diagnostics as compiler-style lines: `file:line:col: error[code]: summary`, then the hint.
// Pure: returns a string; the CLI prints it.
import type { Diagnostic } from '../../model/diagnostic.js';
import { paint } from '../output.js';

export function renderDiagnostic(d: Diagnostic, stream?: NodeJS.WriteStream): string {
  const where = d.source ? `${d.source.file}:${d.source.line}:${d.source.column}: ` : d.address ? `${d.address}: ` : '';
  const label = paint(d.severity === 'error' ? 'red' : 'yellow', `${d.severity}[${d.code}]`, stream);
  const lines = [`${where}${label}: ${d.summary}`];
  if (d.detail) lines.push(`  ${d.detail}`);
  if (d.hint) lines.push(`  ${paint('cyan', 'hint', stream)}: ${d.hint}`);
  return lines.join('\n');
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[], stream?: NodeJS.WriteStream): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const body = diagnostics.map((d) => renderDiagnostic(d, stream)).join('\n');
  const tally = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return diagnostics.length === 0 ? '' : `${body}\n${tally}`;
}
