import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CwctlError } from '../errors.js';
import { removeStaleTempFiles, writeFileAtomic, writeFileAtomicPieces } from './atomic-write.js';
import { acquireLock } from './lock.js';
import { parseDuration } from './parse-duration.js';
import { assertStateTarget, newStateFile, readStateFile, stateFilePath, statePieces, writeStateFile } from './state-file.js';
import type { StateFile } from '../model/state.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwctl-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const target = { site: 'api-na.myconnectwise.net', company: 'acme' };

describe('state file', () => {
  it('reads null when there is no state yet', async () => {
    expect(await readStateFile(join(dir, 'none'))).toBeNull();
  });

  it('round-trips and bumps the serial on every write, keeping the lineage', async () => {
    const fresh = newStateFile(target);
    expect(fresh.serial).toBe(0);
    expect(fresh.lineage).toMatch(/^[0-9a-f-]{36}$/);
    const one = await writeStateFile(dir, {
      ...fresh,
      resources: { 'role:B': { kind: 'role', psaId: 2, digest: 'sha256:b', appliedAt: 'now' }, 'role:A': { kind: 'role', psaId: 1, digest: 'sha256:a', appliedAt: 'now' } },
    });
    expect(one.serial).toBe(1);
    const two = await writeStateFile(dir, one);
    expect(two.serial).toBe(2);
    const read = await readStateFile(dir);
    expect(read).toEqual(two);
    expect(read?.lineage).toBe(fresh.lineage);
    // sorted addresses keep diffs of the state file small and stable
    expect(Object.keys(read!.resources)).toEqual(['role:A', 'role:B']);
  });

  it('leaves no temp files behind after writes', async () => {
    let state = newStateFile(target);
    for (let i = 0; i < 5; i += 1) state = await writeStateFile(dir, state);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('names file, line and column of a torn or hand-broken state', async () => {
    await writeFile(stateFilePath(dir), '{\n  "formatVersion": 1,\n  "lineage": x\n}');
    const error = await readStateFile(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CwctlError);
    expect((error as CwctlError).exitCode).toBe(3);
    expect((error as CwctlError).message).toMatch(/state\.json(:3:\d+)?: the state file is not valid JSON/);
  });

  it('names the field of a state with a wrong shape', async () => {
    await writeFile(stateFilePath(dir), JSON.stringify({ formatVersion: 1, lineage: 'l', serial: -1, target, resources: {} }));
    await expect(readStateFile(dir)).rejects.toThrow(/field "serial"/);
    await writeFile(stateFilePath(dir), JSON.stringify({ formatVersion: 9, lineage: 'l', serial: 1, target, resources: {} }));
    await expect(readStateFile(dir)).rejects.toThrow(/field "formatVersion" must be 1/);
  });

  it('refuses a state of another PSA with exit 5, and accepts the same one spelled differently', () => {
    const state = newStateFile(target);
    expect(() => assertStateTarget(state, { site: 'https://API-NA.myconnectwise.net/', company: 'ACME' }, dir)).not.toThrow();
    try {
      assertStateTarget(state, { site: 'api-eu.myconnectwise.net', company: 'acme' }, dir);
      expect.fail('should throw');
    } catch (error) {
      expect((error as CwctlError).exitCode).toBe(5);
      expect((error as CwctlError).message).toContain('api-eu.myconnectwise.net');
    }
  });
});

describe('the state written in pieces', () => {
  it('is byte for byte JSON.stringify(state, null, 2) with a line end', async () => {
    const empty = newStateFile(target);
    const full = {
      ...empty,
      serial: 7,
      resources: {
        'role:Tech "A"': { kind: 'role', psaId: 3, digest: 'sha256:00', applied: { name: 'Tech "A"', adminFlag: false, settings: { 'A / B': { add: 'All' } } }, appliedAt: 't' },
        'customize:Tech/SystemTableSetup': { kind: 'customize', digest: 'sha256:01', applied: { list: 'SystemTableSetup', items: [] }, appliedAt: 't', confirmedBy: { who: 'me\nyou \u2028 é', at: 't' } },
        'member:x': { kind: 'member', psaId: 9, digest: 'sha256:02', applied: { email: null, tags: [1, [2, {}], []] }, appliedAt: 't', note: undefined },
      },
    } as unknown as StateFile;
    for (const state of [empty, full, { ...full, extra: { a: [] }, skipped: undefined } as unknown as StateFile]) {
      expect([...statePieces(state)].join('')).toBe(`${JSON.stringify(state, null, 2)}\n`);
    }
    await writeStateFile(dir, full);
    const sorted = Object.fromEntries(Object.entries(full.resources).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(await readFile(stateFilePath(dir), 'utf8')).toBe(`${JSON.stringify({ ...full, serial: 8, resources: sorted }, null, 2)}\n`);
  });

  it('writes pieces larger and smaller than a write as one file', async () => {
    const pieces = ['a'.repeat(3 << 20), 'é', '', 'b'.repeat(10), 'c'.repeat((1 << 20) - 1)];
    await writeFileAtomicPieces(join(dir, 'f'), pieces);
    expect(await readFile(join(dir, 'f'), 'utf8')).toBe(pieces.join(''));
  });
});

describe('writeFileAtomic', () => {
  it('writes secrets with mode 0600 even over an existing wider file', async () => {
    const path = join(dir, 'keys');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, 'new', { mode: 0o600 });
    expect(await readFile(path, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});

describe('temp files left by a killed writer', () => {
  it('are removed once the lock is held; a live writer\'s temp file and other files are kept', async () => {
    const { spawnSync } = await import('node:child_process');
    // A pid that surely is gone: a child that has already exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = `.state.json.${dead}.0123abcd.tmp`;
    const live = `.state.json.${process.pid}.89abcdef.tmp`;
    await writeFile(join(dir, stale), '{"torn');
    await writeFile(join(dir, live), '{"in progress');
    await writeFile(join(dir, 'notes.tmp'), 'mine');
    const lock = await acquireLock({ stateDir: dir, operation: 'apply' });
    try {
      const names = await readdir(dir);
      expect(names).not.toContain(stale);
      expect(names).toContain(live);
      expect(names).toContain('notes.tmp');
    } finally {
      await lock.release();
    }
    expect(await removeStaleTempFiles(join(dir, 'missing'))).toBe(0);
  });
});

describe('parseDuration', () => {
  it.each([
    ['0', 0], ['30s', 30_000], ['5m', 300_000], ['1h', 3_600_000], ['1m30s', 90_000], ['250ms', 250], ['2', 2000],
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text, '--timeout')).toBe(ms);
  });
  it('rejects nonsense with exit 3 naming the flag', () => {
    expect(() => parseDuration('soon', '--lock-timeout')).toThrow(/--lock-timeout "soon" is not a duration/);
  });
});
