// Prints a scenario's figures as a small aligned table on stdout (vitest shows it under the test file), so
// `npm run test:reliability` leaves numbers a report can quote. Formatting only.

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
