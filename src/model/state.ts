// The state lockfile (.cwctl/state.json): what cwctl owns in one PSA and what it last applied.
// cwctl deletes only what it owns here. No secret is ever written to it. Types only.
import type { Address, AddressKind } from './address.js';
import type { JsonValue } from './json.js';

export const STATE_FORMAT_VERSION = 1;

export interface StateFile {
  formatVersion: typeof STATE_FORMAT_VERSION;
  /** uuid fixed at creation: a plan made from another lineage is refused. */
  lineage: string;
  /** +1 on every write. */
  serial: number;
  target: { site: string; company: string };
  resources: Record<Address, StateResource>;
}

export interface StateResource {
  kind: AddressKind;
  psaId?: number;
  /** sha256 of the canonical live value as last applied or verified (drift = live digest moved). */
  digest: string;
  /**
   * The canonical value as last applied or verified (levels, names, ids; never secrets), so drift can say
   * which function and level moved, not only that something did. Produced by plan/snapshot.ts.
   */
  applied?: JsonValue;
  /**
   * Roles: the level cells and customize items that an applied plan asked a person to set
   * (`{settings: {"Module / Function": {kind: Level}}, customize: {list: [items]}}`), recorded when the plan is
   * applied, before the person has done them. A later plan that raises a cell only up to what was approved is
   * finishing reviewed work (a resumed or repeated apply), not a new escalation.
   */
  approved?: JsonValue;
  appliedAt: string;
  /** How the last value was known to be true. */
  verifiedBy?: 'api' | 'member-keys' | 'person';
  /** For `person`: who confirmed, and when. */
  confirmedBy?: { who: string; at: string };
  /** API keys: the last 4 characters of the public key and when the pair was verified. Never the private key. */
  publicKeySuffix?: string;
  keyVerifiedAt?: string;
}

export interface LockInfo {
  id: string;
  operation: string;
  who: string;
  host: string;
  pid: number;
  createdAt: string;
}
