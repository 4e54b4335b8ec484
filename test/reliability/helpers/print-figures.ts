// Prints a scenario's figures as a small aligned table on stdout (vitest shows it under the test file), so
// `npm run test:reliability` leaves numbers a report can quote. Formatting only.
import { availableParallelism } from 'node:os';

export type Row = Record<string, string | number | boolean>;

export function printFigures(title: string, rows: readonly Row[]): void {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | boolean | undefined): string => (v === undefined ? '' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const text = [`\n== ${title} ==`, line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
  console.log(text);
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/**
 * A line for a benchmark's header: the cores the CLI shares with the in-process simulator. A real PSA takes none of
 * the client's CPU; on a small machine the simulator's work (hundreds of ms a run) and the CLI's own threads compete
 * for the same cores, and the wall figures say as much about the machine as about cwctl (docs/decisions.md D38).
 */
export function machineNote(): string {
  const cores = availableParallelism();
  return `machine: ${cores} core(s), node ${process.versions.node}; the simulator runs on the same cores as the CLI${cores < 4 ? ' (under 4: the figures are CPU-bound)' : ''}`;
}
