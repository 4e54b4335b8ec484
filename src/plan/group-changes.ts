// Groups a plan's changes under the object they belong to (a role with its level cells and lists, a member
// with its keys, a mapping with its cross references), in plan order, for the renderers. Pure.
import type { Address } from '../model/address.js';
import { parentAddress } from '../model/address.js';
import type { Change, ChangeAction } from '../model/plan.js';
import { parseAddress } from '../model/parse-address.js';

export interface ChangeGroup {
  /** `role:X`, `member:x`, `mapping:managedDevices/M`. */
  address: Address;
  kind: 'role' | 'member' | 'mapping';
  name: string;
  /** The object's own action; `update` when only its parts change. */
  action: Exclude<ChangeAction, 'noop'>;
  /** The change at the object's own address, if any (its field update when it is also renamed). */
  self?: Change;
  /** A `moved:` rename of the object (also in `self` when it is the object's only own change). */
  rename?: Change;
  /** Level cells, customize lists, API keys, cross references. */
  parts: Change[];
  escalation: boolean;
}

export function groupChanges(changes: readonly Change[]): ChangeGroup[] {
  const groups = new Map<Address, ChangeGroup>();
  for (const change of changes) {
    if (change.action === 'noop') continue;
    const address = parentAddress(change.address);
    const parsed = parseAddress(address);
    if (!parsed || (parsed.kind !== 'role' && parsed.kind !== 'member' && parsed.kind !== 'mapping')) continue;
    const name = parsed.kind === 'role' ? parsed.role : parsed.kind === 'member' ? parsed.identifier : parsed.mapping;
    let group = groups.get(address);
    if (!group) {
      group = { address, kind: parsed.kind, name, action: 'update', parts: [], escalation: false };
      groups.set(address, group);
    }
    if (change.address === address) {
      if (change.action === 'rename') group.rename = change;
      // A rename then a field update of the same object: the update is its own change, the rename stays shown.
      if (change.action !== 'rename' || !group.self) {
        group.self = change;
        group.action = change.action;
      }
    } else {
      group.parts.push(change);
    }
    if (change.escalation) group.escalation = true;
  }
  return [...groups.values()];
}
