// Quotes one argument for a POSIX shell, so that a command cwctl prints (`cwctl apply --confirm ADDRESS`, an
// export line) can be pasted and run as is: addresses carry role names with spaces, quotes or `&`.

/** The value itself when it holds only characters no shell treats specially; else single-quoted. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:+=@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
