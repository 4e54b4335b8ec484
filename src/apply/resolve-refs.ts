// Resolves the {ref: address} placeholders of an operation to the PSA ids recorded by earlier operations
// (this apply) or by the state (an earlier apply). Pure; an unresolved ref is an error naming the operation,
// never a guess.
import { CwctlError, ExitCode } from '../errors.js';
import type { Address } from '../model/address.js';
import type { IdOrRef, RefId, RefPatchOperation } from '../model/operation.js';
import { isRef } from '../model/operation.js';
import type { PsaPatchOperation } from '../psa/types.js';

/** PSA id of the object at an address, if known. */
export type IdLookup = (address: Address) => number | undefined;

export function resolveId(value: IdOrRef, lookup: IdLookup, operationId: string): number {
  if (typeof value === 'number') return value;
  const id = lookup(value.ref);
  if (id === undefined) {
    throw new CwctlError(`operation ${operationId} needs the PSA id of ${value.ref}, which no earlier step recorded`, {
      exitCode: ExitCode.Partial,
      code: 'unresolved-ref',
      hint: 'run cwctl plan again: the plan no longer matches what was applied',
    });
  }
  return id;
}

export function resolveRefId(value: RefId, lookup: IdLookup, operationId: string): { id: number } {
  return { id: resolveId(value.id, lookup, operationId) };
}

/** A body whose reference fields ({id: IdOrRef}) are resolved to {id: number}; other fields pass through. */
export function resolveBody<T extends object>(body: T, lookup: IdLookup, operationId: string): ResolvedBody<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    out[key] = isRefIdValue(value) ? resolveRefId(value, lookup, operationId) : value;
  }
  return out as ResolvedBody<T>;
}

export type ResolvedBody<T> = { [K in keyof T]: T[K] extends RefId | undefined ? Exclude<T[K], RefId> | { id: number } : T[K] };

export function resolvePatch(patch: readonly RefPatchOperation[], lookup: IdLookup, operationId: string): PsaPatchOperation[] {
  return patch.map((p) => {
    const value = isRefIdValue(p.value) ? resolveRefId(p.value, lookup, operationId) : p.value;
    return value === undefined ? { op: p.op, path: p.path } : { op: p.op, path: p.path, value };
  });
}

function isRefIdValue(value: unknown): value is RefId {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'number' || isRef(id);
}
