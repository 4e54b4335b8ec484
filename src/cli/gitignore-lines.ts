// What `cwctl init` puts in the .gitignore beside the desired-state file: files cwctl writes that must never be
// committed (key pairs handed over, saved plans, the lock, the sandbox) while state.json itself stays tracked.
// Pure: merges with an existing .gitignore, adding only the lines it lacks.

export const GITIGNORE_LINES: readonly string[] = [
  '# cwctl: never commit API key pairs, saved plans, the state lock, the sandbox or the cache (.cwctl/state.json IS committed)',
  'secrets.env',
  '*.keys.env',
  'new-keys.env',
  'plan.json',
  '*.plan.json',
  'plan-*.json',
  '.cwctl/state.lock',
  '.cwctl/sandbox.json',
  '.cwctl/.*.tmp',
  '.cwctl/cache/',
];

/** The .gitignore text with cwctl's lines added (once); undefined when nothing needs adding. */
export function mergeGitignore(existing: string | undefined): string | undefined {
  const have = new Set((existing ?? '').split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE_LINES.filter((l) => !l.startsWith('#') && !have.has(l));
  if (missing.length === 0) return undefined;
  const head = existing === undefined || existing === '' ? '' : existing.endsWith('\n') ? `${existing}\n` : `${existing}\n\n`;
  return `${head}${GITIGNORE_LINES[0]}\n${missing.join('\n')}\n`;
}
