// GitHub Actions runner protocol: workflow commands on stdout (::add-mask::, ::warning::, ::stop-commands::)
// and the environment files ($GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY). Formatting and file appends only;
// it decides nothing about what to report.
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';

// Escapes as actions/toolkit does, so a value cannot end the command early or start a new one.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function formatMask(value: string): string {
  return `::add-mask::${escapeData(value)}\n`;
}

export function formatAnnotation(kind: 'error' | 'warning' | 'notice', message: string): string {
  return `::${kind}::${escapeData(message)}\n`;
}

/**
 * Wraps text (the CLI's own output echoed into the log) so that lines in it that look like workflow
 * commands, e.g. a role named `::set-env`, are printed and never obeyed.
 */
export function formatInert(text: string): string {
  const token = `cwctl-${randomUUID()}`;
  const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  return `::stop-commands::${token}\n${body}::${token}::\n`;
}

/** One `name<<DELIMITER` entry for $GITHUB_OUTPUT; the delimiter never occurs in the value. */
export function formatOutput(name: string, value: string): string {
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** Appends outputs to the $GITHUB_OUTPUT file; with no file (run outside Actions) it does nothing. */
export async function appendOutputs(file: string | undefined, outputs: Record<string, string>): Promise<void> {
  if (!file) return;
  await appendFile(file, Object.entries(outputs).map(([name, value]) => formatOutput(name, value)).join(''), 'utf8');
}

/** Appends markdown to the job summary ($GITHUB_STEP_SUMMARY). */
export async function appendSummary(file: string | undefined, markdown: string): Promise<void> {
  if (!file) return;
  await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
}
