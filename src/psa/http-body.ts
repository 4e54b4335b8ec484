// Reading an answer's body: capped as it streams in (never buffered whole past the cap) and classified (JSON,
// empty, cut-short JSON, or a web page) so the request loop can tell a proxy's HTML from a PSA answer.

export type BodyRead =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'invalid-json'; contentType: string }
  | { kind: 'not-json'; contentType: string; title: string | undefined };

export const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${n} bytes`);

/**
 * The body as text, read chunk by chunk and given up as soon as it passes `maxBytes` (a declared Content-Length
 * over the cap is refused before a byte is read): a hostile or broken server cannot make cwctl buffer gigabytes.
 */
export async function readCappedText(response: Response, maxBytes: number): Promise<string | { declared: number | undefined }> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { declared };
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { declared: undefined };
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks, total).toString('utf8');
  // fetch's text() drops a UTF-8 byte-order mark; so does this.
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
