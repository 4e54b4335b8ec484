// The codebase each PSA company's API was last found under (`v2025_1/`), kept in the state folder's cache/ so the
// next run's first reads need not wait a round trip for discovery: they go out on this guess while discovery is on
// its way, and psa/discovery.ts keeps their answers only when discovery names the same codebase. The folder holds
// its own .gitignore (`*`), so nothing in it is ever committed beside state.json.
//
// A cache and nothing more: a file that is missing, too large, not JSON or holds a value not shaped like a
// codebase reads as no hint (the client checks the shape again), and writing it never fails or slows a run (it is
// written only when the codebase changed; a git status shows nothing of it).
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CODEBASE_CACHE_DIR = 'cache';
const FILE = 'codebases.json';
/** Read only when at most this large: a handful of entries takes a few hundred bytes. */
const MAX_BYTES = 8 * 1024;
/** Kept per state folder (the most recently found last); more PSAs than this in one folder take turns. */
const MAX_ENTRIES = 16;

export interface CodebaseCache {
  /** The codebase found last time for this site and company, if any. */
  hint: string | undefined;
  /** Keeps the codebase discovery found (nothing is written when it is the hint). */
  remember(codebase: string): void;
}

const keyOf = (site: string, company: string): string => `${site.trim().toLowerCase()} ${company.trim().toLowerCase()}`;

/** The cached entries, oldest first; anything unexpected reads as none. */
function readEntries(file: string): [string, string][] {
  try {
    if (statSync(file).size > MAX_BYTES) return [];
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const codebases = (parsed as { codebases?: unknown } | null)?.codebases;
    if (codebases === null || typeof codebases !== 'object' || Array.isArray(codebases)) return [];
    return Object.entries(codebases as Record<string, unknown>)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length <= 64)
      .slice(-MAX_ENTRIES);
  } catch {
    return [];
  }
}

export function openCodebaseCache(stateDir: string, site: string, company: string): CodebaseCache {
  const dir = join(stateDir, CODEBASE_CACHE_DIR);
  const file = join(dir, FILE);
  const key = keyOf(site, company);
  const hint = readEntries(file).find(([k]) => k === key)?.[1];
  return {
    hint,
    remember(codebase) {
      if (codebase === hint) return;
      let temp: string | undefined;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, '.gitignore'), '# cwctl: a cache, never committed\n*\n', { flag: 'w' });
        const entries = readEntries(file).filter(([k]) => k !== key);
        entries.push([key, codebase]);
        const text = `${JSON.stringify({ version: 1, codebases: Object.fromEntries(entries.slice(-MAX_ENTRIES)) }, null, 2)}\n`;
        // A new file renamed over the old one: a reader never sees half of it ('wx': never through a planted link).
        temp = join(dir, `.${FILE}.${process.pid}.tmp`);
        writeFileSync(temp, text, { flag: 'wx' });
        renameSync(temp, file);
        temp = undefined;
      } catch {
        // A cache that cannot be written is a cache missed next time.
      } finally {
        if (temp !== undefined) {
          try {
            unlinkSync(temp);
          } catch {
            // already gone
          }
        }
      }
    },
  };
}
