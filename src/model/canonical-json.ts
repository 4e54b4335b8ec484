// Canonical JSON (keys sorted, no whitespace) and its sha256: the one digest used by plans (checksum),
// state (resource digests) and drift detection, so the same value always hashes the same.
// Written out directly rather than through a JSON.stringify replacer that rebuilt every object sorted: a plan of
// 200 roles hashes 20,000 settings, and the replacer was half of buildPlan. The output is byte for byte what
// JSON.stringify gives for the same value with sorted keys (a property test holds it to that), so digests in
// existing state files stay valid.
import { createHash } from 'node:crypto';

const INDEX_KEY = /^(?:0|[1-9][0-9]*)$/;
const isIndexKey = (k: string): boolean => {
  const first = k.charCodeAt(0);
  return first >= 48 && first <= 57 && INDEX_KEY.test(k) && Number(k) < 4294967295;
};

/**
 * Keys sorted, in the order the digests have always used: the first implementation rebuilt each object with its
 * keys sorted, and JavaScript lists integer-like keys ("0", "12") first, in numeric order, whatever the
 * insertion order. Kept, or every recorded digest with such a key would read as drift.
 */
function orderedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record).sort();
  if (!keys.some(isIndexKey)) return keys;
  const indexes = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isIndexKey(k))];
}

// Printable ASCII without quote or backslash: written as is (JSON.stringify would change nothing).
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const quote = (text: string): string => (PLAIN.test(text) ? `"${text}"` : JSON.stringify(text));

/** The JSON of a value, or undefined for what JSON leaves out (undefined, functions, symbols). */
function write(value: unknown, key: string): string | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      // As JSON.stringify: a BigInt has no JSON form.
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) out += `${i > 0 ? ',' : ''}${write(v[i], String(i)) ?? 'null'}`;
        return `${out}]`;
      }
      const record = v as Record<string, unknown>;
      let out = '{';
      for (const k of orderedKeys(record)) {
        const item = write(record[k], k);
        if (item === undefined) continue;
        out += `${out.length > 1 ? ',' : ''}${quote(k)}:${item}`;
      }
      return `${out}}`;
    }
    default:
      // undefined, functions, symbols: skipped in objects, null in arrays, nothing at the top.
      return undefined;
  }
}

export function canonicalJson(value: unknown): string {
  // As JSON.stringify: undefined (not a string) when the value itself has no JSON form.
  return write(value, '') as string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const digestOf = (value: unknown): string => `sha256:${sha256Hex(canonicalJson(value) ?? 'null')}`;
