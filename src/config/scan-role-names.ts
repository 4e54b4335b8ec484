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

const indentOf = (line: string): number => line.length - line.trimStart().length;

export function scanRoleNames(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^roles:\s*(#.*)?$/.test(l));
  if (start < 0) return [];
  const names: string[] = [];
  let itemIndent: number | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const body = line.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    const indent = indentOf(line);
    if (line.startsWith('---') || line.startsWith('...')) break;
    if (itemIndent === undefined) {
      if (!body.startsWith('- ')) break; // a flow list or something else: not read here
      itemIndent = indent;
    }
    // The list ends at the next key at or left of its items (a top-level key, when the items sit at column 0).
    if (indent < itemIndent || (indent === itemIndent && !body.startsWith('- '))) break;
    // An item's own keys: after its dash, or on the lines below at the dash's column + 2.
    const key = indent === itemIndent ? body.slice(2).trimStart() : indent === itemIndent + 2 ? body : undefined;
    const m = key === undefined ? null : /^name:(\s.*|)$/.exec(key);
    if (!m) continue;
    const name = simpleScalar(m[1] ?? '');
    if (name !== undefined && name !== '') names.push(name);
  }
  return names;
}
