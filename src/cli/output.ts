// The only writers to the console. Colours only on a TTY and never with NO_COLOR or --no-color.
import { stderr, stdout } from 'node:process';
import { escapeJsonText, escapeTerminalReport } from './views/escape-terminal.js';

export type Format = 'text' | 'json' | 'markdown';
export const FORMATS: readonly Format[] = ['text', 'json', 'markdown'];

let colourOverride: boolean | undefined;
export function setColour(enabled: boolean | undefined): void {
  colourOverride = enabled;
}

export function useColour(stream: NodeJS.WriteStream = stdout): boolean {
  if (colourOverride !== undefined) return colourOverride;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

const ANSI = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, grey: 90, bold: 1, dim: 2 } as const;
export type Colour = keyof typeof ANSI;

/** Wraps text in an ANSI colour when colour is on for stdout. */
export function paint(colour: Colour, text: string, stream: NodeJS.WriteStream = stdout): string {
  return useColour(stream) ? `\u001b[${ANSI[colour]}m${text}\u001b[0m` : text;
}

// Each renderer escapes the outside text it prints (views/escape-terminal.ts); these writers escape once more whatever
// control character is left (a carriage return, a cursor move), keeping only line breaks, tabs and colour codes.
//
// `cwctl state list | head -1`: the reader leaves, the next write fails with EPIPE, and an 'error' event nobody
// listens to crashed the run. A reader that left wants no more output; the command still finishes its work
// (an apply must not stop half-way because its report has no reader).
let stdoutGone = false;
stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutGone = true;
});

/** Writes a report to stdout (adds a final newline when missing); nothing once its reader has gone. */
export function printOut(text: string): void {
  if (stdoutGone) return;
  const safe = escapeTerminalReport(text);
  stdout.write(safe.endsWith('\n') || safe === '' ? safe : `${safe}\n`);
}

/** Writes a message for the person to stderr. */
export function printErr(text: string): void {
  const safe = escapeTerminalReport(text);
  stderr.write(safe.endsWith('\n') || safe === '' ? safe : `${safe}\n`);
}

/** JSON on stdout; characters JSON leaves raw that a terminal acts on are written as \\u escapes (same value). */
export function printJson(value: unknown): void {
  if (stdoutGone) return;
  const json = escapeJsonText(JSON.stringify(value, null, 2));
  stdout.write(`${json}\n`);
}
