// Canonical JSON (keys sorted, no whitespace) and its sha256: the one digest used by plans (checksum),
// state (resource digests) and drift detection, so the same value always hashes the same.
// Written out directly rather than through a JSON.stringify replacer that rebuilt every object sorted: a plan of
// 200 roles hashes 20,000 settings, and the replacer was half of buildPlan. The output is byte for byte what
// JSON.stringify gives for the same value with sorted keys (a property test holds it to that), so digests in
// existing state files stay valid.
import { createHash, hash } from 'node:crypto';
import type { JsonValue } from './json.js';

const INDEX_KEY = /^(?:0|[1-9][0-9]*)$/;
const isIndexKey = (k: string): boolean => {
  const first = k.charCodeAt(0);
  return first >= 48 && first <= 57 && INDEX_KEY.test(k) && Number(k) < 4294967295;
};

/** An object's keys as Object.keys lists them, in canonical order, and each written as `"key":`. */
interface Shape {
  keys: readonly string[];
  order: readonly string[];
  names: readonly string[];
}

/**
 * The shapes of the last few objects written: a plan's objects come in runs of one shape (1,000 adoptions, the
 * cells of an operation), and each then costs a comparison of its key list instead of an ordering and quoting.
 * Matched on the keys' text, so a hit is exactly what ordering and quoting them again would give.
 */
const SHAPES = 8;
const shapes: Shape[] = [];
let nextShape = 0;

function shapeOf(record: Record<string, unknown>): Shape {
  const keys = Object.keys(record);
  for (const shape of shapes) {
    const known = shape.keys;
    if (known.length !== keys.length) continue;
    let same = true;
    for (let i = 0; i < keys.length; i++) {
      if (known[i] !== keys[i]) {
        same = false;
        break;
      }
    }
    if (same) return shape;
  }
  const order = canonicalKeyOrder([...keys]);
  const shape: Shape = { keys, order, names: order.map((k) => `${quoteJson(k)}:`) };
  // Large objects (a state's resources by address) are written once: not worth keeping.
  if (keys.length <= 64) {
    shapes[nextShape] = shape;
    nextShape = (nextShape + 1) % SHAPES;
  }
  return shape;
}

/**
 * Keys in the order canonical JSON writes them (sorts `keys` in place; also for writers of one known shape): sorted,
 * in the order the digests have always used: the first implementation rebuilt each object with its keys sorted, and
 * JavaScript lists integer-like keys ("0", "12") first, in numeric order, whatever the insertion order. Kept, or
 * every recorded digest with such a key would read as drift.
 */
export function canonicalKeyOrder(keys: string[]): string[] {
  for (const k of keys) {
    const first = k.charCodeAt(0);
    if (first >= 48 && first <= 57) return orderedWithIndexes(keys);
  }
  return sortNames(keys);
}

function orderedWithIndexes(all: string[]): string[] {
  const keys = all.sort();
  if (!keys.some(isIndexKey)) return keys;
  const indexes = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isIndexKey(k))];
}

/**
 * `keys.sort()` (UTF-16 code unit order, as `<` compares strings), in place. Most objects written here are small
 * (a level cell has four keys) or already in order (a snapshot's keys are sorted when it is built): those cost no
 * call of Array.prototype.sort, which was a quarter of the canonical JSON of a plan.
 */
function sortNames(keys: string[]): string[] {
  const n = keys.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return keys;
  if (n > 16) return keys.sort();
  for (let i = 1; i < n; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

// Printable ASCII without quote or backslash: written as is (JSON.stringify would change nothing).
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
export const quoteJson = (text: string): string => (PLAIN.test(text) ? `"${text}"` : JSON.stringify(text));

/** The JSON text of a value that is not a non-null object; undefined for what has none (undefined, functions, symbols). */
function scalarJson(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return quoteJson(v);
    case 'number':
      // JSON writes a finite number as its ToString (String(v)), anything else as null.
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      // As JSON.stringify: a BigInt has no JSON form.
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      return 'null'; // null: the one object that comes here
    default:
      // undefined, functions, symbols: skipped in objects, null in arrays, nothing at the top.
      return undefined;
  }
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/**
 * Emits the canonical JSON of a value piece by piece; false (nothing emitted) when the value has no JSON form.
 * One writer for the string (canonicalJson) and for a hash fed in chunks (plan/stream-digest.ts). The scalars of
 * an object or array are joined into the text around them, so a piece is emitted per nested object, not per token.
 */
function emitValue(value: unknown, key: string | number, emit: (text: string) => void): boolean {
  let v = value;
  if (isObject(v) && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON: (k: string) => unknown }).toJSON(String(key));
  if (!isObject(v)) {
    const text = scalarJson(v);
    if (text === undefined) return false;
    emit(text);
    return true;
  }
  if (Array.isArray(v)) {
    let text = '[';
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (i > 0) text += ',';
      if (!isObject(item)) {
        text += scalarJson(item) ?? 'null';
        continue;
      }
      emit(text);
      text = '';
      if (!emitValue(item, i, emit)) emit('null');
    }
    emit(`${text}]`);
    return true;
  }
  const record = v as Record<string, unknown>;
  const { order, names } = shapeOf(record);
  let text = '{';
  let first = true;
  for (let i = 0; i < order.length; i++) {
    const k = order[i]!;
    const item = record[k];
    if (!isObject(item)) {
      const scalar = scalarJson(item);
      if (scalar === undefined) continue;
      text += `${first ? '' : ','}${names[i]!}${scalar}`;
      first = false;
      continue;
    }
    emit(`${text}${first ? '' : ','}${names[i]!}`);
    text = '';
    first = false;
    emitValue(item, k, emit);
  }
  emit(`${text}}`);
  return true;
}

/** Canonical JSON of a JSON value; of anything else, undefined when it has no JSON form (as JSON.stringify). */
export function canonicalJson(value: JsonValue): string;
export function canonicalJson(value: unknown): string | undefined;
export function canonicalJson(value: unknown): string | undefined {
  let out = '';
  const written = emitValue(value, '', (text) => {
    out += text;
  });
  // As JSON.stringify: undefined (not a string) when the value itself has no JSON form.
  return written ? out : undefined;
}

/** Emits the canonical JSON of a value in pieces ("null" for a value with no JSON form, as digestOf hashes it). */
export function emitCanonicalJson(value: unknown, emit: (text: string) => void): void {
  if (!emitValue(value, '', emit)) emit('null');
}

/**
 * Hex sha256 of a text (as UTF-8) or bytes: the one digest primitive (state digests, plan checksums, the digests of a
 * saved plan's source files, the simulator's stored key hashes).
 */
export function sha256Hex(data: string | Uint8Array): string {
  // The one-shot hash: the same bytes as createHash().update(data), without a Hash object per digest (a plan of
  // 1,000 members takes 1,000 digests).
  return hash('sha256', data, 'hex');
}

/** The same digest of data handed over in pieces: a large canonical JSON is hashed without building one string. */
export function sha256HexOfPieces(write: (update: (piece: string | Uint8Array) => void) => void): string {
  const hash = createHash('sha256');
  write((piece) => hash.update(piece));
  return hash.digest('hex');
}

export const digestOf = (value: unknown): string => digestOfCanonical(canonicalJson(value) ?? 'null');

/** The digest of a value whose canonical JSON is already written (by a writer of one shape, as snapshotRoleDigest). */
export const digestOfCanonical = (json: string): string => `sha256:${sha256Hex(json)}`;
