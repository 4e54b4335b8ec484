// The live checklist as a person sees it while `apply --wait` runs: plain data, one snapshot at a time,
// grouped the way the PSA screens are (one click path per screen, then the cells on it). The terminal view
// and the `--serve` page both render this one shape, so they cannot disagree about what is left to do.
// JSON-safe (the page fetches it as is); never carries a key, a header or anything else secret.
import type { Address } from './address.js';

export const LIVE_CHECKLIST_FORMAT_VERSION = 1;

export type LiveLineStatus = 'pending' | 'done';

export interface LiveChecklistLine {
  address: Address;
  /** e.g. "Inquire Level: None -> All", "allow 'Service Board'". */
  instruction: string;
  status: LiveLineStatus;
  /** How cwctl knows: read back with its own keys, with the member's new keys, or only a person can say. */
  verify: 'api' | 'member-keys' | 'person';
  /** Why it is still pending ("Inquire is My, not All"), or how it was verified. */
  note?: string;
  /** Only a person can confirm it: the exact command to do so (`cwctl apply --confirm ADDRESS`). */
  confirmWith?: string;
}

/** One PSA screen: its click path once, then the lines to do on it. */
export interface LiveChecklistGroup {
  /** The role or API member the screen belongs to. */
  owner: { kind: 'role' | 'member'; name: string };
  /** e.g. "System > Security Roles > BrightGaugeAPI > Service Desk". */
  clickPath: string;
  lines: LiveChecklistLine[];
}

export interface LiveChecklistSnapshot {
  formatVersion: typeof LIVE_CHECKLIST_FORMAT_VERSION;
  /** Which PSA (company at site), so a person with two tabs open knows which one this is. */
  target: { company: string; site: string };
  /** Increases with every change, so a page can tell a new snapshot from the same one. */
  revision: number;
  done: number;
  total: number;
  /** waiting: apply is polling the PSA; finished: every line is done; stopped: apply ended with lines left. */
  phase: 'waiting' | 'finished' | 'stopped';
  /** ISO time of the last read of the PSA. */
  checkedAt?: string;
  groups: LiveChecklistGroup[];
}

/** Where a snapshot comes from: the apply loop publishes, the terminal view and the page subscribe. */
export interface LiveChecklistFeed {
  current(): LiveChecklistSnapshot;
  /** Called with each new snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: LiveChecklistSnapshot) => void): () => void;
}
