// Shell-style globs for --roles and --members: `*` any run, `?` one character, case-insensitive, whole name.
// Pure; several globs may be given comma-separated or repeated.

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Splits `a*,b` and repeated flags into single globs (empty ones dropped). */
export function splitGlobs(values: readonly string[] | string | undefined): string[] {
  const list: readonly string[] = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  return list.flatMap((v: string) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function matchesAnyGlob(name: string, globs: readonly string[]): boolean {
  return globs.length === 0 || globs.some((g) => globToRegExp(g).test(name));
}
