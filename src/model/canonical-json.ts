// Canonical JSON (keys sorted, no whitespace) and its sha256: the one digest used by plans (checksum),
// state (resource digests) and drift detection, so the same value always hashes the same.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const digestOf = (value: unknown): string => `sha256:${sha256Hex(canonicalJson(value) ?? 'null')}`;
