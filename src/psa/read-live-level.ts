// A permission level as the PSA sent it, read fail-closed: null or absent is None (a column the function lacks),
// None/My/All in any case are themselves, and any other value is a PSA error (exit 4) naming where it was seen.
// Read as None, an unknown level would make a raise look like no change and escalation checks pass silently.
import type { Level } from '../catalogue/types.js';
import { CwctlError, ExitCode } from '../errors.js';

const LEVEL_WORDS: Readonly<Record<string, Level>> = { none: 'None', my: 'My', all: 'All' };

/** `where` names the row for the message: "role 'X' (id 3), Service Desk / Service Tickets, inquireLevel (settings row id 9)". */
export function readLiveLevel(value: unknown, where: () => string): Level {
  if (value === null || value === undefined) return 'None';
  const level = typeof value === 'string' ? LEVEL_WORDS[value.trim().toLowerCase()] : undefined;
  if (level) return level;
  throw new CwctlError(`the PSA sent an unknown level ${JSON.stringify(value).slice(0, 40)} for ${where()}; cwctl knows None, My and All`, {
    exitCode: ExitCode.PsaError,
    code: 'psa-unknown-level',
    hint: 'cwctl will not guess what this level grants: report the value (and the PSA version) so cwctl can learn it',
  });
}
