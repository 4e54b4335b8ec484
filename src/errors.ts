// CwctlError and the one exit-code table (also printed by --help and documented in the README).
// Code deeper down throws CwctlError (or a subclass); only src/cli/main.ts turns it into an exit code.

export const ExitCode = {
  Success: 0,
  Internal: 1,
  ChangesPresent: 2,
  InvalidInput: 3,
  PsaError: 4,
  LockedOrStale: 5,
  Unsafe: 6,
  Partial: 7,
  WaitingOnGuided: 8,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_TABLE: readonly { code: ExitCode; meaning: string }[] = [
  { code: 0, meaning: 'success; in sync' },
  { code: 1, meaning: 'internal error (a bug: please report it)' },
  { code: 2, meaning: 'changes or drift present (plan --detailed-exitcode, drift, check)' },
  { code: 3, meaning: 'invalid input (YAML, schema, names, flags)' },
  { code: 4, meaning: 'PSA or network error after retries' },
  { code: 5, meaning: 'state locked, stale plan or checksum mismatch' },
  { code: 6, meaning: 'refused as unsafe without an explicit allow flag' },
  { code: 7, meaning: 'apply stopped part-way (state saved; run apply again)' },
  { code: 8, meaning: 'apply is waiting on guided steps (do the checklist, then apply again or use --wait)' },
  { code: 130, meaning: 'interrupted (lock released, state consistent)' },
];

export interface CwctlErrorOptions {
  exitCode: ExitCode;
  /** Short stable code for JSON output and tests, e.g. `state-locked`. */
  code?: string;
  hint?: string;
  cause?: unknown;
}

/** An expected failure with a message for a person: printed without a stack trace. */
export class CwctlError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  readonly hint: string | undefined;

  constructor(message: string, options: CwctlErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CwctlError';
    this.exitCode = options.exitCode;
    this.code = options.code ?? 'error';
    this.hint = options.hint;
  }
}

export const isCwctlError = (error: unknown): error is CwctlError => error instanceof CwctlError;
