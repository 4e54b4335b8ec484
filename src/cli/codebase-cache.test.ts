import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCodebaseCache } from './codebase-cache.js';

const dirs: string[] = [];
const stateDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cwctl-codebase-'));
  dirs.push(dir);
  return join(dir, '.cwctl');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SITE = 'https://api-na.myconnectwise.net';

describe('codebase cache', () => {
  it('has no hint at first, keeps what discovery found, and hints it to the next run for the same site and company', () => {
    const dir = stateDir();
    const first = openCodebaseCache(dir, SITE, 'Acme');
    expect(first.hint).toBeUndefined();
    first.remember('v2025_8/');
    expect(openCodebaseCache(dir, SITE, 'acme').hint).toBe('v2025_8/');
    expect(openCodebaseCache(dir, SITE, 'other').hint).toBeUndefined();
    // Its own .gitignore keeps the folder out of git; no temp file is left behind.
    expect(readFileSync(join(dir, 'cache', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(readdirSync(join(dir, 'cache')).sort()).toEqual(['.gitignore', 'codebases.json']);
  });

  it('keeps the newest 16 sites, replacing a changed codebase in place', () => {
    const dir = stateDir();
    for (let i = 0; i < 20; i++) openCodebaseCache(dir, `https://psa${i}.example`, 'acme').remember(`v2025_${i}/`);
    expect(openCodebaseCache(dir, 'https://psa0.example', 'acme').hint).toBeUndefined();
    expect(openCodebaseCache(dir, 'https://psa19.example', 'acme').hint).toBe('v2025_19/');
    openCodebaseCache(dir, 'https://psa19.example', 'acme').remember('v2026_1/');
    const kept = JSON.parse(readFileSync(join(dir, 'cache', 'codebases.json'), 'utf8')) as { codebases: Record<string, string> };
    expect(Object.keys(kept.codebases)).toHaveLength(16);
    expect(kept.codebases['https://psa19.example acme']).toBe('v2026_1/');
  });

  it('reads a hostile or broken file as no hint, and never throws', () => {
    const dir = stateDir();
    mkdirSync(join(dir, 'cache'), { recursive: true });
    const file = join(dir, 'cache', 'codebases.json');
    for (const text of ['not json', '[]', '{"codebases": ["v1/"]}', `{"codebases": {"${SITE} acme": 42}}`, `{"codebases": {"${SITE} acme": "${'v'.repeat(100)}"}}`]) {
      writeFileSync(file, text);
      expect(openCodebaseCache(dir, SITE, 'acme').hint).toBeUndefined();
    }
    // Too large to be a cache of a few codebases: not even parsed.
    writeFileSync(file, JSON.stringify({ codebases: { [`${SITE} acme`]: 'v2025_8/' }, padding: 'x'.repeat(10_000) }));
    expect(openCodebaseCache(dir, SITE, 'acme').hint).toBeUndefined();
  });

  it('a state folder that cannot hold the cache (a file in its place) costs nothing but the cache', () => {
    const dir = stateDir();
    writeFileSync(dir, 'not a folder');
    const cache = openCodebaseCache(dir, SITE, 'acme');
    expect(cache.hint).toBeUndefined();
    expect(() => cache.remember('v2025_8/')).not.toThrow();
    expect(existsSync(join(dir, 'cache'))).toBe(false);
  });
});
