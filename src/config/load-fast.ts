// A fast first pass for large files: js-yaml (several times faster than `yaml` here) with a listener that records
// where every node starts, so spans stay exact without `yaml`'s slower Document. Used only when it is safe: no
// anchors or aliases, no parse error, every mapping's events line up with its keys. Anything else returns
// undefined and the caller uses load.ts's `yaml` path; any diagnostic at all also makes the pipeline redo the file
// that way, so every message is the one the `yaml` path gives. Optional: without js-yaml installed it is skipped.

import type * as JsYamlModule from 'js-yaml';
import type { SourceSpan } from '../model/diagnostic.js';

type JsYaml = typeof JsYamlModule;

export interface FastSpans {
  /** Path key (JSON pointer) -> offsets of the value and, for map entries, of the key. */
  values: Map<string, number>;
  keys: Map<string, number>;
  lineStarts: number[];
}

interface EventNode {
  pos: number;
  kind: string | null;
  result: unknown;
  children: EventNode[];
}

let jsyaml: JsYaml | null | undefined;

/** Loads js-yaml once; null when it is not installed (then only the `yaml` path runs). */
export async function loadFastParser(): Promise<JsYaml | null> {
  if (jsyaml !== undefined) return jsyaml;
  try {
    jsyaml = await import('js-yaml');
  } catch {
    jsyaml = null;
  }
  return jsyaml;
}

function escapeSegment(segment: string): string {
  return segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment;
}

export function pointer(path: readonly (string | number)[]): string {
  return path.map((s) => `/${escapeSegment(String(s))}`).join('');
}

/** Skips the blanks and comments js-yaml leaves before a node's first character. */
function skipBlank(text: string, pos: number): number {
  let i = pos;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else return i;
  }
}

// A node starting with an anchor (&), alias (*) or tag (!) is left to the `yaml` path: js-yaml shares aliased
// objects (the event tree cannot line up with them, and alias bombs must meet load.ts's limit) and reads tags
// its own way.
const PROPERTY = /[&*!]/;

function childCountFits(node: EventNode, value: unknown): boolean {
  if (Array.isArray(value)) return node.children.length === value.length;
  if (value !== null && typeof value === 'object') return node.children.length === Object.keys(value).length * 2;
  return true;
}

function index(text: string, outer: EventNode, value: unknown, ptr: string, out: FastSpans): boolean {
  let node = outer;
  // js-yaml composes a flow collection inside a block item twice: a wrapper node of the same kind, one child.
  while (!childCountFits(node, value) && node.children.length === 1 && node.children[0]!.kind === node.kind) node = node.children[0]!;
  const start = skipBlank(text, node.pos);
  if (PROPERTY.test(text[start] ?? '')) return false;
  out.values.set(ptr, start);
  if (Array.isArray(value)) {
    if (node.kind !== 'sequence' || node.children.length !== value.length) return false;
    return node.children.every((child, i) => index(text, child, value[i], `${ptr}/${i}`, out));
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (node.kind !== 'mapping' || node.children.length !== keys.length * 2) return false;
    for (let i = 0; i < keys.length; i++) {
      const keyNode = node.children[2 * i]!;
      const valueNode = node.children[2 * i + 1]!;
      const keyStart = skipBlank(text, keyNode.pos);
      if (String(keyNode.result) !== keys[i] || PROPERTY.test(text[keyStart] ?? '')) return false;
      const childPtr = `${ptr}/${escapeSegment(keys[i]!)}`;
      out.keys.set(childPtr, keyStart);
      if (!index(text, valueNode, (value as Record<string, unknown>)[keys[i]!], childPtr, out)) return false;
    }
    return true;
  }
  return true;
}

/** Parses with js-yaml and indexes every node's position, or returns undefined when that is not safe. */
export function parseFast(parser: JsYaml, text: string): { value: unknown; spans: FastSpans } | undefined {
  const root: EventNode = { pos: 0, kind: null, result: null, children: [] };
  const stack: EventNode[] = [root];
  let value: unknown;
  try {
    value = parser.load(text, {
      schema: parser.CORE_SCHEMA,
      listener: (event, state) => {
        if (event === 'open') {
          const node: EventNode = { pos: state.position, kind: null, result: null, children: [] };
          stack[stack.length - 1]!.children.push(node);
          stack.push(node);
        } else {
          const node = stack.pop()!;
          node.kind = state.kind;
          node.result = state.result;
        }
      },
    });
  } catch {
    return undefined;
  }
  const top = root.children[0];
  if (!top || value === null || typeof value !== 'object') return undefined;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const spans: FastSpans = { values: new Map(), keys: new Map(), lineStarts };
  return index(text, top, value, '', spans) ? { value, spans } : undefined;
}

export function spanAtOffset(file: string, lineStarts: readonly number[], offset: number): SourceSpan {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}
