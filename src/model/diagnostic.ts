// Diagnostics: problems found in the user's input or the live PSA, collected rather than thrown.
// Printed by the CLI as `file:line:col: error[code]: summary` with the hint below.
import type { Address } from './address.js';

export interface SourceSpan {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export type Severity = 'error' | 'warning';

/** Every diagnostic code (`error[code]` in the output; JSON `diagnostics[].code`): one list, so none is a typo. */
export type DiagnosticCode =
  | 'moved-both-exist' | 'moved-chain' | 'moved-cycle' | 'moved-duplicate' | 'moved-external-role' | 'moved-kind-mismatch' | 'moved-not-api-member' | 'moved-not-needed' | 'moved-other-object' | 'moved-source-declared' | 'moved-target-undeclared'
  | 'ambiguous-function' | 'ambiguous-name' | 'caller-unidentified' | 'duplicate-api-key'
  | 'duplicate-cross-reference' | 'duplicate-mapping' | 'duplicate-member' | 'duplicate-permission'
  | 'duplicate-profile' | 'duplicate-psa' | 'duplicate-role' | 'duplicate-table' | 'empty-file'
  | 'external-role-managed' | 'file-not-found' | 'file-too-large' | 'file-unreadable' | 'invalid-profile'
  | 'level-not-offered' | 'level-spelling' | 'look-alike-name' | 'member-level' | 'member-requirement'
  | 'missing-key' | 'not-an-api-member' | 'not-text' | 'profile-beyond-catalogue' | 'profile-replaces-builtin'
  | 'schema' | 'secret-in-file' | 'too-long' | 'too-many-profiles' | 'unknown-customize-item' | 'unknown-function'
  | 'unknown-key' | 'unknown-level' | 'unknown-name' | 'unknown-profile' | 'unknown-role' | 'unknown-table'
  | 'wrong-type' | 'yaml-alias-bomb' | 'yaml-syntax' | 'yaml-too-deep' | 'yaml-warning';

export interface Diagnostic {
  severity: Severity;
  /** Short stable code, e.g. `unknown-function`, `schema`, `yaml-syntax`, `secret-in-file`. */
  code: DiagnosticCode;
  summary: string;
  detail?: string;
  /** A likely fix: "did you mean 'Service Desk / Service Tickets'?" */
  hint?: string;
  address?: Address;
  source?: SourceSpan;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');
