// The same digest as model/canonical-json.ts `digestOf` (sha256 of canonical JSON: keys sorted, no
// whitespace), with the same writer feeding the hash in chunks instead of building one large string: a plan of
// 50,000 cells is checksummed without the garbage. Pure.
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { emitCanonicalJson } from '../model/canonical-json.js';

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

/** `sha256:<hex>` of the canonical JSON of `value`; equal to digestOf(value) for JSON values. */
export function streamDigestOf(value: unknown): string {
  const hash = createHash('sha256');
  const feed = new Feed(hash);
  emitCanonicalJson(value, (text) => feed.push(text));
  feed.flush();
  return `sha256:${hash.digest('hex')}`;
}
