// The same digest as model/canonical-json.ts `digestOf` (sha256 of canonical JSON: keys sorted, no
// whitespace), computed by walking the value and feeding the hash in chunks instead of building sorted
// copies and one large string: a plan of 50,000 cells is checksummed without the garbage. Pure.
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';

const CHUNK = 1 << 16;

class Feed {
  private buffer = '';
  constructor(private readonly hash: Hash) {}
  push(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) this.flush();
  }
  flush(): void {
    if (this.buffer) this.hash.update(this.buffer, 'utf8');
    this.buffer = '';
  }
}

const isArrayIndex = (key: string): boolean => /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;

/**
 * The order canonicalJson ends up with: it re-inserts sorted keys into an object, and JS objects list
 * array-index keys first, in numeric order, whatever the insertion order.
 */
function canonicalKeyOrder(keys: string[]): string[] {
  const sorted = keys.sort();
  const indexes = sorted.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return indexes.length === 0 ? sorted : [...indexes, ...sorted.filter((k) => !isArrayIndex(k))];
}

/** Writes what JSON.stringify(value, sortingReplacer) would, for JSON-like values (what plans are made of). */
function write(value: unknown, feed: Feed, inArray: boolean): void {
  if (value === null) {
    feed.push('null');
    return;
  }
  switch (typeof value) {
    case 'string':
      feed.push(JSON.stringify(value));
      return;
    case 'number':
      feed.push(Number.isFinite(value) ? JSON.stringify(value) : 'null');
      return;
    case 'boolean':
      feed.push(value ? 'true' : 'false');
      return;
    case 'object': {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') {
        write(withJson.toJSON(), feed, inArray);
        return;
      }
      if (Array.isArray(value)) {
        feed.push('[');
        value.forEach((item, i) => {
          if (i > 0) feed.push(',');
          write(item, feed, true);
        });
        feed.push(']');
        return;
      }
      const record = value as Record<string, unknown>;
      feed.push('{');
      let first = true;
      for (const key of canonicalKeyOrder(Object.keys(record))) {
        const v = record[key];
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
        if (!first) feed.push(',');
        first = false;
        feed.push(JSON.stringify(key));
        feed.push(':');
        write(v, feed, false);
      }
      feed.push('}');
      return;
    }
    default:
      // undefined, functions, symbols: null inside arrays (JSON.stringify's rule); objects skip them above.
      if (inArray) feed.push('null');
  }
}

/** `sha256:<hex>` of the canonical JSON of `value`; equal to digestOf(value) for JSON values. */
export function streamDigestOf(value: unknown): string {
  const hash = createHash('sha256');
  const feed = new Feed(hash);
  if (value === undefined) feed.push('null');
  else write(value, feed, false);
  feed.flush();
  return `sha256:${hash.digest('hex')}`;
}
