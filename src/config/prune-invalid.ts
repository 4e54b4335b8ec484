// What the cross-field rules may read of a document with shape errors: a copy without the parts the schema
// refused, so every rule error can be reported together with the shape errors (as `terraform validate` does)
// instead of a missing `level` hiding all of them. An item whose identity is broken (a role without a usable
// name, a member without an identifier, a mapping without a name) is left out; any other refused property is
// removed (a refused permission or customize entry alone). Unknown keys stay: no rule reads them. Array items keep
// their indexes (a left-out item becomes undefined), so positions in messages stay right. Pure; never mutates.

import type { ErrorObject } from 'ajv';
import { pointerToPath } from './schema.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The collections of items, where they sit, and the key that names an item. */
const COLLECTIONS: readonly { path: readonly string[]; identity: string }[] = [
  { path: ['roles'], identity: 'name' },
  { path: ['members'], identity: 'identifier' },
  { path: ['mappings', 'managedDevices'], identity: 'name' },
];

/** Maps of an item whose entries are judged one by one (a bad permission does not hide the others). */
const ENTRY_MAPS = new Set(['permissions', 'customize']);

export function pruneInvalid(value: unknown, errors: readonly ErrorObject[]): Json {
  if (!isObject(value)) return {};
  const out: Json = { ...value };
  if (isObject(value.mappings)) out.mappings = { ...value.mappings };
  const lists = new Map<string, unknown[]>();
  for (const c of COLLECTIONS) {
    const parent = c.path.length === 1 ? out : (out.mappings as Json | undefined);
    const list: unknown = parent?.[c.path.at(-1)!];
    if (parent && Array.isArray(list)) {
      const copy: unknown[] = [...(list as unknown[])];
      parent[c.path.at(-1)!] = copy;
      lists.set(c.path.join('/'), copy);
    }
  }
  // Items and entry maps already copied (each is copied once, however many errors it has).
  const copied = new Set<unknown>();
  const own = (holder: Json | unknown[], key: string | number): Json | undefined => {
    const current = (holder as Record<string | number, unknown>)[key];
    if (!isObject(current)) return undefined;
    if (copied.has(current)) return current;
    const copy = { ...current };
    copied.add(copy);
    (holder as Record<string | number, unknown>)[key] = copy;
    return copy;
  };

  for (const error of errors) {
    if (error.keyword === 'additionalProperties') continue;
    const path = pointerToPath(error.instancePath, value);
    if (path.length === 0) {
      if (error.keyword === 'type') return {};
      continue; // a missing `version`: no rule reads it
    }
    if (path[0] === 'psa') {
      delete out.psa;
      continue;
    }
    if (path[0] === 'mappings' && path.length === 1) {
      delete out.mappings;
      continue;
    }
    const collection = COLLECTIONS.find((c) => c.path.every((segment, i) => path[i] === segment));
    if (!collection) continue; // `version`
    const base = collection.path.length;
    const list = lists.get(collection.path.join('/'));
    if (path.length === base || !list) {
      // The collection itself is not a list.
      if (base === 1) delete out[collection.path[0]!];
      else if (isObject(out.mappings)) delete out.mappings.managedDevices;
      continue;
    }
    const index = path[base];
    if (typeof index !== 'number' || list[index] === undefined) continue;
    if (path.length === base + 1) {
      const missing = error.keyword === 'required' ? String((error.params as { missingProperty?: unknown }).missingProperty) : undefined;
      // Not a mapping, or no identity: nothing of it can be checked. A missing other key: the rules go without it.
      if (missing === undefined || missing === collection.identity) list[index] = undefined;
      continue;
    }
    const property = String(path[base + 1]);
    if (property === collection.identity) {
      list[index] = undefined;
      continue;
    }
    const item = own(list, index);
    if (!item) continue;
    if (property === 'permissions' && path.length > base + 3) {
      // One refused level: the function's other levels are still checked.
      const entries = own(item, property);
      const levels = entries ? own(entries, String(path[base + 2])) : undefined;
      if (levels) delete levels[String(path[base + 3])];
    } else if (ENTRY_MAPS.has(property) && path.length > base + 2) {
      const entries = own(item, property);
      if (entries) delete entries[String(path[base + 2])];
    } else {
      delete item[property];
    }
  }
  return out;
}
