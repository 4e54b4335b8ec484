// A fast first pass for large files: js-yaml (several times faster than `yaml` here) with a listener that records
// where every node starts, so spans stay exact without `yaml`'s slower Document. Used only when it is safe: no
// anchors, aliases or tags, no parse error, every mapping's events line up with its keys, no deeper nesting than
// allowed. Anything else returns undefined and the caller uses the `yaml` path (parse-yaml-document.ts), which
// words every YAML problem. Positions equal the `yaml` path's (test/config/fast-path.test.ts compares every node),
// so diagnostics found on this path stand. Callers go through parse-yaml.ts, never here.
//
// The node index is flat (parallel arrays in document order, a node's subtree ending at `ends[i]`) and a path is
// resolved to an offset only when a span is asked for: a 5 MB file has half a million nodes, and building a
// pointer-keyed map of them all cost more than the parse itself (mostly in the garbage collector).

import { CORE_SCHEMA, load } from 'js-yaml';
import type { SourceSpan } from '../model/diagnostic.js';

type PathSegment = string | number;

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
function startsWithProperty(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  return c === 38 /* & */ || c === 42 /* * */ || c === 33 /* ! */;
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const MAPPING = 1;
const SEQUENCE = 2;
const SCALAR = 3;

/**
 * Whether the key node at `pos` is written as `key` (plain, or quoted without escapes). Checked against the text
 * rather than js-yaml's results so the listener stores numbers only; a key written any other way (escapes, a
 * number read as one, a complex key) makes the file take the `yaml` path, which is slower but never wrong.
 */
function keyWrittenAs(text: string, pos: number, key: string): boolean {
  const quote = text.charCodeAt(pos);
  if (quote === 34 /* " */ || quote === 39 /* ' */) {
    return text.startsWith(key, pos + 1) && text.charCodeAt(pos + 1 + key.length) === quote && !key.includes(String.fromCharCode(quote)) && !key.includes('\\');
  }
  if (!text.startsWith(key, pos)) return false;
  const next = text.charCodeAt(pos + key.length);
  return next === 58 /* : */ || next === 32 || next === 9;
}

/** A verified node index: each node's first character, where its subtree ends, its kind, and the line starts. */
export interface VerifiedIndex {
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  lineStarts: Int32Array;
}

/** Node positions of one js-yaml parse, in the order nodes open; answers "where is this path" on demand. */
export class FastSpans {
  /** The text, until verify() has taken from it all that spans need (then dropped: 2.6 MB a file of 500 roles). */
  #text: string | undefined;
  readonly #value: unknown;
  /** Per node: where it starts (before blanks; after them once verified), the node index where its subtree ends, its kind. */
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  readonly #kinds: Uint8Array;
  readonly #children = new Map<number, number[]>();
  /** Key -> position among a mapping's keys, built once per mapping asked about (a mapping of 8,000 keys asked
   * 8,000 times was a quadratic Object.keys().indexOf()). */
  readonly #keyIndex = new WeakMap<object, Map<string, number>>();
  #lineStarts: Int32Array | undefined;

  constructor(text: string | undefined, value: unknown, starts: Int32Array, ends: Int32Array, kinds: Uint8Array, lineStarts?: Int32Array) {
    this.#text = text;
    this.#value = value;
    this.#starts = starts;
    this.#ends = ends;
    this.#kinds = kinds;
    this.#lineStarts = lineStarts;
  }

  /** Spans verified elsewhere (a worker thread, parse-off-thread.ts), from the parts it handed over. */
  static verified(value: unknown, parts: VerifiedIndex): FastSpans {
    return new FastSpans(undefined, value, parts.starts, parts.ends, parts.kinds, parts.lineStarts);
  }

  /** The verified index, to hand to another thread (its buffers are its own). */
  index(): VerifiedIndex {
    if (this.#lineStarts === undefined) throw new Error('load-fast: index asked for before verify() (a bug in cwctl)');
    return { starts: this.#starts, ends: this.#ends, kinds: this.#kinds, lineStarts: this.#lineStarts };
  }

  /** The k-th child of a node; long lists (the roles) keep their children so each lookup is not a walk. */
  #nthChild(node: number, k: number): number | undefined {
    if (k < 32) {
      let c = node + 1;
      for (let i = 0; i < k && c < this.#ends[node]!; i++) c = this.#ends[c]!;
      return c < this.#ends[node]! ? c : undefined;
    }
    let list = this.#children.get(node);
    if (!list) {
      list = [];
      for (let c = node + 1; c < this.#ends[node]!; c = this.#ends[c]!) list.push(c);
      this.#children.set(node, list);
    }
    return list[k];
  }

  /**
   * js-yaml composes a flow collection inside a block item twice: a wrapper node of the same kind, one child.
   * A collection with exactly one child of its own kind is a wrapper unless the value is a one-item list (a
   * mapping never has one child); what this misreads, verify() refuses, and the `yaml` path takes the file.
   */
  #unwrap(node: number, value: unknown): number {
    let n = node;
    const end = this.#ends[n]!;
    while (this.#kinds[n] !== SCALAR && end > n + 1 && this.#ends[n + 1] === end && this.#kinds[n + 1] === this.#kinds[n]) {
      if (Array.isArray(value) && value.length === 1) return n;
      n++;
    }
    return n;
  }

  /**
   * True when every node lines up with the parsed value (same shapes, same keys in the same order, no properties)
   * and no collection is nested deeper than `maxDepth` (the `yaml` path words that refusal).
   */
  verify(maxDepth: number): boolean {
    const text = this.#text;
    if (text === undefined || this.#starts.length === 0 || !this.#verifyNode(text, 0, this.#value, 1, maxDepth)) return false;
    // What spans need of the text, kept instead of it: each node's first character and where lines start.
    for (let i = 0; i < this.#starts.length; i++) this.#starts[i] = skipBlank(text, this.#starts[i]!);
    this.#lineStarts = lineStartsOf(text);
    this.#text = undefined;
    return true;
  }

  #verifyNode(text: string, outer: number, value: unknown, depth: number, maxDepth: number): boolean {
    if (depth > maxDepth && value !== null && typeof value === 'object') return false;
    const node = this.#unwrap(outer, value);
    const end = this.#ends[node]!;
    if (startsWithProperty(text, skipBlank(text, this.#starts[node]!))) return false;
    if (Array.isArray(value)) {
      if (this.#kinds[node] !== SEQUENCE) return false;
      let i = 0;
      for (let c = node + 1; c < end; c = this.#ends[c]!, i++) {
        if (i >= value.length || !this.#verifyNode(text, c, value[i], depth + 1, maxDepth)) return false;
      }
      return i === value.length;
    }
    if (isMapping(value)) {
      if (this.#kinds[node] !== MAPPING) return false;
      const keys = Object.keys(value);
      let i = 0;
      for (let keyNode = node + 1; keyNode < end; i++) {
        const valueNode = this.#ends[keyNode]!;
        if (i >= keys.length || valueNode >= end || this.#kinds[keyNode] !== SCALAR) return false;
        const key = keys[i]!;
        if (!keyWrittenAs(text, skipBlank(text, this.#starts[keyNode]!), key)) return false;
        if (!this.#verifyNode(text, valueNode, value[key], depth + 1, maxDepth)) return false;
        keyNode = this.#ends[valueNode]!;
      }
      return i === keys.length;
    }
    return this.#kinds[node] === SCALAR;
  }

  /**
   * Offset of the value at `path` (or with `which: 'key'`, of its key), as load.ts's `yaml` path finds it: a path
   * that does not exist stops at its nearest existing parent; a key with no value points at the key.
   */
  offsetOf(path: readonly PathSegment[], which: 'value' | 'key'): number {
    let node = this.#unwrap(0, this.#value);
    let value = this.#value;
    let keyNode: number | undefined;
    for (const segment of path) {
      if (Array.isArray(value) && typeof segment === 'number') {
        const child = this.#nthChild(node, segment);
        if (child === undefined) break;
        value = value[segment];
        node = this.#unwrap(child, value);
        keyNode = undefined;
        continue;
      }
      if (!isMapping(value)) break;
      const index = this.#indexOfKey(value, String(segment));
      const key = index < 0 ? undefined : this.#nthChild(node, 2 * index);
      if (key === undefined || this.#ends[key]! >= this.#ends[node]!) break;
      keyNode = key;
      value = value[String(segment)];
      node = value === null ? keyNode : this.#unwrap(this.#ends[key]!, value);
    }
    return this.#starts[which === 'key' && keyNode !== undefined ? keyNode : node]!;
  }

  #indexOfKey(mapping: Record<string, unknown>, key: string): number {
    let index = this.#keyIndex.get(mapping);
    if (!index) {
      index = new Map(Object.keys(mapping).map((k, i) => [k, i]));
      this.#keyIndex.set(mapping, index);
    }
    return index.get(key) ?? -1;
  }

  spanOf(file: string, path: readonly PathSegment[], which: 'value' | 'key'): SourceSpan {
    if (this.#lineStarts === undefined) throw new Error('load-fast: spans asked for before verify() (a bug in cwctl)');
    return spanAtOffset(file, this.#lineStarts, this.offsetOf(path, which));
  }
}

function lineStartsOf(text: string): Int32Array {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const lineStarts = new Int32Array(lines);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts[line++] = i + 1;
  return lineStarts;
}

/** Growable typed arrays for the listener: it runs once per node (half a million in 5 MB), so it must not allocate. */
class NodeTable {
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }

  open(position: number): number {
    if (this.length === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      this.starts = grow(this.starts, new Int32Array(this.length * 2));
      this.ends = grow(this.ends, new Int32Array(this.length * 2));
      this.kinds = grow(this.kinds, new Uint8Array(this.length * 2));
    }
    this.starts[this.length] = position;
    return this.length++;
  }

  close(node: number, kind: string | null): void {
    this.ends[node] = this.length;
    this.kinds[node] = kind === 'mapping' ? MAPPING : kind === 'sequence' ? SEQUENCE : SCALAR;
  }
}

/**
 * Short scalars repeat without end in a large file (a level word in every cell: 300,000 of them in a 2,000-role
 * tenant), and js-yaml makes each one a string of its own (10 MB held until the checks end). Each is swapped for
 * one shared string of the same text. Longer strings are slices of js-yaml's copy of the text and cost nothing.
 */
const SHARED_MAX_LENGTH = 13;
const MAX_SHARED = 10_000;
const scalars = new Map<string, string>();
function sharedScalar(text: string): string {
  const shared = scalars.get(text);
  if (shared !== undefined) return shared;
  if (scalars.size < MAX_SHARED) scalars.set(text, text);
  return text;
}

/**
 * The short scalars of a value made elsewhere (cloned from a worker thread, where each string arrives as its own)
 * swapped for the shared ones, as the listener below does while js-yaml composes.
 */
export function shareScalars(value: unknown): unknown {
  if (typeof value === 'string') return value.length < SHARED_MAX_LENGTH ? sharedScalar(value) : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = shareScalars(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const before = record[key];
      const after = shareScalars(before);
      // Defined, not assigned: a key written `__proto__` is an own property here, and assigning it would not be.
      if (after !== before) Object.defineProperty(record, key, { value: after, writable: true, enumerable: true, configurable: true });
    }
  }
  return value;
}

/**
 * The text for the spans, taken from js-yaml's own copy when it is the same text. js-yaml reads a copy (the text
 * with a NUL appended), and every string of 13 characters or more it returns is a slice of that copy, so the copy
 * lives as long as the values do: keeping the caller's text besides would hold each file twice (10 MB more for a
 * 2,000-role tenant). A copy whose start differs (js-yaml strips a byte-order mark) is not used.
 */
function ownCopy(text: string, input: string | undefined): string {
  if (input === undefined || input.length < text.length || text.charCodeAt(0) === 0xfeff) return text;
  const copy = input.slice(0, text.length);
  return copy === text ? copy : text;
}

/**
 * Parses with js-yaml and indexes every node's position, or returns undefined when that is not safe (or the
 * document nests collections deeper than `maxDepth`).
 */
export function parseFast(text: string, maxDepth: number): { value: unknown; spans: FastSpans } | undefined {
  // About one node per ten characters in a typical file: sized once, grown only for dense ones.
  const table = new NodeTable(Math.max(1024, Math.ceil(text.length / 8)));
  const open: number[] = [];
  let value: unknown;
  let input: string | undefined;
  try {
    value = load(text, {
      schema: CORE_SCHEMA,
      listener: (event, state) => {
        input ??= state.input;
        if (event === 'open') open.push(table.open(state.position));
        else {
          table.close(open.pop()!, state.kind);
          // js-yaml reads the node's value from state.result after this event: an equal, shared string.
          if (typeof state.result === 'string' && state.result.length < SHARED_MAX_LENGTH) state.result = sharedScalar(state.result);
        }
      },
    });
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const n = table.length;
  // The index lives as long as the checks: trimmed to its nodes (it is sized for a denser file than most are).
  const spans = new FastSpans(ownCopy(text, input), value, table.starts.slice(0, n), table.ends.slice(0, n), table.kinds.slice(0, n));
  return spans.verify(maxDepth) ? { value, spans } : undefined;
}

export function spanAtOffset(file: string, lineStarts: ArrayLike<number>, offset: number): SourceSpan {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}
