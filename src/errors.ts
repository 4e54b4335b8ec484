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

/** Codes of a PSA request that failed for good (psa/errors.ts builds them). */
export type PsaErrorCode =
  | 'psa-bad-response' | 'psa-conflict' | 'psa-forbidden' | 'psa-http-error' | 'psa-invalid-request'
  | 'psa-method-not-allowed' | 'psa-network' | 'psa-not-found' | 'psa-paging' | 'psa-rate-limited'
  | 'psa-server-error' | 'psa-timeout' | 'psa-tls' | 'psa-unauthorized' | 'psa-unreachable';

/**
 * Every code a CwctlError carries: the `code` of JSON error output and of the Action's outputs, so a new one is
 * added here, where a reader of that output finds them all. `error` is the default.
 */
export type CwctlErrorCode =
  | PsaErrorCode
  | 'apply-partial' | 'approval-required' | 'bad-duration' | 'bad-parallelism' | 'error' | 'exclude-dependency'
  | 'file-exists' | 'file-unreadable' | 'file-unwritable' | 'fmt-invalid' | 'gone' | 'import-invalid'
  | 'init-template' | 'interrupted' | 'invalid-credentials' | 'invalid-desired-state' | 'invalid-flags'
  | 'invalid-id' | 'invalid-new-keys' | 'invalid-option' | 'invalid-plan' | 'invalid-profile' | 'invalid-site'
  | 'lock-id-mismatch' | 'log-level' | 'member-key-rejected' | 'no-api-for-operation' | 'no-company'
  | 'no-credentials' | 'no-lock' | 'no-member' | 'no-plan' | 'no-role' | 'no-state' | 'not-a-simulator' | 'not-owned'
  | 'plan-checksum' | 'plan-cycle' | 'plan-out' | 'plan-tampered' | 'plan-target-mismatch' | 'psa-client-closed'
  | 'psa-unknown-level' | 'rename-refused' | 'serve-port-denied' | 'serve-port-in-use' | 'role-in-use' | 'show-out' | 'sim-data' | 'sim-port' | 'sim-ui' | 'sim-world'
  | 'stale-plan' | 'stale-plan-sources' | 'state-dir-not-a-folder' | 'state-invalid' | 'state-lock-stale' | 'state-locked'
  | 'state-target-mismatch' | 'state-unreadable' | 'tls-required' | 'unknown-address' | 'unknown-member'
  | 'unknown-profile' | 'unknown-role' | 'unresolved-names' | 'unresolved-ref' | 'unsafe' | 'usage';

export interface CwctlErrorOptions {
  exitCode: ExitCode;
  /** Short stable code for JSON output and tests, e.g. `state-locked`. */
  code?: CwctlErrorCode;
  hint?: string;
  cause?: unknown;
}

/** An expected failure with a message for a person: printed without a stack trace. */
export class CwctlError extends Error {
  readonly exitCode: ExitCode;
  readonly code: CwctlErrorCode;
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
