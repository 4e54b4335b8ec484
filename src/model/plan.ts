// The Plan: changes (what differs), drift (what moved in the PSA since the last apply), ordered operations,
// the guided checklist, safety findings, a summary and a checksum. Plain JSON; saved with `plan --out`.
import type { Address, AddressKind } from './address.js';
import type { GuidedAction } from './guided-action.js';
import type { JsonValue } from './json.js';
import type { Operation } from './operation.js';

export const PLAN_FORMAT_VERSION = 1;

export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'noop';

export interface Change {
  address: Address;
  action: ChangeAction;
  before: JsonValue;
  after: JsonValue;
  /** For display only. */
  reason?: string;
  /** true when this change raises a privilege (set by plan/safety). */
  escalation?: boolean;
}

/** A live object that changed since the last apply, apart from what the YAML changed. */
export interface DriftItem {
  address: Address;
  summary: string;
  /** The value cwctl last applied (as far as state knows) and what is live now. */
  before: JsonValue;
  after: JsonValue;
  lastUpdated?: string;
  updatedBy?: string;
}

/** One line of the checklist a person works through in the PSA screens. */
export interface GuidedStep {
  operationId: string;
  address: Address;
  /** e.g. "System > Security Roles > BrightGaugeAPI > Service Desk > Service Tickets". */
  clickPath: string;
  /** e.g. "Inquire Level: None -> All". */
  instruction: string;
  /** How cwctl will know the step is done. */
  verify: 'api' | 'member-keys' | 'person';
  /** What the step is, as data: the executor verifies this, never the words above (plan/guided-wording.ts). */
  action: GuidedAction;
}

export interface SafetyFinding {
  address: Address;
  kind: 'escalation' | 'delete-cap' | 'role-in-use' | 'self-lockout';
  message: string;
  /** The flag that allows it; null when nothing allows it. */
  allowFlag: '--allow-escalation' | '--allow-deletes' | null;
}

/** A declared object found live and matching: recorded in state by the next apply, no request needed. */
export interface Adoption {
  address: Address;
  kind: AddressKind;
  psaId?: number;
  digest: string;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  replace: number;
  /** Operations on the API executor and on the guided executor. */
  api: number;
  guided: number;
  drift: number;
  escalations: number;
  adopt: number;
}

/** --target / --exclude: the addresses a plan was narrowed to (apply narrows its fresh plan the same way). */
export interface PlanSelection {
  targets: string[];
  excludes: string[];
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** Present only on a plan narrowed with --target / --exclude. */
  selection?: PlanSelection;
  createdAt: string;
  target: { site: string; company: string; sandbox: boolean };
  stateLineage: string | null;
  stateSerial: number | null;
  changes: Change[];
  drift: DriftItem[];
  operations: Operation[];
  guided: GuidedStep[];
  adopt: Adoption[];
  safety: SafetyFinding[];
  summary: PlanSummary;
  /** sha256 over the canonical plan but checksum, createdAt and requestCount (src/plan/plan-checksum.ts). */
  checksum: string;
  /** Requests the read of the live PSA took. */
  requestCount: number;
}
