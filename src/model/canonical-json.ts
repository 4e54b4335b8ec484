// Canonical JSON (keys sorted, no whitespace) and its sha256: the one digest used by plans (checksum),
// state (resource digests) and drift detection, so the same value always hashes the same.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      // fromEntries defines own properties: plain assignment of a "__proto__" key (JSON.parse makes such keys)
      // would set the prototype instead and drop the key from the digest.
      const record = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
    }
    return v;
  });
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const digestOf = (value: unknown): string => `sha256:${sha256Hex(canonicalJson(value) ?? 'null')}`;
