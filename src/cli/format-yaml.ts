// The layout `cwctl fmt` gives a desired-state file: two-space indents, list items indented under their key,
// flow maps as `{ inquire: All }`, no line wrapping, LF line endings, one final newline. Comments, anchors and
// the order of keys stay as written: fmt changes layout, never meaning (checked: a result whose value differs
// from the input's is refused, not written). Pure: text in, text out.
import { parseDocument } from 'yaml';
import { canonicalJson } from '../model/canonical-json.js';
import type { JsonValue } from '../model/json.js';
import { MAX_ALIAS_COUNT } from '../config/load-limits.js';

export class FormatYamlError extends Error {
  override readonly name = 'FormatYamlError';
}

const PARSE = { uniqueKeys: true, version: '1.2', merge: true } as const;

function valueOf(text: string): string {
  const document = parseDocument(text, PARSE);
  if (document.errors.length > 0) throw new FormatYamlError(document.errors[0]?.message ?? 'YAML error');
  return canonicalJson((document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? null) as JsonValue);
}

/** A trailing comment as the line wrote it: where its `#` stands past the line's indent, keyed by its text. */
function trailingComments(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^( *)(\S.*?\S|\S)( +)(#.*)$/.exec(line);
    if (!match || /["']/.test(match[2] ?? '')) continue;
    const indent = (match[1] ?? '').length;
    out.set(match[4] ?? '', (match[1] ?? '').length + (match[2] ?? '').length + (match[3] ?? '').length - indent);
  }
  return out;
}

/** Puts each trailing comment back at the column it had (relative to its line's indent): people align them. */
function keepCommentColumns(formatted: string, original: string): string {
  const columns = trailingComments(original);
  // The yaml library moves a comment written after `key:` (a block follows) to the line below: put it back.
  const lines: string[] = [];
  for (const line of formatted.split('\n')) {
    const alone = /^ *(#.*)$/.exec(line)?.[1];
    const previous = lines[lines.length - 1];
    if (alone !== undefined && columns.has(alone) && previous !== undefined && /:$/.test(previous) && !previous.includes('#')) lines[lines.length - 1] = `${previous} ${alone}`;
    else lines.push(line);
  }
  return lines
    .map((line) => {
      const match = /^( *)(\S.*?\S|\S) (#.*)$/.exec(line);
      const at = match ? columns.get(match[3] ?? '') : undefined;
      if (!match || at === undefined) return line;
      const content = `${match[1] ?? ''}${match[2] ?? ''}`;
      const target = (match[1] ?? '').length + at;
      return target > content.length ? `${content.padEnd(target)}${match[3] ?? ''}` : line;
    })
    .join('\n');
}

/** `[ a, b ]` as `[a, b]`: flow lists unpadded, flow maps padded, as cwctl's own files and import write them. */
function unpadFlowLists(text: string): string {
  return text.replace(/\[ ([^[\]{}"'#\n]*?) \]/g, '[$1]');
}

/** The formatted text; throws FormatYamlError for text that is not one valid YAML document. */
export function formatYaml(text: string): string {
  const input = text.replace(/\r\n?/g, '\n');
  const document = parseDocument(input, PARSE);
  if (document.errors.length > 0) throw new FormatYamlError(document.errors[0]?.message ?? 'YAML error');
  const laid = document
    .toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: true })
    .replace(/[ \t]+$/gm, '')
    .replace(/\n*$/, '\n');
  const out = keepCommentColumns(unpadFlowLists(laid), input);
  if (valueOf(out) !== valueOf(input)) throw new FormatYamlError('formatting would change what the file means (a bug in cwctl fmt): left as it is');
  return out;
}
