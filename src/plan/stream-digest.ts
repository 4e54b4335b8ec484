// The same digest as model/canonical-json.ts `digestOf` (sha256 of canonical JSON: keys sorted, no
// whitespace), with the same writer feeding the hash in chunks instead of building one large string: a plan of
// 50,000 cells is checksummed without the garbage. Pure.
import { emitCanonicalJson, sha256HexOfPieces } from '../model/canonical-json.js';

const CHUNK = 1 << 16;

class Feed {
  private buffer = '';
  constructor(private readonly update: (piece: string) => void) {}
  push(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) this.flush();
  }
  flush(): void {
    if (this.buffer) this.update(this.buffer);
    this.buffer = '';
  }
}

/** `sha256:<hex>` of the canonical JSON of `value`; equal to digestOf(value) for JSON values. */
export function streamDigestOf(value: unknown): string {
  const hex = sha256HexOfPieces((update) => {
    const feed = new Feed(update);
    emitCanonicalJson(value, (text) => feed.push(text));
    feed.flush();
  });
  return `sha256:${hex}`;
}
