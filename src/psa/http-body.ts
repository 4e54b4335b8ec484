// Reading an answer's body: capped as it streams in (never buffered whole past the cap) and classified (JSON,
// empty, cut-short JSON, or a web page) so the request loop can tell a proxy's HTML from a PSA answer.

export type BodyRead =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'invalid-json'; contentType: string }
  | { kind: 'not-json'; contentType: string; title: string | undefined };

export const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${n} bytes`);

/** An answer's headers as the request loop reads them: by lower-case name, a repeated header joined by ", ". */
export class ReplyHeaders {
  readonly #raw: Readonly<Record<string, string | string[] | undefined>>;
  constructor(raw: Readonly<Record<string, string | string[] | undefined>> = {}) {
    this.#raw = raw;
  }
  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/** The body of an answer as undici's dispatcher hands it over: a stream of bytes that can be destroyed. */
export interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/**
 * The body as text, read chunk by chunk and given up as soon as it passes `maxBytes` (a declared Content-Length
 * over the cap is refused before a byte is read): a hostile or broken server cannot make cwctl buffer gigabytes.
 */
export async function readCappedText(body: BodyStream, headers: ReplyHeaders, maxBytes: number): Promise<string | { declared: number | undefined }> {
  const declared = Number(headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    return { declared };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      body.destroy();
      return { declared: undefined };
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks, total).toString('utf8');
  // A UTF-8 byte-order mark is not part of the JSON (fetch's text() drops it too).
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readBody(text: string, contentTypeHeader: string | null): BodyRead {
  const contentType = (contentTypeHeader ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (text.trim() === '') return { kind: 'empty' };
  const jsonish = contentType === '' || contentType.includes('json');
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    if (jsonish && !/^\s*</.test(text)) return { kind: 'invalid-json', contentType };
    const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1]?.trim();
    return { kind: 'not-json', contentType: contentType || 'text', title };
  }
}

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
