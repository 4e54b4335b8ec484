// JSON value types the simulator stores and serves, and small guards for reading request bodies.
// Pure helpers; no I/O.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep copy through JSON, so callers never share mutable rows with the store. */
export function cloneJson<T extends Json>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * A record typed by an interface of JSON fields, as a JsonObject. Interfaces have no implicit index signature, so
 * `FaultConfig` is not a JsonObject by itself; the constraint checks every field is JSON, so no cast is needed.
 */
export function jsonObjectOf<T extends Record<keyof T, Json>>(value: T): JsonObject {
  const fields: Record<keyof T, Json> = value;
  return fields;
}
