// Checked readers from the JSON that changes, drift items and state records carry (JsonValue) back to the typed
// payloads cwctl wrote there (a setting's four levels, a customize list's items), so that readers narrow with a
// check instead of a cast. A value that is not what cwctl writes reads as undefined (or None cells), never throws.
// Pure; no I/O.
import type { Level, Levels } from '../catalogue/types.js';
import type { JsonObject, JsonValue } from './json.js';

export const isJsonObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isLevel = (v: JsonValue | undefined): v is Level => v === 'None' || v === 'My' || v === 'All';
/** The value at `path` through nested objects (`['settings', key]`); undefined where a step is not an object. */
export function readPath(v: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let at = v;
  for (const step of path) at = isJsonObject(at) ? at[step] : undefined;
  return at;
}

const levelOr = (v: JsonValue | undefined): Level => (isLevel(v) ? v : 'None');

/**
 * The four levels of a setting's value (`{add, edit, delete, inquire}`, as plan/snapshot.ts writes it); undefined
 * when the value is not one (no Inquire level). A missing or unknown cell reads as None.
 */
export function readLevels(v: JsonValue | undefined): Levels | undefined {
  if (!isJsonObject(v) || !isLevel(v.inquire)) return undefined;
  return { add: levelOr(v.add), edit: levelOr(v.edit), delete: levelOr(v.delete), inquire: v.inquire };
}

/** The items of a customize list's value (`{items: [...]}`, as plan/snapshot.ts writes it); undefined when it has none. */
export function readItems(v: JsonValue | undefined): string[] | undefined {
  if (!isJsonObject(v) || !Array.isArray(v.items)) return undefined;
  return v.items.filter((i): i is string => typeof i === 'string');
}
