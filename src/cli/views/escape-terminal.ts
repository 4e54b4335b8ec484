// Makes text from outside cwctl (the YAML, the PSA, a saved plan or state file) safe to print on a terminal: control
// characters (C0, DEL, C1: newlines, carriage returns, ANSI escape sequences), Unicode line/paragraph separators,
// bidirectional overrides and invisible format characters are shown as visible escapes (`\n`, `\x1b`, `\u{202e}`),
// so a newline in a role name cannot forge an `error:` line and an escape sequence cannot recolour or rewrite the
// screen. Every renderer applies it to each piece of outside text it prints; it never touches cwctl's own words.
// Also bounds one piece's length, so a 5-million-character name prints as a short prefix plus a count.

/** Longest piece of outside text printed whole; longer pieces keep this many characters and say how many more. */
export const MAX_DISPLAY_CHARS = 500;

// C0 controls, DEL and C1 controls; zero-width and bidi format characters (U+200B-U+200F, U+202A-U+202E,
// U+2060-U+2064, U+2066-U+2069, U+FEFF); line and paragraph separators (U+2028, U+2029).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
// eslint-disable-next-line no-control-regex
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.codePointAt(0)!;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

function bound(text: string, max: number): string {
  if (text.length <= max) return text;
  // Cut on a code point boundary: never leave half a surrogate pair.
  let cut = max;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}... (${text.length - cut} more characters)`;
}

/**
 * One piece of outside text as a single safe line: every control or invisible character shown as an escape,
 * at most `max` characters kept (default MAX_DISPLAY_CHARS; `Infinity` keeps all).
 */
export function escapeTerminal(text: string, max: number = MAX_DISPLAY_CHARS): string {
  return bound(text, max).replace(UNSAFE, visible);
}

/**
 * A block of outside text that may span lines (a YAML snippet): newlines stay, everything else unsafe is escaped.
 * Bounded like escapeTerminal, per block.
 */
export function escapeTerminalLines(text: string, max: number = MAX_DISPLAY_CHARS * 20): string {
  return bound(text, max).replace(UNSAFE_BUT_NEWLINE, visible);
}

// What printOut/printErr let through from a whole report: newlines, tabs and cwctl's own colour codes (SGR, `ESC [ n m`).
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_REPORT = /(\u001b\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/**
 * A whole report just before it is written: the last line of defence behind each renderer's escapeTerminal. Keeps
 * line breaks, tabs and colour codes; any other control character (a carriage return, a cursor move, an OSC title
 * sequence) is shown as an escape. Not bounded: the renderers bound each piece.
 */
export function escapeTerminalReport(text: string): string {
  return text.replace(UNSAFE_IN_REPORT, (match: string, sgr: string | undefined) => (sgr ? match : visible(match)));
}

// Characters JSON.stringify leaves raw that a terminal or a browser treats specially (C1, bidi, separators).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** JSON text with those characters written as `\uXXXX` escapes: the same JSON value, safe to print. */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** True when the text holds a character escapeTerminal would escape (for tests and warnings). */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}
