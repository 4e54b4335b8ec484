import { describe, expect, it } from 'vitest';
import { GITIGNORE_LINES, mergeGitignore } from './gitignore-lines.js';

describe('mergeGitignore', () => {
  it('writes every line to a new .gitignore, secrets.env and plan files among them, never state.json', () => {
    const text = mergeGitignore(undefined)!;
    expect(text.split('\n')).toEqual(expect.arrayContaining(['secrets.env', 'plan.json', '*.plan.json', '.cwctl/state.lock', '.cwctl/sandbox.json']));
    expect(text).not.toMatch(/^\.cwctl\/?$|state\.json$/m);
  });
  it('adds only the missing lines after the existing ones, and nothing when all are there', () => {
    const merged = mergeGitignore('node_modules\nsecrets.env')!;
    expect(merged.startsWith('node_modules\nsecrets.env\n\n# cwctl')).toBe(true);
    expect(merged.match(/^secrets\.env$/gm)).toHaveLength(1);
    expect(mergeGitignore(merged)).toBeUndefined();
    expect(mergeGitignore(GITIGNORE_LINES.join('\n'))).toBeUndefined();
  });
});
