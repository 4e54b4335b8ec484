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

export interface Diagnostic {
  severity: Severity;
  /** Short stable code, e.g. `unknown-function`, `schema`, `yaml-syntax`, `secret-in-file`. */
  code: string;
  summary: string;
  detail?: string;
  /** A likely fix: "did you mean 'Service Desk / Service Tickets'?" */
  hint?: string;
  address?: Address;
  source?: SourceSpan;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');
