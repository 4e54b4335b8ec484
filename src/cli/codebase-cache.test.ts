import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCodebaseCache } from './codebase-cache.js';

const dirs: string[] = [];
/** A fresh work folder and the state folder in it (created unless `create` is false). */
const folders = (create = true): { work: string; stateDir: string } => {
  const work = mkdtempSync(join(tmpdir(), 'cwctl-codebase-'));
  dirs.push(work);
  const stateDir = join(work, '.cwctl');
  if (create) mkdirSync(stateDir);
  return { work, stateDir };
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SITE = 'https://api-na.myconnectwise.net';
const KEY = `${SITE} acme`;

describe('codebase cache', () => {
  it('has no hint at first, keeps what discovery found, and hints it to the next run for the same site and company', async () => {
    const { stateDir } = folders();
    const first = openCodebaseCache(stateDir, SITE, 'Acme');
    expect(first.hint).toBeUndefined();
    await first.remember('v2025_8/');
    expect(openCodebaseCache(stateDir, SITE, 'acme').hint).toBe('v2025_8/');
    expect(openCodebaseCache(stateDir, SITE, 'other').hint).toBeUndefined();
    // Its own .gitignore keeps the folder out of git; no temp file is left behind.
    expect(readFileSync(join(stateDir, 'cache', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(readdirSync(join(stateDir, 'cache')).sort()).toEqual(['.gitignore', 'codebases.json']);
  });

  it('keeps the newest 16 sites, replacing a changed codebase in place', async () => {
    const { stateDir } = folders();
    for (let i = 0; i < 20; i++) await openCodebaseCache(stateDir, `https://psa${i}.example`, 'acme').remember(`v2025_${i}/`);
    expect(openCodebaseCache(stateDir, 'https://psa0.example', 'acme').hint).toBeUndefined();
    expect(openCodebaseCache(stateDir, 'https://psa19.example', 'acme').hint).toBe('v2025_19/');
    await openCodebaseCache(stateDir, 'https://psa19.example', 'acme').remember('v2026_1/');
    const kept = JSON.parse(readFileSync(join(stateDir, 'cache', 'codebases.json'), 'utf8')) as { codebases: Record<string, string> };
    expect(Object.keys(kept.codebases)).toHaveLength(16);
    expect(kept.codebases['https://psa19.example acme']).toBe('v2026_1/');
  });

  it('reads a broken file, or a value not shaped like a codebase, as no hint', () => {
    const { stateDir } = folders();
    mkdirSync(join(stateDir, 'cache'));
    const file = join(stateDir, 'cache', 'codebases.json');
    for (const value of ['"../"', '"x/../../"', '42', `"${'v'.repeat(100)}"`, '"v2025_8/evil"']) {
      writeFileSync(file, `{"codebases": {"${KEY}": ${value}}}`);
      expect(openCodebaseCache(stateDir, SITE, 'acme').hint, value).toBeUndefined();
    }
    for (const text of ['not json', '[]', '{"codebases": ["v2025_8/"]}']) {
      writeFileSync(file, text);
      expect(openCodebaseCache(stateDir, SITE, 'acme').hint, text).toBeUndefined();
    }
    // Too large to be a cache of a few codebases: not even parsed.
    writeFileSync(file, JSON.stringify({ codebases: { [KEY]: 'v2025_8/' }, padding: 'x'.repeat(10_000) }));
    expect(openCodebaseCache(stateDir, SITE, 'acme').hint).toBeUndefined();
  });

  it('reads no link, FIFO or device (a file that came with the repository must not hang or feed the run)', () => {
    const { work, stateDir } = folders();
    mkdirSync(join(stateDir, 'cache'));
    const file = join(stateDir, 'cache', 'codebases.json');
    const elsewhere = join(work, 'elsewhere.json');
    writeFileSync(elsewhere, JSON.stringify({ codebases: { [KEY]: 'v2025_8/' } }));
    symlinkSync(elsewhere, file);
    expect(openCodebaseCache(stateDir, SITE, 'acme').hint).toBeUndefined();
    rmSync(file);
    symlinkSync('/dev/zero', file);
    expect(openCodebaseCache(stateDir, SITE, 'acme').hint).toBeUndefined();
    rmSync(file);
    execFileSync('mkfifo', [file]);
    expect(openCodebaseCache(stateDir, SITE, 'acme').hint).toBeUndefined();
  });

  it('writes nothing without a state folder, through a cache/ that is a link, or over a planted .gitignore link', async () => {
    const missing = folders(false);
    await openCodebaseCache(missing.stateDir, SITE, 'acme').remember('v2025_8/');
    expect(existsSync(missing.stateDir)).toBe(false);

    const linked = folders();
    const target = join(linked.work, 'target');
    mkdirSync(target);
    symlinkSync(target, join(linked.stateDir, 'cache'));
    await openCodebaseCache(linked.stateDir, SITE, 'acme').remember('v2025_8/');
    expect(readdirSync(target)).toEqual([]);

    const planted = folders();
    const victim = join(planted.work, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    mkdirSync(join(planted.stateDir, 'cache'));
    symlinkSync(victim, join(planted.stateDir, 'cache', '.gitignore'));
    symlinkSync(victim, join(planted.stateDir, 'cache', 'codebases.json'));
    await openCodebaseCache(planted.stateDir, SITE, 'acme').remember('v2025_8/');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    // The link itself was replaced by the new file; its target is untouched.
    expect(openCodebaseCache(planted.stateDir, SITE, 'acme').hint).toBe('v2025_8/');
  });

  it('a state folder that cannot hold the cache (a file in its place) costs nothing but the cache', async () => {
    const { stateDir } = folders(false);
    writeFileSync(stateDir, 'not a folder');
    const cache = openCodebaseCache(stateDir, SITE, 'acme');
    expect(cache.hint).toBeUndefined();
    await expect(cache.remember('v2025_8/')).resolves.toBeUndefined();
    expect(readFileSync(stateDir, 'utf8')).toBe('not a folder');
  });
});
