// The names of the roles a desired-state text declares, found by looking at its lines before it is parsed, so the
// reads of their settings can start while the YAML is still loading (the largest part of a plan's requests).
// Only a guess: the parsed file is the authority, and it asks again for any name this missed. So it is strict in
// what it takes (block items of a top-level `roles:` list, `name:` written as a simple scalar) and skips anything
// else, since a name it got wrong would cost a request the plan did not need.

/** A plain or quoted one-line scalar, or undefined when it is anything this does not read with certainty. */
function simpleScalar(raw: string): string | undefined {
  const text = raw.trim();
  if (text.startsWith('"')) {
    const m = /^"([^"\\]*)"\s*(#.*)?$/.exec(text);
    return m?.[1];
  }
  if (text.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(text);
    return m?.[1]?.replace(/''/g, "'");
  }
  const value = text.replace(/\s+#.*$/, '').trim();
  if (value === '' || /^[-?:,[\]{}#&*!|>%@`]/.test(value) || value.includes(': ') || value.endsWith(':')) return undefined;
  return value;
}

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const CR = 0x0d;

/**
 * Walks the lines after `roles:` without splitting the text: a 200-role file is a megabyte of lines, nearly all of
 * them permissions nested deeper than an item's keys, which are passed over by their indent alone (split and a
 * trimmed copy per line cost 75 ms on the first call, before the first request's answer could be taken in).
 */
export function scanRoleNames(text: string): string[] {
  const head = /^roles:[ \t]*(#.*)?\r?$/m.exec(text);
  if (!head) return [];
  const names: string[] = [];
  let itemIndent = -1;
  let at = text.indexOf('\n', head.index);
  while (at >= 0 && at < text.length) {
    const start = at + 1;
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    at = nl;
    let indent = start;
    while (indent < end && text.charCodeAt(indent) === SPACE) indent++;
    const first = indent < end ? text.charCodeAt(indent) : CR;
    // Blank lines and comments. (A tab is not YAML indentation: such a line is read as it stands below.)
    if (first === CR || first === HASH || (indent === end)) continue;
    const column = indent - start;
    if (column === 0 && (text.startsWith('---', start) || text.startsWith('...', start))) break;
    const dashed = first === DASH && text.charCodeAt(indent + 1) === SPACE;
    if (itemIndent < 0) {
      if (!dashed) break; // a flow list or something else: not read here
      itemIndent = column;
    }
    // The list ends at the next key at or left of its items (a top-level key, when the items sit at column 0).
    if (column < itemIndent || (column === itemIndent && !dashed)) break;
    // An item's own keys: after its dash, or on the lines below at the dash's column + 2.
    let keyAt: number;
    if (column === itemIndent) {
      keyAt = indent + 2;
      while (keyAt < end && text.charCodeAt(keyAt) === SPACE) keyAt++;
    } else if (column === itemIndent + 2) {
      keyAt = indent;
    } else {
      continue;
    }
    if (!text.startsWith('name:', keyAt)) continue;
    const rest = text.slice(keyAt + 5, end).replace(/\r$/, '');
    if (rest !== '' && rest[0] !== ' ' && rest[0] !== '\t') continue;
    const name = simpleScalar(rest);
    if (name !== undefined && name !== '') names.push(name);
  }
  return names;
}
