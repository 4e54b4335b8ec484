// The checksum of a Plan: sha256 of the canonical JSON of every field apply could act on or a reviewer reads
// (target, state lineage and serial, changes, drift, operations, guided steps, adoptions, safety findings,
// summary), i.e. the whole plan but its own checksum, the time it was made and the request count. A saved plan
// whose fields no longer hash to its checksum was edited after `plan --out`. Pure.
import { streamDigestOf } from './stream-digest.js';

/** The only fields of a plan outside its checksum: they differ between two plans of the same changes. */
export const UNHASHED_PLAN_FIELDS: readonly string[] = ['checksum', 'createdAt', 'requestCount'];

/**
 * `sha256:<hex>` over every field of `plan` but UNHASHED_PLAN_FIELDS. Any extra field a file carries is hashed
 * too, so nothing can be slipped in beside the reviewed plan. Throws RangeError on absurdly deep nesting.
 */
export function planChecksumOf(plan: object): string {
  const hashed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plan)) if (!UNHASHED_PLAN_FIELDS.includes(key)) hashed[key] = value;
  return streamDigestOf(hashed);
}
