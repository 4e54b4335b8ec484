// Moves state records from an old address to a new one after a rename (`moved:`): the object's own record and
// every record under it (a role's level cells and lists, a member's API keys), keeping ids, approvals and how
// each was verified. The recorded snapshot is renamed too (and its digest with it), so the rename itself is
// not taken for drift; a role rename also renames it in the snapshots of members that hold it. Pure.
import type { Address } from '../model/address.js';
import { memberAddress, parseMovableAddress, roleAddress } from '../model/address.js';
import { digestOf } from '../model/canonical-json.js';
import type { JsonValue } from '../model/json.js';
import type { StateResource } from '../model/state.js';

export interface RecordMove {
  kind: 'role' | 'member';
  /** Old and new role name or member identifier. */
  from: string;
  to: string;
}

export const moveAddresses = (m: RecordMove): { from: Address; to: Address } =>
  m.kind === 'role' ? { from: roleAddress(m.from), to: roleAddress(m.to) } : { from: memberAddress(m.from), to: memberAddress(m.to) };

/** `applied` with one field renamed; the digest follows only when it was the digest of that snapshot. */
function renamed(record: StateResource, field: 'name' | 'identifier' | 'role', from: string, to: string): StateResource {
  const applied: JsonValue | undefined = record.applied;
  if (!applied || typeof applied !== 'object' || Array.isArray(applied) || applied[field] !== from) return record;
  const next = { ...applied, [field]: to };
  return { ...record, applied: next, digest: record.digest === digestOf(applied) ? digestOf(next) : record.digest };
}

/** A new resources map with the records of `m.from` under `m.to`. Records already at the new address stay. */
export function moveRecords(resources: Readonly<Record<Address, StateResource>>, m: RecordMove): Record<Address, StateResource> {
  const { from, to } = moveAddresses(m);
  const out: Record<Address, StateResource> = {};
  for (const [address, record] of Object.entries(resources)) {
    if (address === from || address.startsWith(`${from}/`)) {
      const target = `${to}${address.slice(from.length)}`;
      if (resources[target]) continue;
      out[target] = address === from ? renamed(record, m.kind === 'role' ? 'name' : 'identifier', m.from, m.to) : record;
    } else if (m.kind === 'role' && record.kind === 'member') {
      out[address] = renamed(record, 'role', m.from, m.to);
    } else {
      out[address] = record;
    }
  }
  return out;
}

/** The record move a plan's `moved` entry stands for (undefined for an address that cannot move). */
export function recordMoveOf(move: { from: Address; to: Address }): RecordMove | undefined {
  const from = parseMovableAddress(move.from);
  const to = parseMovableAddress(move.to);
  return from && to && from.kind === to.kind ? { kind: from.kind, from: from.name, to: to.name } : undefined;
}

/** moveRecords on a map that is mutated in place (apply's state writes take a mutator). */
export function moveRecordsInPlace(resources: Record<Address, StateResource>, m: RecordMove): void {
  const moved = moveRecords(resources, m);
  for (const address of Object.keys(resources)) if (!(address in moved)) delete resources[address];
  Object.assign(resources, moved);
}
