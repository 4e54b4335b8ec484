// `cwctl apply --refresh-only`: accepts what changed in the PSA since the last apply into state, as Terraform's
// refresh-only apply does. Pure: from the drift a plan found and the live read, the state to write. Nothing is
// written to the PSA; the YAML is not consulted, so a later plan shows the YAML's differences as pending changes.
// An object that is gone from the PSA (or a list cwctl cannot read) keeps its record: forgetting ownership is
// `cwctl state rm`'s job, done on purpose.
import type { Address } from '../model/address.js';
import { roleAddress } from '../model/address.js';
import type { LiveState } from '../model/live.js';
import type { DriftItem } from '../model/plan.js';
import type { StateFile } from '../model/state.js';
import { parseAddress } from '../model/parse-address.js';
import { buildStateResources } from '../plan/snapshot.js';

export interface RefreshResult {
  /** The state to write (same resources where nothing could be refreshed). */
  state: StateFile;
  /** State records replaced by what is live now. */
  refreshed: Address[];
  /** Drifted records left as they are: the object is gone from the PSA or cannot be read. */
  kept: Address[];
}

/** The state record a drift item belongs to: a level cell lives inside its role's record. */
function recordAddress(state: StateFile, address: Address): Address | undefined {
  if (state.resources[address]) return address;
  const parsed = parseAddress(address);
  if (parsed?.kind === 'setting') return state.resources[roleAddress(parsed.role)] ? roleAddress(parsed.role) : undefined;
  return undefined;
}

export function refreshState(state: StateFile, live: LiveState, drift: readonly DriftItem[], now: string): RefreshResult {
  const addresses = [...new Set(drift.map((d) => recordAddress(state, d.address)).filter((a): a is Address => a !== undefined))].sort();
  const fresh = buildStateResources(live, addresses, now);
  const resources = { ...state.resources };
  const refreshed: Address[] = [];
  const kept: Address[] = [];
  for (const address of addresses) {
    const record = fresh[address];
    const before = resources[address];
    if (!record || !before) {
      kept.push(address);
      continue;
    }
    // The value, digest and how it is known come from the read; what was approved for a person and a key's
    // suffix stay. Who confirmed described the old value, so it goes.
    const { confirmedBy: _confirmedBy, ...rest } = before;
    resources[address] = { ...rest, ...record };
    refreshed.push(address);
  }
  return { state: { ...state, resources }, refreshed, kept };
}
