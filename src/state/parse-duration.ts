// Parses the durations of --lock-timeout and --timeout ("0", "500ms", "30s", "5m", "1h", "1m30s") into
// milliseconds. Pure; a bad value is exit 3 naming the flag.
import { CwctlError, ExitCode } from '../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string | number, flag: string): number {
  if (typeof text === 'number') return text * 1000;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw new CwctlError(`${flag} ${JSON.stringify(text)} is not a duration`, {
      exitCode: ExitCode.InvalidInput,
      code: 'bad-duration',
      hint: `write it like 30s, 5m, 1h or 1m30s (a bare number is seconds)`,
    });
  }
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] as string] as number), 0));
}
