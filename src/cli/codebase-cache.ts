// The codebase each PSA company's API was last found under (`v2025_1/`), kept in the state folder's cache/ so the
// next run's first reads need not wait a round trip for discovery: they go out on this guess while discovery is on
// its way, and psa/discovery.ts keeps their answers only when discovery names the same codebase. The folder holds
// its own .gitignore (`*`), so nothing in it is ever committed beside state.json.
//
// A cache and nothing more, and a file that may have come with the repository: it is read only when it is a
// regular file (not a link, a FIFO or a device) of at most 8 KB, a value not shaped like a codebase reads as no hint
// (the client checks the shape again), and it is written only into a state folder that already exists, never
// through a link, so a first `check` in some folder creates nothing there. Nothing here fails or slows a run.
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HINT_PATTERN } from '../psa/http-family.js';
import { writeFileAtomic } from '../state/atomic-write.js';

export const CODEBASE_CACHE_DIR = 'cache';
const FILE = 'codebases.json';
/** Read only when at most this large: a handful of entries takes a few hundred bytes. */
const MAX_BYTES = 8 * 1024;
/** Kept per state folder (the most recently found last); more PSAs than this in one folder take turns. */
const MAX_ENTRIES = 16;

export interface CodebaseCache {
  /** The codebase found last time for this site and company, if any. */
  hint: string | undefined;
  /** Keeps the codebase discovery found (nothing is written when it is the hint); never fails. */
  remember(codebase: string): Promise<void>;
}

const keyOf = (site: string, company: string): string => `${site.trim().toLowerCase()} ${company.trim().toLowerCase()}`;

/** Whether `path` is a folder itself, not a link to one. */
function isRealFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The file's text if it is a regular file of at most MAX_BYTES (opened without following a link, never blocking). */
function readSmallFile(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_BYTES) return undefined;
    const buffer = Buffer.alloc(MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      // Grown since the check: more than a cache of a few codebases holds.
      if (length > MAX_BYTES) return undefined;
    }
    return buffer.toString('utf8', 0, length);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The cached entries, oldest first; anything unexpected reads as none. */
function readEntries(dir: string): [string, string][] {
  if (!isRealFolder(dir)) return [];
  const text = readSmallFile(join(dir, FILE));
  if (text === undefined) return [];
  try {
    const codebases = (JSON.parse(text) as { codebases?: unknown } | null)?.codebases;
    if (codebases === null || typeof codebases !== 'object' || Array.isArray(codebases)) return [];
    return Object.entries(codebases as Record<string, unknown>)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && HINT_PATTERN.test(e[1]))
      .slice(-MAX_ENTRIES);
  } catch {
    return [];
  }
}

export function openCodebaseCache(stateDir: string, site: string, company: string): CodebaseCache {
  const dir = join(stateDir, CODEBASE_CACHE_DIR);
  const file = join(dir, FILE);
  const key = keyOf(site, company);
  const hint = readEntries(dir).find(([k]) => k === key)?.[1];
  return {
    hint,
    async remember(codebase) {
      if (codebase === hint || !HINT_PATTERN.test(codebase)) return;
      try {
        if (!statSync(stateDir).isDirectory()) return;
        if (!isRealFolder(dir)) {
          mkdirSync(dir);
          // 'wx': never through a planted link.
          writeFileSync(join(dir, '.gitignore'), '# cwctl: a cache, never committed\n*\n', { flag: 'wx' });
        }
        const entries = readEntries(dir).filter(([k]) => k !== key);
        entries.push([key, codebase]);
        // A new file renamed over the old one (rename replaces a link, not its target): never half a file.
        await writeFileAtomic(file, `${JSON.stringify({ version: 1, codebases: Object.fromEntries(entries.slice(-MAX_ENTRIES)) }, null, 2)}\n`);
      } catch {
        // No state folder yet, cache/ is something else (a link, a file), or the write failed: a cache missed next time.
      }
    },
  };
}
